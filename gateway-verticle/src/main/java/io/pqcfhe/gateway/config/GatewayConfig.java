package io.pqcfhe.gateway.config;

import io.pqcfhe.protocol.RateBucket;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the gateway verticle needs, validated once here (the launcher maps its layered configuration
 * onto this record). Error messages name the setting as the configuration files spell it.
 *
 * @param host interface to bind
 * @param port TLS port (0 picks a free port, for tests)
 * @param tls PEM certificate chain and private key of the wss endpoint
 * @param jwt how client tokens are verified
 * @param sessionLifetime session lifetime before {@code session.timeout} (capped by the token's {@code exp})
 * @param maxMessageBytes largest accepted WebSocket message; larger closes with 1009
 * @param maxConnections concurrent WebSockets on this gateway; beyond: 503
 * @param maxMalformedInARow malformed frames in a row that close the connection with 1008
 * @param ratePerMinute limit per client id and bucket, per sliding minute
 * @param adaptive adaptive tightening after authentication failures
 * @param requestTimeout how long a service may take to answer a dispatched action
 * @param serverKey the server's ML-DSA-65 identity key, advertised for pinning
 * @param capabilities what {@code session.created} advertises
 * @param metricsBearerToken when present, {@code GET /metrics} requires {@code Authorization: Bearer <token>}
 * @param devMode relaxed operation for local development (documented in docs/gateway.md)
 */
public record GatewayConfig(
    String host,
    int port,
    PemKeyCert tls,
    JwtSettings jwt,
    Duration sessionLifetime,
    int maxMessageBytes,
    int maxConnections,
    int maxMalformedInARow,
    Map<RateBucket, Integer> ratePerMinute,
    AdaptiveLimits adaptive,
    Duration requestTimeout,
    ServerKey serverKey,
    List<String> capabilities,
    Optional<String> metricsBearerToken,
    boolean devMode) {

  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_PORT = 8443;
  public static final Duration DEFAULT_SESSION_LIFETIME = Duration.ofSeconds(3600);
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
  public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
  public static final int DEFAULT_MAX_MALFORMED_IN_A_ROW = 20;
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  public static final List<String> DEFAULT_CAPABILITIES =
      List.of(
          "pqc.ml_kem_512",
          "pqc.ml_kem_768",
          "pqc.ml_kem_1024",
          "pqc.ml_dsa_65",
          "hybrid.x25519",
          "hybrid.aes_256_gcm",
          "fhe.ckks",
          "fhe.client_keys");

  public GatewayConfig {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 0 and 65535");
    }
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(jwt, "jwt");
    requirePositive(sessionLifetime, "session_lifetime_seconds");
    if (maxMessageBytes < 1) {
      throw new IllegalArgumentException("max_message_bytes must be positive");
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("max_connections must be positive");
    }
    if (maxMalformedInARow < 1) {
      throw new IllegalArgumentException("max_malformed_in_a_row must be positive");
    }
    ratePerMinute = validRates(ratePerMinute);
    Objects.requireNonNull(adaptive, "adaptive");
    requirePositive(requestTimeout, "request_timeout_seconds");
    Objects.requireNonNull(serverKey, "server_key");
    capabilities = List.copyOf(Objects.requireNonNull(capabilities, "capabilities"));
    if (capabilities.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("capabilities must not contain blank entries");
    }
    Objects.requireNonNull(metricsBearerToken, "metrics_bearer_token");
    if (metricsBearerToken.isPresent() && metricsBearerToken.get().isBlank()) {
      throw new IllegalArgumentException("metrics_bearer_token must not be blank when set");
    }
  }

  /** The documented defaults around the three settings that have none. */
  public static GatewayConfig defaults(PemKeyCert tls, JwtSettings jwt, ServerKey key) {
    return new GatewayConfig(
        DEFAULT_HOST,
        DEFAULT_PORT,
        tls,
        jwt,
        DEFAULT_SESSION_LIFETIME,
        DEFAULT_MAX_MESSAGE_BYTES,
        DEFAULT_MAX_CONNECTIONS,
        DEFAULT_MAX_MALFORMED_IN_A_ROW,
        defaultRates(),
        AdaptiveLimits.defaults(),
        DEFAULT_REQUEST_TIMEOUT,
        key,
        DEFAULT_CAPABILITIES,
        Optional.empty(),
        false);
  }

  /** §7's limits per minute. */
  public static Map<RateBucket, Integer> defaultRates() {
    Map<RateBucket, Integer> rates = new EnumMap<>(RateBucket.class);
    for (RateBucket bucket : RateBucket.values()) {
      rates.put(bucket, bucket.defaultPerMinute());
    }
    return Collections.unmodifiableMap(rates);
  }

  public int ratePerMinute(RateBucket bucket) {
    return ratePerMinute.get(bucket);
  }

  public GatewayConfig withListen(String newHost, int newPort) {
    return new GatewayConfig(newHost, newPort, tls, jwt, sessionLifetime, maxMessageBytes, maxConnections,
        maxMalformedInARow, ratePerMinute, adaptive, requestTimeout, serverKey, capabilities, metricsBearerToken, devMode);
  }

  public GatewayConfig withJwt(JwtSettings settings) {
    return new GatewayConfig(host, port, tls, settings, sessionLifetime, maxMessageBytes, maxConnections,
        maxMalformedInARow, ratePerMinute, adaptive, requestTimeout, serverKey, capabilities, metricsBearerToken, devMode);
  }

  public GatewayConfig withSessionLifetime(Duration lifetime) {
    return new GatewayConfig(host, port, tls, jwt, lifetime, maxMessageBytes, maxConnections,
        maxMalformedInARow, ratePerMinute, adaptive, requestTimeout, serverKey, capabilities, metricsBearerToken, devMode);
  }

  public GatewayConfig withMaxMessageBytes(int bytes) {
    return new GatewayConfig(host, port, tls, jwt, sessionLifetime, bytes, maxConnections,
        maxMalformedInARow, ratePerMinute, adaptive, requestTimeout, serverKey, capabilities, metricsBearerToken, devMode);
  }

  public GatewayConfig withMaxConnections(int connections) {
    return new GatewayConfig(host, port, tls, jwt, sessionLifetime, maxMessageBytes, connections,
        maxMalformedInARow, ratePerMinute, adaptive, requestTimeout, serverKey, capabilities, metricsBearerToken, devMode);
  }

  public GatewayConfig withRate(RateBucket bucket, int perMinute) {
    Map<RateBucket, Integer> rates = new EnumMap<>(ratePerMinute);
    rates.put(bucket, perMinute);
    return new GatewayConfig(host, port, tls, jwt, sessionLifetime, maxMessageBytes, maxConnections,
        maxMalformedInARow, rates, adaptive, requestTimeout, serverKey, capabilities, metricsBearerToken, devMode);
  }

  public GatewayConfig withRequestTimeout(Duration timeout) {
    return new GatewayConfig(host, port, tls, jwt, sessionLifetime, maxMessageBytes, maxConnections,
        maxMalformedInARow, ratePerMinute, adaptive, timeout, serverKey, capabilities, metricsBearerToken, devMode);
  }

  public GatewayConfig withMetricsBearerToken(Optional<String> token) {
    return new GatewayConfig(host, port, tls, jwt, sessionLifetime, maxMessageBytes, maxConnections,
        maxMalformedInARow, ratePerMinute, adaptive, requestTimeout, serverKey, capabilities, token, devMode);
  }

  private static Map<RateBucket, Integer> validRates(Map<RateBucket, Integer> rates) {
    Objects.requireNonNull(rates, "rate_limits");
    Map<RateBucket, Integer> copy = new EnumMap<>(RateBucket.class);
    for (RateBucket bucket : RateBucket.values()) {
      Integer limit = rates.get(bucket);
      if (limit == null) {
        throw new IllegalArgumentException("rate_limits." + bucket.wireName() + " must be set");
      }
      if (limit < 1) {
        throw new IllegalArgumentException("rate_limits." + bucket.wireName() + " must be positive");
      }
      copy.put(bucket, limit);
    }
    return Collections.unmodifiableMap(copy);
  }

  private static void requirePositive(Duration duration, String setting) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(setting + " must be positive");
    }
  }
}
