package io.pqcfhe.launcher.config;

import io.pqcfhe.fhe.request.RequestLimits;
import io.pqcfhe.fhe.store.Quotas;
import io.pqcfhe.fhe.expression.ExpressionLimits;
import io.pqcfhe.fhe.verticle.FheWorkerConfig;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every setting of the server, in one table: its key in {@code conf/gateway.json} (dots for nested objects),
 * its environment variable, the embedded default as documented, and whether it is a secret. Secrets are
 * accepted only from the environment (a configuration file and a command line are too easy to leak: they
 * get committed, copied and shown by {@code ps}); the {@code *_file} settings name a file holding one.
 */
public enum Setting {
  HOST("host", "0.0.0.0", "interface the server listens on"),
  PORT("port", "8443", "TCP port of the wss:// endpoint"),
  DATA_DIR("data_dir", "./data", "folder of the server identity key and the dev-mode credentials (owner only)"),
  TLS_CERTIFICATE("tls.certificate", null,
      "PEM file: the server certificate chain (unset: a self-signed dev certificate in data_dir)"),
  TLS_PRIVATE_KEY("tls.private_key", null, "PEM file: the private key of tls.certificate"),
  JWT_HS256_SECRET("jwt.hs256_secret", null, Secrecy.SECRET,
      "HS256 secret, at least 32 bytes"),
  JWT_HS256_SECRET_FILE("jwt.hs256_secret_file", null, "file holding the HS256 secret"),
  JWT_PUBLIC_KEY("jwt.public_key", null, "PEM file: public key that verifies RS256/ES256 tokens"),
  JWT_ALGORITHM("jwt.algorithm", null, "algorithm of jwt.public_key: RS256 or ES256 (required with it)"),
  JWT_JWKS("jwt.jwks", null, "JSON file: a JWK set ({\"keys\":[...]}) of RS256/ES256 verification keys"),
  JWT_ISSUER("jwt.issuer", null, "required iss claim (unset: not checked)"),
  JWT_AUDIENCE("jwt.audience", null, "accepted aud values, comma-separated (unset: not checked)"),
  SESSION_LIFETIME_SECONDS("session_lifetime_seconds", "3600", "session lifetime, capped by the token's exp"),
  MAX_MESSAGE_BYTES("max_message_bytes", "67108864", "largest WebSocket message (larger: close 1009)"),
  MAX_CONNECTIONS("max_connections", "10000", "open WebSockets per server (more: 503)"),
  MAX_MALFORMED_IN_A_ROW("max_malformed_in_a_row", "20", "malformed frames in a row before close 1008"),
  RATE_LIMIT_CONNECTION("rate_limits.connection", "10", "connections per client id per minute"),
  RATE_LIMIT_PQC("rate_limits.pqc", "5", "pqc.initiate per client id per minute"),
  RATE_LIMIT_FHE_SETUP("rate_limits.fhe.setup", "2", "fhe.setup per client id per minute"),
  RATE_LIMIT_FHE_ENCRYPT("rate_limits.fhe.encrypt", "100", "fhe.encrypt per client id per minute"),
  RATE_LIMIT_FHE_COMPUTE("rate_limits.fhe.compute", "50", "fhe.compute per client id per minute"),
  RATE_LIMIT_SECURE("rate_limits.secure", "1000", "secure.send per client id per minute"),
  ADAPTIVE_FAILURES("adaptive.failures", "5", "failures within adaptive.window_seconds that halve the limits"),
  ADAPTIVE_WINDOW_SECONDS("adaptive.window_seconds", "60", "window in which failures are counted"),
  ADAPTIVE_PENALTY_SECONDS("adaptive.penalty_seconds", "600", "how long the limits stay halved"),
  REQUEST_TIMEOUT_SECONDS("request_timeout_seconds", "30", "timeout of a request to a service (then 503)"),
  METRICS_TOKEN("metrics.bearer_token", null, Secrecy.SECRET,
      "bearer token required by GET /metrics (unset: /metrics is open)"),
  METRICS_TOKEN_FILE("metrics.bearer_token_file", null, "file holding the /metrics bearer token"),
  ROLES("roles", "all", "what this node runs: all, gateway (gateway and PQC) or fhe-worker (FHE workers, no HTTP)"),
  CLUSTER_ENABLED("cluster.enabled", "false", "join a Hazelcast cluster; the event bus spans its nodes over TLS"),
  CLUSTER_NAME("cluster.name", "pqc-fhe", "cluster name: only nodes with the same name join each other"),
  CLUSTER_HOST("cluster.host", "127.0.0.1", "address this node's cluster traffic binds to and announces"),
  CLUSTER_PORT("cluster.port", "5701", "Hazelcast member port (the next free one up to +2 when taken)"),
  CLUSTER_MEMBERS("cluster.members", "127.0.0.1", "members to join, comma-separated host or host:port"),
  CLUSTER_BUS_PORT("cluster.bus_port", "0", "TLS event-bus port (0: any free port, announced through Hazelcast)"),
  CLUSTER_CONFIG("cluster.config", null, "Hazelcast XML file (unset: conf/cluster.xml as built in)"),
  CLUSTER_TLS_CERTIFICATE("cluster.tls_certificate", null,
      "PEM file: this node's event-bus certificate chain (unset: a dev certificate in data_dir)"),
  CLUSTER_TLS_PRIVATE_KEY("cluster.tls_private_key", null, "PEM file: the private key of cluster.tls_certificate"),
  CLUSTER_TLS_TRUST("cluster.tls_trust", null,
      "PEM file: the cluster CA certificate(s) peers must chain to (required with cluster.tls_certificate)"),
  FHE_WORKERS("fhe.workers", null, "FHE worker verticle instances on this node (unset: one per processor)"),
  FHE_QUOTA_CONTEXTS("fhe.quota.contexts", String.valueOf(FheDefaults.QUOTAS.maxContexts()),
      "FHE contexts a session may hold at once (more: RATE_LIMIT_EXCEEDED, reason quota)"),
  FHE_QUOTA_CIPHERTEXTS("fhe.quota.ciphertexts", String.valueOf(FheDefaults.QUOTAS.maxCiphertexts()),
      "ciphertexts a session may store at once, all its contexts together"),
  FHE_QUOTA_BYTES("fhe.quota.bytes", String.valueOf(FheDefaults.QUOTAS.maxBytes()),
      "bytes of keys and ciphertexts a session may store at once"),
  FHE_MAX_OBJECT_BYTES("fhe.max_object_bytes", String.valueOf(FheDefaults.LIMITS.maxSealObjectBytes()),
      "largest decoded SEAL object (ciphertext or key) a request may carry"),
  FHE_EXPRESSION_MAX_LENGTH("fhe.expression.max_length", String.valueOf(FheDefaults.EXPRESSIONS.maxLength()),
      "characters of a polynomial expression"),
  FHE_EXPRESSION_MAX_NODES("fhe.expression.max_nodes", String.valueOf(FheDefaults.EXPRESSIONS.maxNodes()),
      "numbers, variables, operators and calls in a polynomial expression"),
  FHE_EXPRESSION_MAX_EXPONENT("fhe.expression.max_exponent", String.valueOf(FheDefaults.EXPRESSIONS.maxExponent()),
      "largest exponent of ^ in a polynomial expression"),
  FHE_EXPRESSION_MAX_NESTING("fhe.expression.max_nesting", String.valueOf(FheDefaults.EXPRESSIONS.maxNesting()),
      "parentheses, calls and unary minus nested in a polynomial expression");

