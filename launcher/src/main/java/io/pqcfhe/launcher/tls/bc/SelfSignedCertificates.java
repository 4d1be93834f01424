package io.pqcfhe.launcher.tls.bc;

import io.pqcfhe.launcher.tls.Pem;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Self-signed TLS server certificates for dev mode: an EC P-256 key (made by the JDK), a certificate for
 * {@code serverAuth} only, not a CA, with the given DNS names and IP addresses as subject alternative names.
 * BouncyCastle only builds the X.509 structure; keys and signatures are the JDK's.
 */
public final class SelfSignedCertificates {
  /** The certificate chain (one certificate) and its PKCS#8 private key, both PEM. */
  public record PemPair(String certificatePem, String privateKeyPem) {
    @Override
    public String toString() {
      return "PemPair[certificatePem=" + certificatePem.length() + " chars, privateKeyPem=<redacted>]";
    }
  }

  private static final String SUBJECT = "CN=pqc-fhe-gateway development (self-signed)";

  private SelfSignedCertificates() {}

  public static PemPair create(List<String> dnsNames, List<String> ipAddresses, Duration validity,
      SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      KeyPair keyPair = generator.generateKeyPair();

      Instant now = Instant.now();
      X500Name subject = new X500Name(SUBJECT);
      // RFC 5280 §4.1.2.2: positive, at most 20 octets, unpredictable.
      BigInteger serial = new BigInteger(159, random).setBit(0);
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial,
          Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)), subject,
          keyPair.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(dnsNames, ipAddresses));
      builder.addExtension(Extension.subjectKeyIdentifier, false,
          new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keyPair.getPublic()));
      X509CertificateHolder certificate =
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").setSecureRandom(random).build(keyPair.getPrivate()));

      return new PemPair(Pem.encode("CERTIFICATE", certificate.getEncoded()),
          Pem.encode("PRIVATE KEY", keyPair.getPrivate().getEncoded()));
    } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
      throw new IllegalStateException("cannot create a self-signed certificate", e);
    }
  }

  private static GeneralNames alternativeNames(List<String> dnsNames, List<String> ipAddresses)
      throws CertIOException {
    List<GeneralName> names = new ArrayList<>();
    dnsNames.forEach(name -> names.add(new GeneralName(GeneralName.dNSName, name)));
    ipAddresses.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
    return new GeneralNames(names.toArray(GeneralName[]::new));
  }
}
