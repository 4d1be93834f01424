package io.pqcfhe.launcher.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each setting that can be wrong on its own, with the one line the operator sees. */
class InvalidSettingsTest {
  static Stream<Arguments> invalidSettings() {
    return Stream.of(
        Arguments.of(Map.of("PQCFHE_FHE_WORKERS", "0"), "invalid setting fhe.workers: must be positive, not 0"),
        Arguments.of(Map.of("PQCFHE_FHE_QUOTA_CONTEXTS", "-1"),
            "invalid setting fhe.quota.contexts: must be positive, not -1"),
        Arguments.of(Map.of("PQCFHE_FHE_QUOTA_CIPHERTEXTS", "lots"),
            "invalid setting fhe.quota.ciphertexts: not an integer: lots"),
        Arguments.of(Map.of("PQCFHE_FHE_QUOTA_BYTES", "0"), "invalid setting fhe.quota.bytes: must be positive, not 0"),
        Arguments.of(Map.of("PQCFHE_FHE_QUOTA_BYTES", "2GiB"), "invalid setting fhe.quota.bytes: not an integer: 2GiB"),
        Arguments.of(Map.of("PQCFHE_FHE_MAX_OBJECT_BYTES", "4294967296"),
            "invalid setting fhe.max_object_bytes: must be positive, not 4294967296"),
        Arguments.of(Map.of("PQCFHE_PORT", "https"), "invalid setting port: not an integer: https"),
        Arguments.of(Map.of("PQCFHE_PORT", "0"), "invalid setting port: must be between 1 and 65535, not 0"),
        Arguments.of(Map.of("PQCFHE_PORT", "65536"), "invalid setting port: must be between 1 and 65535, not 65536"),
        Arguments.of(Map.of("PQCFHE_HOST", " "), "invalid setting host: must not be empty"),
        Arguments.of(Map.of("PQCFHE_SESSION_LIFETIME_SECONDS", "0"),
            "invalid setting session_lifetime_seconds: must be positive, not 0"),
        Arguments.of(Map.of("PQCFHE_MAX_MESSAGE_BYTES", "-1"), "invalid setting max_message_bytes: must be positive, not -1"),
        Arguments.of(Map.of("PQCFHE_MAX_MESSAGE_BYTES", "4294967296"),
            "invalid setting max_message_bytes: must be positive, not 4294967296"),
        Arguments.of(Map.of("PQCFHE_MAX_CONNECTIONS", "1.5"), "invalid setting max_connections: not an integer: 1.5"),
        Arguments.of(Map.of("PQCFHE_MAX_MALFORMED_IN_A_ROW", "0"),
            "invalid setting max_malformed_in_a_row: must be positive, not 0"),
        Arguments.of(Map.of("PQCFHE_RATE_LIMIT_SECURE", "0"), "invalid setting rate_limits.secure: must be positive, not 0"),
        Arguments.of(Map.of("PQCFHE_RATE_LIMIT_FHE_ENCRYPT", "many"),
            "invalid setting rate_limits.fhe.encrypt: not an integer: many"),
        Arguments.of(Map.of("PQCFHE_ADAPTIVE_FAILURES", "0"), "invalid setting adaptive.failures: must be positive, not 0"),
        Arguments.of(Map.of("PQCFHE_ADAPTIVE_WINDOW_SECONDS", "-5"),
            "invalid setting adaptive.window_seconds: must be positive, not -5"),
        Arguments.of(Map.of("PQCFHE_ADAPTIVE_PENALTY_SECONDS", "0"),
            "invalid setting adaptive.penalty_seconds: must be positive, not 0"),
        Arguments.of(Map.of("PQCFHE_REQUEST_TIMEOUT_SECONDS", "0"),
            "invalid setting request_timeout_seconds: must be positive, not 0"),
        Arguments.of(Map.of("PQCFHE_TLS_CERT", "/c.pem"), "invalid setting tls.private_key: required when tls.certificate is set"),
        Arguments.of(Map.of("PQCFHE_TLS_KEY", "/k.pem"), "invalid setting tls.certificate: required when tls.private_key is set"),
        Arguments.of(Map.of("PQCFHE_JWT_PUBLIC_KEY", "/p.pem"),
            "invalid setting jwt.algorithm: required with jwt.public_key: one of RS256, ES256"),
        Arguments.of(Map.of("PQCFHE_JWT_ALGORITHM", "RS256"),
            "invalid setting jwt.algorithm: names the algorithm of jwt.public_key, which is not set"),
        Arguments.of(Map.of("PQCFHE_JWT_PUBLIC_KEY", "/p.pem", "PQCFHE_JWT_ALGORITHM", "HS512"),
            "invalid setting jwt.algorithm: must be one of RS256, ES256, not HS512"),
        Arguments.of(Map.of("PQCFHE_JWT_HS256_SECRET", "0123456789abcdef0123456789abcdef",
                "PQCFHE_JWT_HS256_SECRET_FILE", "/s"),
            "invalid setting jwt.hs256_secret_file: set either PQCFHE_JWT_HS256_SECRET or this, not both"),
        Arguments.of(Map.of("PQCFHE_ROLES", "proxy"),
            "invalid setting roles: must be one of all, gateway, fhe-worker, not proxy"),
        Arguments.of(Map.of("PQCFHE_ROLES", "fhe-worker"),
            "invalid setting roles: fhe-worker needs cluster.enabled (--cluster)"),
        Arguments.of(Map.of("PQCFHE_CLUSTER_ENABLED", "true"),
            "invalid setting roles: all runs in one process; in a cluster give each node gateway or fhe-worker"),
        Arguments.of(Map.of("PQCFHE_CLUSTER_ENABLED", "yes"),
            "invalid setting cluster.enabled: must be true or false, not yes"),
        Arguments.of(Map.of("PQCFHE_CLUSTER_ENABLED", "true", "PQCFHE_ROLES", "gateway", "PQCFHE_CLUSTER_MEMBERS", " , "),
            "invalid setting cluster.members: must list at least one member"),
        Arguments.of(Map.of("PQCFHE_CLUSTER_ENABLED", "true", "PQCFHE_ROLES", "gateway",
                "PQCFHE_CLUSTER_MEMBERS", "10.0.0.1:5701,10.0.0.2:x"),
            "invalid setting cluster.members: not host or host:port: 10.0.0.2:x"),
        Arguments.of(Map.of("PQCFHE_CLUSTER_ENABLED", "true", "PQCFHE_ROLES", "gateway", "PQCFHE_CLUSTER_BUS_PORT", "-1"),
            "invalid setting cluster.bus_port: must be between 0 and 65535, not -1"),
        Arguments.of(Map.of("PQCFHE_CLUSTER_ENABLED", "true", "PQCFHE_ROLES", "gateway", "PQCFHE_CLUSTER_TLS_CERTIFICATE", "/c.pem",
                "PQCFHE_CLUSTER_TLS_PRIVATE_KEY", "/k.pem"),
            "invalid setting cluster.tls_trust: required: cluster.tls_certificate, cluster.tls_private_key and "
                + "cluster.tls_trust go together"));
  }

  @ParameterizedTest
  @MethodSource("invalidSettings")
  void stopsTheStartWithOneLineNamingTheSetting(Map<String, String> environment, String message) {
    InvalidSettingException e = assertThrows(InvalidSettingException.class,
        () -> LauncherSettings.from(ResolvedSettings.layer(Map.of(), EnvironmentSettings.read(environment).values(),
            Map.of())));
    assertEquals(message, e.getMessage());
    assertEquals(0, e.getStackTrace().length, "no stack trace is even recorded");
  }
}
