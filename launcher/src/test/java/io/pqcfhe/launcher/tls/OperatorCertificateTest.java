package io.pqcfhe.launcher.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.gateway.config.PemKeyCert;
import io.pqcfhe.launcher.config.InvalidSettingException;
import io.pqcfhe.launcher.config.LauncherSettings.TlsFiles;
import io.pqcfhe.launcher.tls.bc.SelfSignedCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorCertificateTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  @TempDir Path dir;

  private TlsFiles write(SelfSignedCertificates.PemPair certificateOf, SelfSignedCertificates.PemPair keyOf)
      throws IOException {
    return new TlsFiles(Files.writeString(dir.resolve("cert.pem"), certificateOf.certificatePem()),
        Files.writeString(dir.resolve("key.pem"), keyOf.privateKeyPem()));
  }

  private static SelfSignedCertificates.PemPair pair(Duration validity) {
    return SelfSignedCertificates.create(List.of("gw.bank.example"), List.of("10.1.2.3"), validity, RANDOM);
  }

  @Test
  void aMatchingPairIsAccepted() throws Exception {
    SelfSignedCertificates.PemPair pair = pair(Duration.ofDays(30));
    PemKeyCert tls = OperatorCertificate.read(write(pair, pair), Instant.now());
    assertEquals(pair.certificatePem(), tls.certificateChainPem());
    X509Certificate leaf = CertificateChains.parse(tls.certificateChainPem()).get(0);
    assertTrue(leaf.getSubjectAlternativeNames().stream().anyMatch(n -> n.get(1).equals("gw.bank.example")));
    assertEquals(List.of("1.3.6.1.5.5.7.3.1"), leaf.getExtendedKeyUsage(), "serverAuth only");
    assertEquals(-1, leaf.getBasicConstraints(), "not a CA");
  }

  @Test
  void aKeyOfAnotherCertificateIsRefused() throws Exception {
    TlsFiles files = write(pair(Duration.ofDays(30)), pair(Duration.ofDays(30)));
    assertEquals("invalid setting tls.private_key: is not the key of the certificate in " + files.certificateChain(),
        refusal(files));
  }

  @Test
  void missingUnreadableAndExpiredFilesAreNamed() throws Exception {
    Path missing = dir.resolve("x.pem");
    assertEquals("invalid setting tls.certificate: file not found: " + missing,
        refusal(new TlsFiles(missing, missing)));

    SelfSignedCertificates.PemPair pair = pair(Duration.ofDays(30));
    TlsFiles files = write(pair, pair);
    Files.writeString(files.certificateChain(), "hello");
    assertEquals("invalid setting tls.certificate: no PEM certificate in " + files.certificateChain(), refusal(files));

    files = write(pair, pair);
    Files.writeString(files.privateKey(), pair.certificatePem());
    assertEquals("invalid setting tls.private_key: not a PEM private key: " + files.privateKey(), refusal(files));

    SelfSignedCertificates.PemPair expired = pair(Duration.ofDays(-1));
    files = write(expired, expired);
    assertTrue(refusal(files).startsWith("invalid setting tls.certificate: expired on "));
  }

  @Test
  void devCertificateNamesTheLocalAddresses() throws Exception {
    assertEquals(List.of("127.0.0.1", "::1"), DevCertificate.ipAddresses("0.0.0.0"));
    assertEquals(List.of("127.0.0.1", "::1", "10.0.0.5"), DevCertificate.ipAddresses("10.0.0.5"));
    assertEquals("localhost", DevCertificate.dnsNames("0.0.0.0").get(0));
    assertTrue(DevCertificate.dnsNames("gw.internal").contains("gw.internal"));
  }

  private static String refusal(TlsFiles files) {
    return assertThrows(InvalidSettingException.class, () -> OperatorCertificate.read(files, Instant.now()))
        .getMessage();
  }
}