  /**
   * The FHE workers' own defaults, read once: the table documents them rather than restating the numbers. The
   * worker count is left out on purpose: it depends on the machine, so its default is "unset".
   */
  private static final class FheDefaults {
    static final Quotas QUOTAS = FheWorkerConfig.defaults().quotas();
    static final RequestLimits LIMITS = FheWorkerConfig.defaults().limits();
    static final ExpressionLimits EXPRESSIONS = LIMITS.expressionLimits();
  }

  /** Whether a value may appear in a configuration file or on a command line. */
  public enum Secrecy { PLAIN, SECRET }

  private static final String ENV_PREFIX = "PQCFHE_";

  private final String key;
  private final String defaultValue;
  private final Secrecy secrecy;
  private final String description;

  Setting(String key, String defaultValue, String description) {
    this(key, defaultValue, Secrecy.PLAIN, description);
  }

  Setting(String key, String defaultValue, Secrecy secrecy, String description) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.secrecy = secrecy;
    this.description = description;
  }

  /** The key in the configuration file, e.g. {@code rate_limits.fhe.setup}. */
  public String key() {
    return key;
  }

  /**
   * The environment variable: {@code PQCFHE_} and the upper-case key with dots as underscores, except for a
   * few shorter names operators expect ({@code PQCFHE_TLS_CERT}, {@code PQCFHE_RATE_LIMIT_FHE_SETUP}, ...).
   */
  public String environmentVariable() {
    return switch (this) {
      case TLS_CERTIFICATE -> ENV_PREFIX + "TLS_CERT";
      case TLS_PRIVATE_KEY -> ENV_PREFIX + "TLS_KEY";
      case METRICS_TOKEN -> ENV_PREFIX + "METRICS_TOKEN";
      case METRICS_TOKEN_FILE -> ENV_PREFIX + "METRICS_TOKEN_FILE";
      default -> {
        String name = key.startsWith("rate_limits.") ? "rate_limit." + key.substring("rate_limits.".length()) : key;
        yield ENV_PREFIX + name.replace('.', '_').toUpperCase(Locale.ROOT);
      }
    };
  }

  /** The embedded default, empty when the setting is unset unless configured. */
  public Optional<String> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  public boolean isSecret() {
    return secrecy == Secrecy.SECRET;
  }

  public String description() {
    return description;
  }

  public static Optional<Setting> byKey(String key) {
    return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
  }

  public static Optional<Setting> byEnvironmentVariable(String name) {
    return Arrays.stream(values()).filter(s -> s.environmentVariable().equals(name)).findFirst();
  }
}
