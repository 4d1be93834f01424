package io.pqcfhe.launcher.tls;

import io.pqcfhe.gateway.config.PemKeyCert;
import io.pqcfhe.launcher.config.InvalidSettingException;
import io.pqcfhe.launcher.config.LauncherSettings.TlsFiles;
import io.pqcfhe.launcher.config.Setting;
import io.pqcfhe.launcher.config.SettingFiles;
import io.pqcfhe.launcher.tls.bc.PrivateKeys;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * The operator's certificate chain and key, checked before anything listens: both files readable, the chain
 * parses and its leaf is currently valid, the key parses and belongs to the leaf. The key is handed on as
 * PKCS#8, whatever encoding the file used.
 */
public final class OperatorCertificate {
  private OperatorCertificate() {}

  public static PemKeyCert read(TlsFiles files, Instant now) {
    return read(new Source(Setting.TLS_CERTIFICATE, files.certificateChain(), Setting.TLS_PRIVATE_KEY,
        files.privateKey()), now);
  }

  /** Which settings name the two files, so that a refusal names the right one. */
  public record Source(Setting certificateSetting, Path certificateChain, Setting keySetting, Path privateKey) {}

  public static PemKeyCert read(Source files, Instant now) {
    String chainPem = SettingFiles.readText(files.certificateSetting(), files.certificateChain());
    String keyPem = SettingFiles.readText(files.keySetting(), files.privateKey());
    List<X509Certificate> chain;
    try {
      chain = CertificateChains.parse(chainPem);
    } catch (CertificateException e) {
      chain = List.of();
    }
    if (chain.isEmpty()) {
      throw new InvalidSettingException(files.certificateSetting(),
          "no PEM certificate in " + files.certificateChain());
    }
    X509Certificate leaf = chain.get(0);
    if (now.isAfter(leaf.getNotAfter().toInstant())) {
      throw new InvalidSettingException(files.certificateSetting(),
          "expired on " + leaf.getNotAfter().toInstant() + ": " + files.certificateChain());
    }
    if (now.isBefore(leaf.getNotBefore().toInstant())) {
      throw new InvalidSettingException(files.certificateSetting(),
          "not valid before " + leaf.getNotBefore().toInstant() + ": " + files.certificateChain());
    }
    PrivateKey key;
    try {
      key = PrivateKeys.fromPem(keyPem);
    } catch (PrivateKeys.UnreadableKeyException e) {
      throw new InvalidSettingException(files.keySetting(), e.getMessage() + ": " + files.privateKey());
    }
    if (!CertificateChains.matches(key, leaf)) {
      throw new InvalidSettingException(files.keySetting(),
          "is not the key of the certificate in " + files.certificateChain());
    }
    return new PemKeyCert(chainPem, Pem.encode("PRIVATE KEY", key.getEncoded()));
  }
}
