package io.pqcfhe.launcher.tls;

import io.pqcfhe.gateway.config.PemKeyCert;
import io.pqcfhe.launcher.data.DataFolder;
import io.pqcfhe.launcher.tls.bc.SelfSignedCertificates;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The dev-mode TLS identity: a self-signed EC P-256 certificate for localhost, 127.0.0.1, ::1 and this host's
 * name, created in the data folder at first start and reused afterwards (so clients that trust it once keep
 * trusting it). Renewed when it is missing, unreadable or about to expire.
 */
public final class DevCertificate {
  public static final String CERTIFICATE_FILE = "tls-dev-certificate.pem";
  public static final String PRIVATE_KEY_FILE = "tls-dev-private-key.pem";
  static final Duration VALIDITY = Duration.ofDays(365);
  private static final Duration RENEW_BEFORE = Duration.ofDays(1);

  private DevCertificate() {}

  /** Where in the data folder one dev certificate and its key live. */
  public record Files(String certificate, String privateKey) {}

  /** The gateway's wss:// certificate. */
  public static final Files GATEWAY = new Files(CERTIFICATE_FILE, PRIVATE_KEY_FILE);

  /** Loads the folder's dev certificate, creating one when there is none usable. */
  public static PemKeyCert loadOrCreate(DataFolder folder, String configuredHost, SecureRandom random) {
    return loadOrCreate(folder, GATEWAY, configuredHost, random);
  }

  /** Loads the dev certificate stored under {@code files}, creating one when there is none usable. */
  public static PemKeyCert loadOrCreate(DataFolder folder, Files files, String configuredHost, SecureRandom random) {
    return folder.locked(() -> {
      if (folder.contains(files.certificate()) && folder.contains(files.privateKey())) {
        String certificate = new String(folder.read(files.certificate()), StandardCharsets.US_ASCII);
        if (stillValid(certificate)) {
          return new PemKeyCert(certificate,
              new String(folder.read(files.privateKey()), StandardCharsets.US_ASCII));
        }
      }
      SelfSignedCertificates.PemPair pair =
          SelfSignedCertificates.create(dnsNames(configuredHost), ipAddresses(configuredHost), VALIDITY, random);
      // Key first: a certificate in place means its key is too.
      folder.writeAtomically(files.privateKey(), pair.privateKeyPem().getBytes(StandardCharsets.US_ASCII));
      folder.writeAtomically(files.certificate(), pair.certificatePem().getBytes(StandardCharsets.US_ASCII));
      return new PemKeyCert(pair.certificatePem(), pair.privateKeyPem());
    });
  }

  private static boolean stillValid(String certificatePem) {
    try {
      List<X509Certificate> chain = CertificateChains.parse(certificatePem);
      return !chain.isEmpty()
          && Instant.now().plus(RENEW_BEFORE).isBefore(chain.get(0).getNotAfter().toInstant());
    } catch (CertificateException e) {
      return false;
    }
  }

  static List<String> dnsNames(String configuredHost) {
    Set<String> names = new LinkedHashSet<>();
    names.add("localhost");
    localHostName().ifPresent(names::add);
    if (!isAddressLiteral(configuredHost)) {
      names.add(configuredHost);
    }
    return new ArrayList<>(names);
  }

  static List<String> ipAddresses(String configuredHost) {
    Set<String> addresses = new LinkedHashSet<>(List.of("127.0.0.1", "::1"));
    if (isAddressLiteral(configuredHost) && !configuredHost.equals("0.0.0.0") && !configuredHost.equals("::")) {
      addresses.add(configuredHost);
    }
    return new ArrayList<>(addresses);
  }

  private static Optional<String> localHostName() {
    try {
      String name = InetAddress.getLocalHost().getHostName();
      return isAddressLiteral(name) || name.isBlank() ? Optional.empty() : Optional.of(name);
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static boolean isAddressLiteral(String host) {
    return host.contains(":") || host.chars().allMatch(c -> Character.isDigit(c) || c == '.');
  }
}
