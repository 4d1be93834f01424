package io.pqcfhe.gateway.config;

/**
 * The TLS identity of the wss endpoint, as PEM text: the certificate chain (leaf first) and its private
 * key (PKCS#8 or PKCS#1). {@link #toString()} never shows the key.
 */
public record PemKeyCert(String certificateChainPem, String privateKeyPem) {

  public PemKeyCert {
    if (certificateChainPem == null || !certificateChainPem.contains("-----BEGIN CERTIFICATE-----")) {
      throw new IllegalArgumentException("tls certificate must be a PEM certificate chain");
    }
    if (privateKeyPem == null || !privateKeyPem.contains("PRIVATE KEY-----")) {
      throw new IllegalArgumentException("tls private key must be a PEM private key");
    }
  }

  @Override
  public String toString() {
    return "PemKeyCert[certificateChainPem=" + certificateChainPem.length() + " chars, privateKeyPem=<redacted>]";
  }
}
