package io.pqcfhe.launcher.tls.bc;

import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads an operator's PEM private key in any of the usual encodings (PKCS#8 {@code PRIVATE KEY}, PKCS#1
 * {@code RSA PRIVATE KEY}, SEC 1 {@code EC PRIVATE KEY}) into a JDK key, so that the launcher can check it
 * against its certificate and hand the gateway one encoding (PKCS#8).
 */
public final class PrivateKeys {
  /** Why a PEM text is not a usable private key. */
  public static final class UnreadableKeyException extends Exception {
    UnreadableKeyException(String reason) {
      super(reason, null, false, false);
    }
  }

  private PrivateKeys() {}

  public static PrivateKey fromPem(String pem) throws UnreadableKeyException {
    Object object;
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      object = parser.readObject();
    } catch (IOException | RuntimeException e) {
      throw new UnreadableKeyException("not a PEM private key");
    }
    if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
      throw new UnreadableKeyException("encrypted private keys are not supported; protect the file instead");
    }
    Optional<PrivateKeyInfo> info = object instanceof PEMKeyPair pair ? Optional.of(pair.getPrivateKeyInfo())
        : object instanceof PrivateKeyInfo plain ? Optional.of(plain) : Optional.empty();
    if (info.isEmpty()) {
      throw new UnreadableKeyException("not a PEM private key");
    }
    try {
      return new JcaPEMKeyConverter().getPrivateKey(info.get());
    } catch (IOException | RuntimeException e) {
      throw new UnreadableKeyException("unsupported or malformed private key");
    }
  }
}
