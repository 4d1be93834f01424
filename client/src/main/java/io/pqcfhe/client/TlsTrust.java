package io.pqcfhe.client;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Which TLS certificates the client accepts. Independent of pinning the server's ML-DSA identity key
 * ({@link ClientOptions#pinnedServerKey()}): TLS protects the token and the plain requests, the identity
 * key authenticates the PQC handshake.
 */
public sealed interface TlsTrust {

  /** The JVM's default trust store. */
  record SystemDefault() implements TlsTrust {}

  /** CA or self-signed certificates, PEM encoded. */
  record PemCertificates(Path file) implements TlsTrust {
    public PemCertificates {
      Objects.requireNonNull(file, "file");
    }
  }

  /** A PKCS#12 or JKS trust store (the type is guessed from the file name: .p12/.pfx is PKCS#12). */
  record TrustStore(Path file, String password) implements TlsTrust {
    public TrustStore {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "TrustStore[file=" + file + "]";
    }
  }

  /**
   * Development only: accepts ANY certificate and host name, so anyone on the path can read the token and
   * every plain request. Only a pinned server key still authenticates the PQC handshake.
   */
  record InsecureTrustAll() implements TlsTrust {}

  static TlsTrust systemDefault() {
    return new SystemDefault();
  }

  static TlsTrust pem(Path file) {
    return new PemCertificates(file);
  }

  static TlsTrust insecureTrustAll() {
    return new InsecureTrustAll();
  }
}
