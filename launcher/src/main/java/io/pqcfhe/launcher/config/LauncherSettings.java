package io.pqcfhe.launcher.config;

import io.pqcfhe.fhe.expression.ExpressionLimits;
import io.pqcfhe.fhe.request.RequestLimits;
import io.pqcfhe.fhe.store.Quotas;
import io.pqcfhe.fhe.verticle.FheWorkerConfig;
import io.pqcfhe.protocol.RateBucket;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The layered settings, typed and checked one by one. What needs the file system (do the files exist, does the
 * key match the certificate) is checked later, when the files are read; what needs several settings at once is
 * checked here.
 */
public record LauncherSettings(
    String host,
    int port,
    Path dataDir,
    Optional<TlsFiles> tls,
    JwtSources jwt,
    Limits limits,
    Optional<String> metricsToken,
    Optional<Path> metricsTokenFile,
    NodeRole role,
    Optional<ClusterSettings> cluster,
    FheWorkerConfig fheWorkers) {

  /** An operator-provided certificate chain and its private key, both PEM files. */
  public record TlsFiles(Path certificateChain, Path privateKey) {}

  /**
   * Where the token verification keys come from. Nothing configured means dev mode: a generated HS256 secret
   * in the data folder.
   */
  public record JwtSources(
      Optional<String> hs256Secret,
      Optional<Path> hs256SecretFile,
      Optional<Path> publicKey,
      Optional<String> publicKeyAlgorithm,
      Optional<Path> jwks,
      Optional<String> issuer,
      List<String> audience) {

    public boolean anyKeyConfigured() {
      return hs256Secret.isPresent() || hs256SecretFile.isPresent() || publicKey.isPresent() || jwks.isPresent();
    }
  }

  /** Session and abuse limits (PROTOCOL.md §3 and §7). */
  public record Limits(
      Duration sessionLifetime,
      int maxMessageBytes,
      int maxConnections,
      int maxMalformedInARow,
      Map<RateBucket, Integer> ratePerMinute,
      int adaptiveFailures,
      Duration adaptiveWindow,
      Duration adaptivePenalty,
      Duration requestTimeout) {}

  public static final List<String> PUBLIC_KEY_ALGORITHMS = List.of("RS256", "ES256");

  /** Types and checks every setting; the first invalid one throws {@link InvalidSettingException}. */
  public static LauncherSettings from(ResolvedSettings s) {
    return new LauncherSettings(
        host(s),
        intIn(s, Setting.PORT, 1, 65_535),
        path(s, Setting.DATA_DIR).orElseThrow(),
        tls(s),
        jwt(s),
        limits(s),
        nonBlank(s, Setting.METRICS_TOKEN),
        path(s, Setting.METRICS_TOKEN_FILE),
        role(s),
        cluster(s),
        fheWorkers(s));
  }

  /** The setting that configures one rate-limit bucket. */
  public static Setting rateSetting(RateBucket bucket) {
    return Setting.byKey("rate_limits." + bucket.wireName())
        .orElseThrow(() -> new IllegalStateException("no setting for rate bucket " + bucket));
  }

  private static String host(ResolvedSettings s) {
    return nonBlank(s, Setting.HOST).orElseThrow(() -> new InvalidSettingException(Setting.HOST, "must not be empty"));
  }

  private static NodeRole role(ResolvedSettings s) {
    String text = nonBlank(s, Setting.ROLES).orElseThrow(() -> new InvalidSettingException(Setting.ROLES,
        "must not be empty"));
    NodeRole role = NodeRole.byWireName(text).orElseThrow(() -> new InvalidSettingException(Setting.ROLES,
        "must be one of all, gateway, fhe-worker, not " + text));
    if (role != NodeRole.ALL && !bool(s, Setting.CLUSTER_ENABLED)) {
      // A gateway alone would answer every fhe.* SERVICE_UNAVAILABLE; a worker alone would serve nobody.
      throw new InvalidSettingException(Setting.ROLES, role.wireName() + " needs cluster.enabled (--cluster)");
    }
    if (role == NodeRole.ALL && bool(s, Setting.CLUSTER_ENABLED)) {
      // In a cluster the gateway's fhe.* go to worker nodes through a router; a node is one or the other.
      throw new InvalidSettingException(Setting.ROLES, "all runs in one process; in a cluster give each node "
          + "gateway or fhe-worker");
    }
    return role;
  }

  private static Optional<ClusterSettings> cluster(ResolvedSettings s) {
    if (!bool(s, Setting.CLUSTER_ENABLED)) {
      return Optional.empty();
    }
    List<String> members = list(s, Setting.CLUSTER_MEMBERS);
    if (members.isEmpty()) {
      throw new InvalidSettingException(Setting.CLUSTER_MEMBERS, "must list at least one member");
    }
    for (String member : members) {
      checkMember(member);
    }
    String host = nonBlank(s, Setting.CLUSTER_HOST)
        .orElseThrow(() -> new InvalidSettingException(Setting.CLUSTER_HOST, "must not be empty"));
    String name = nonBlank(s, Setting.CLUSTER_NAME)
        .orElseThrow(() -> new InvalidSettingException(Setting.CLUSTER_NAME, "must not be empty"));
    return Optional.of(new ClusterSettings(name, host, intIn(s, Setting.CLUSTER_PORT, 1, 65_535), members,
        intIn(s, Setting.CLUSTER_BUS_PORT, 0, 65_535), path(s, Setting.CLUSTER_CONFIG), clusterTls(s)));
  }

  private static void checkMember(String member) {
    int colon = member.lastIndexOf(':');
    if (colon < 0 || member.startsWith("[") && !member.contains("]:")) {
      return;
    }
    String port = member.substring(colon + 1);
    try {
      int value = Integer.parseInt(port);
      if (value >= 1 && value <= 65_535) {
        return;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidSettingException(Setting.CLUSTER_MEMBERS, "not host or host:port: " + member);
  }

  private static Optional<ClusterSettings.TlsFiles> clusterTls(ResolvedSettings s) {
    Optional<Path> certificate = path(s, Setting.CLUSTER_TLS_CERTIFICATE);
    Optional<Path> key = path(s, Setting.CLUSTER_TLS_PRIVATE_KEY);
    Optional<Path> trust = path(s, Setting.CLUSTER_TLS_TRUST);
    if (certificate.isEmpty() && key.isEmpty() && trust.isEmpty()) {
      return Optional.empty();
    }
    for (Setting required : List.of(Setting.CLUSTER_TLS_CERTIFICATE, Setting.CLUSTER_TLS_PRIVATE_KEY,
        Setting.CLUSTER_TLS_TRUST)) {
      if (path(s, required).isEmpty()) {
        throw new InvalidSettingException(required,
            "required: cluster.tls_certificate, cluster.tls_private_key and cluster.tls_trust go together");
      }
    }
    return Optional.of(new ClusterSettings.TlsFiles(certificate.orElseThrow(), key.orElseThrow(), trust.orElseThrow()));
  }

  private static boolean bool(ResolvedSettings s, Setting setting) {
    String text = nonBlank(s, setting).orElse("false").toLowerCase(Locale.ROOT);
    return switch (text) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new InvalidSettingException(setting, "must be true or false, not " + text);
    };
  }

  private static Optional<TlsFiles> tls(ResolvedSettings s) {
    Optional<Path> certificate = path(s, Setting.TLS_CERTIFICATE);
    Optional<Path> key = path(s, Setting.TLS_PRIVATE_KEY);
    if (certificate.isPresent() != key.isPresent()) {
      Setting missing = certificate.isPresent() ? Setting.TLS_PRIVATE_KEY : Setting.TLS_CERTIFICATE;
      Setting present = certificate.isPresent() ? Setting.TLS_CERTIFICATE : Setting.TLS_PRIVATE_KEY;
      throw new InvalidSettingException(missing, "required when " + present.key() + " is set");
    }
    return certificate.map(c -> new TlsFiles(c, key.orElseThrow()));
  }

  private static JwtSources jwt(ResolvedSettings s) {
    Optional<String> secret = nonBlank(s, Setting.JWT_HS256_SECRET);
    Optional<Path> secretFile = path(s, Setting.JWT_HS256_SECRET_FILE);
    if (secret.isPresent() && secretFile.isPresent()) {
      throw new InvalidSettingException(Setting.JWT_HS256_SECRET_FILE,
          "set either " + Setting.JWT_HS256_SECRET.environmentVariable() + " or this, not both");
    }
    Optional<Path> publicKey = path(s, Setting.JWT_PUBLIC_KEY);
    Optional<String> algorithm = nonBlank(s, Setting.JWT_ALGORITHM);
    if (publicKey.isPresent() && algorithm.isEmpty()) {
      throw new InvalidSettingException(Setting.JWT_ALGORITHM,
          "required with " + Setting.JWT_PUBLIC_KEY.key() + ": one of " + String.join(", ", PUBLIC_KEY_ALGORITHMS));
    }
    if (algorithm.isPresent()) {
      if (publicKey.isEmpty()) {
        throw new InvalidSettingException(Setting.JWT_ALGORITHM,
            "names the algorithm of " + Setting.JWT_PUBLIC_KEY.key() + ", which is not set");
      }
      if (!PUBLIC_KEY_ALGORITHMS.contains(algorithm.get())) {
        throw new InvalidSettingException(Setting.JWT_ALGORITHM,
            "must be one of " + String.join(", ", PUBLIC_KEY_ALGORITHMS) + ", not " + algorithm.get());
      }
    }
    return new JwtSources(secret, secretFile, publicKey, algorithm, path(s, Setting.JWT_JWKS),
        nonBlank(s, Setting.JWT_ISSUER), list(s, Setting.JWT_AUDIENCE));
  }

  private static Limits limits(ResolvedSettings s) {
    Map<RateBucket, Integer> rates = new EnumMap<>(RateBucket.class);
    for (RateBucket bucket : RateBucket.values()) {
      rates.put(bucket, positiveInt(s, rateSetting(bucket)));
    }
    return new Limits(
        Duration.ofSeconds(positiveInt(s, Setting.SESSION_LIFETIME_SECONDS)),
        positiveInt(s, Setting.MAX_MESSAGE_BYTES),
        positiveInt(s, Setting.MAX_CONNECTIONS),
        positiveInt(s, Setting.MAX_MALFORMED_IN_A_ROW),
        Collections.unmodifiableMap(rates),
        positiveInt(s, Setting.ADAPTIVE_FAILURES),
        Duration.ofSeconds(positiveInt(s, Setting.ADAPTIVE_WINDOW_SECONDS)),
        Duration.ofSeconds(positiveInt(s, Setting.ADAPTIVE_PENALTY_SECONDS)),
        Duration.ofSeconds(positiveInt(s, Setting.REQUEST_TIMEOUT_SECONDS)));
  }

  /** The FHE workers: the configured values over {@link FheWorkerConfig#defaults()}. */
  private static FheWorkerConfig fheWorkers(ResolvedSettings s) {
    FheWorkerConfig defaults = FheWorkerConfig.defaults();
    int instances = nonBlank(s, Setting.FHE_WORKERS).isPresent() ? positiveInt(s, Setting.FHE_WORKERS)
        : defaults.instances();
    Quotas quotas = new Quotas(positiveInt(s, Setting.FHE_QUOTA_CONTEXTS), positiveInt(s, Setting.FHE_QUOTA_CIPHERTEXTS),
        positiveLong(s, Setting.FHE_QUOTA_BYTES));
    ExpressionLimits expressions = new ExpressionLimits(positiveInt(s, Setting.FHE_EXPRESSION_MAX_LENGTH),
        positiveInt(s, Setting.FHE_EXPRESSION_MAX_NODES), positiveInt(s, Setting.FHE_EXPRESSION_MAX_EXPONENT),
        positiveInt(s, Setting.FHE_EXPRESSION_MAX_NESTING));
    RequestLimits limits = new RequestLimits(positiveInt(s, Setting.FHE_MAX_OBJECT_BYTES), expressions);
    return new FheWorkerConfig(instances, quotas, limits);
  }

  private static Optional<String> nonBlank(ResolvedSettings s, Setting setting) {
    return s.text(setting).map(String::strip).filter(t -> !t.isEmpty());
  }

  private static Optional<Path> path(ResolvedSettings s, Setting setting) {
    return nonBlank(s, setting).map(text -> {
      try {
        return Path.of(text);
      } catch (InvalidPathException e) {
        throw new InvalidSettingException(setting, "not a valid path: " + text);
      }
    });
  }

  private static List<String> list(ResolvedSettings s, Setting setting) {
    return nonBlank(s, setting)
        .map(t -> Arrays.stream(t.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList())
        .orElse(List.of());
  }

  private static int positiveInt(ResolvedSettings s, Setting setting) {
    return intIn(s, setting, 1, Integer.MAX_VALUE);
  }

  private static long positiveLong(ResolvedSettings s, Setting setting) {
    String text = nonBlank(s, setting)
        .orElseThrow(() -> new InvalidSettingException(setting, "must not be empty"));
    long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new InvalidSettingException(setting, "not an integer: " + text);
    }
    if (value < 1) {
      throw new InvalidSettingException(setting, "must be positive, not " + text);
    }
    return value;
  }

  private static int intIn(ResolvedSettings s, Setting setting, int min, int max) {
    String text = nonBlank(s, setting)
        .orElseThrow(() -> new InvalidSettingException(setting, "must not be empty"));
    long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new InvalidSettingException(setting, "not an integer: " + text);
    }
    if (value < min || value > max) {
      throw new InvalidSettingException(setting,
          max == Integer.MAX_VALUE ? "must be positive, not " + text
              : "must be between " + min + " and " + max + ", not " + text);
    }
    return (int) value;
  }
}
