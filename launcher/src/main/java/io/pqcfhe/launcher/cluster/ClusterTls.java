package io.pqcfhe.launcher.cluster;

import io.pqcfhe.gateway.config.PemKeyCert;
import io.pqcfhe.launcher.config.ClusterSettings;
import io.pqcfhe.launcher.config.InvalidSettingException;
import io.pqcfhe.launcher.config.Setting;
import io.pqcfhe.launcher.config.SettingFiles;
import io.pqcfhe.launcher.data.DataFolder;
import io.pqcfhe.launcher.tls.CertificateChains;
import io.pqcfhe.launcher.tls.DevCertificate;
import io.pqcfhe.launcher.tls.OperatorCertificate;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.time.Instant;

/**
 * Mutual TLS on the clustered event bus: every node presents its certificate and accepts only peers whose
 * certificate chains to the cluster CA. Requests, replies and relayed plaintexts travel on this bus, so a node
 * without the cluster key cannot read them nor inject any.
 *
 * <p>Without operator files, the node uses a dev certificate kept in its data folder and trusts exactly that
 * certificate: nodes started with the same {@code --data-dir} on one machine share it; nodes on other machines
 * need a copy of it, or (production) certificates from a cluster CA.
 *
 * @param keyCert this node's certificate chain and key
 * @param trustedCertificatesPem the CA (or, in dev, the shared self-signed certificate) peers must chain to
 * @param dev whether the dev certificate is in use
 */
public record ClusterTls(PemKeyCert keyCert, String trustedCertificatesPem, boolean dev) {
  /** The dev certificate's files in the data folder. */
  public static final DevCertificate.Files DEV_FILES =
      new DevCertificate.Files("cluster-tls-dev-certificate.pem", "cluster-tls-dev-private-key.pem");

  public static ClusterTls resolve(ClusterSettings settings, DataFolder folder, SecureRandom random) {
    return settings.tls().map(files -> {
      PemKeyCert keyCert = OperatorCertificate.read(new OperatorCertificate.Source(
          Setting.CLUSTER_TLS_CERTIFICATE, files.certificateChain(), Setting.CLUSTER_TLS_PRIVATE_KEY,
          files.privateKey()), Instant.now());
      String trusted = SettingFiles.readText(Setting.CLUSTER_TLS_TRUST, files.trustedCertificates());
      try {
        if (CertificateChains.parse(trusted).isEmpty()) {
          throw new InvalidSettingException(Setting.CLUSTER_TLS_TRUST,
              "no PEM certificate in " + files.trustedCertificates());
        }
      } catch (CertificateException e) {
        throw new InvalidSettingException(Setting.CLUSTER_TLS_TRUST,
            "unreadable certificate in " + files.trustedCertificates());
      }
      return new ClusterTls(keyCert, trusted, false);
    }).orElseGet(() -> {
      PemKeyCert keyCert = DevCertificate.loadOrCreate(folder, DEV_FILES, settings.host(), random);
      return new ClusterTls(keyCert, keyCert.certificateChainPem(), true);
    });
  }

  /** Turns TLS on for the clustered event bus, both ways: the server side demands a client certificate. */
  public EventBusOptions applyTo(EventBusOptions options) {
    return options
        .setSsl(true)
        .setClientAuth(ClientAuth.REQUIRED)
        .setKeyCertOptions(new PemKeyCertOptions()
            .addCertValue(Buffer.buffer(keyCert.certificateChainPem()))
            .addKeyValue(Buffer.buffer(keyCert.privateKeyPem())))
        .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(trustedCertificatesPem)));
  }

  @Override
  public String toString() {
    return "ClusterTls[dev=" + dev + "]";
  }
}
