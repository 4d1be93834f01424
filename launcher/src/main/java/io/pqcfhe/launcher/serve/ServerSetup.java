package io.pqcfhe.launcher.serve;

import io.pqcfhe.fhe.verticle.FheWorkerConfig;
import io.pqcfhe.gateway.config.AdaptiveLimits;
import io.pqcfhe.gateway.config.GatewayConfig;
import io.pqcfhe.gateway.config.PemKeyCert;
import io.pqcfhe.gateway.config.ServerKey;
import io.pqcfhe.launcher.config.InvalidSettingException;
import io.pqcfhe.launcher.config.LauncherSettings;
import io.pqcfhe.launcher.config.Setting;
import io.pqcfhe.launcher.config.SettingFiles;
import io.pqcfhe.launcher.data.DataFolder;
import io.pqcfhe.launcher.data.DevJwtSecret;
import io.pqcfhe.launcher.data.ServerIdentities;
import io.pqcfhe.launcher.jwt.VerificationKeys;
import io.pqcfhe.launcher.tls.DevCertificate;
import io.pqcfhe.launcher.tls.OperatorCertificate;
import io.pqcfhe.pqc.identity.ServerIdentity;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns checked settings into what the server runs with: opens the data folder, loads or creates the server
 * identity and, where nothing is configured, the dev certificate and dev JWT secret, then builds the
 * {@link GatewayConfig}. Records which dev defaults it used, so that the server can say so.
 */
public final class ServerSetup {
  /**
   * Everything a start needs.
   *
   * @param devDefaults one phrase per dev default in use (empty: production settings throughout)
   * @param devJwtSecret the generated HS256 secret when it is in use, to sign the printed demo token
   */
  public record Prepared(GatewayConfig gateway, ServerIdentity identity, DataFolder dataFolder,
      List<String> devDefaults, Optional<String> devJwtSecret, FheWorkerConfig fheWorkers) {
    @Override
    public String toString() {
      return "Prepared[gateway=" + gateway + ", devDefaults=" + devDefaults + "]";
    }
  }

  private ServerSetup() {}

  public static Prepared prepare(LauncherSettings settings, List<String> capabilities, SecureRandom random) {
    DataFolder folder = DataFolder.open(settings.dataDir());
    List<String> devDefaults = new ArrayList<>();

    PemKeyCert tls = settings.tls()
        .map(files -> OperatorCertificate.read(files, Instant.now()))
        .orElseGet(() -> {
          devDefaults.add("self-signed certificate (" + folder.resolve(DevCertificate.CERTIFICATE_FILE) + ")");
          return DevCertificate.loadOrCreate(folder, settings.host(), random);
        });

    VerificationKeys.Setup jwt = VerificationKeys.resolve(settings.jwt(), VerificationKeys.devSecretOf(folder, random));
    if (jwt.devSecret()) {
      devDefaults.add("generated JWT secret (" + folder.resolve(DevJwtSecret.FILE_NAME) + ")");
    }

    Optional<String> metricsToken = metricsToken(settings);
    ServerIdentity identity = ServerIdentities.loadOrCreate(folder, random);
    LauncherSettings.Limits limits = settings.limits();
    GatewayConfig gateway;
    try {
      gateway = new GatewayConfig(
          settings.host(),
          settings.port(),
          tls,
          jwt.settings(),
          limits.sessionLifetime(),
          limits.maxMessageBytes(),
          limits.maxConnections(),
          limits.maxMalformedInARow(),
          limits.ratePerMinute(),
          new AdaptiveLimits(limits.adaptiveFailures(), limits.adaptiveWindow(), limits.adaptivePenalty()),
          limits.requestTimeout(),
          ServerKey.of(identity.publicKey()),
          capabilities,
          metricsToken,
          !devDefaults.isEmpty());
    } catch (IllegalArgumentException e) {
      identity.destroy();
      // The record names the setting in its message; the launcher checked the same things first.
      throw new InvalidSettingException("configuration", e.getMessage());
    }
    return new Prepared(gateway, identity, folder, List.copyOf(devDefaults),
        jwt.devSecret() ? jwt.hs256Secret() : Optional.empty(), settings.fheWorkers());
  }

  private static Optional<String> metricsToken(LauncherSettings settings) {
    if (settings.metricsToken().isPresent() && settings.metricsTokenFile().isPresent()) {
      throw new InvalidSettingException(Setting.METRICS_TOKEN_FILE,
          "set either " + Setting.METRICS_TOKEN.environmentVariable() + " or this, not both");
    }
    return settings.metricsToken().or(() -> settings.metricsTokenFile().map(file -> {
      String token = SettingFiles.readText(Setting.METRICS_TOKEN_FILE, file).strip();
      if (token.isEmpty()) {
        throw new InvalidSettingException(Setting.METRICS_TOKEN_FILE, "empty file: " + file);
      }
      return token;
    }));
  }
}
