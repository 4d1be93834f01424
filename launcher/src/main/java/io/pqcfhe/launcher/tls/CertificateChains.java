package io.pqcfhe.launcher.tls;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/** Checks on PEM certificate chains and their keys, with the JDK's X.509 and signature code. */
public final class CertificateChains {
  private CertificateChains() {}

  /** The certificates of a PEM chain, leaf first; empty when the text holds none. */
  public static List<X509Certificate> parse(String pem) throws CertificateException {
    return CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
        .stream()
        .map(X509Certificate.class::cast)
        .toList();
  }

  /** Whether {@code key} is the private key of {@code certificate}. */
  public static boolean matches(PrivateKey key, X509Certificate certificate) {
    return KeyMatch.isPair(key, certificate.getPublicKey());
  }
}
