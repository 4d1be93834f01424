package io.pqcfhe.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.protocol.RateBucket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {
  static final String CERT = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
  static final String KEY = "-----BEGIN PRIVATE KEY-----\nsecretpart\n-----END PRIVATE KEY-----\n";
  static final String SECRET = "0123456789abcdef0123456789abcdef";

  static GatewayConfig defaults() {
    return GatewayConfig.defaults(new PemKeyCert(CERT, KEY), JwtSettings.hs256(SECRET), ServerKey.of(new byte[1952]));
  }

  @Test
  void defaultsAreTheContractsValues() {
    GatewayConfig config = defaults();
    assertEquals(8443, config.port());
    assertEquals(Duration.ofSeconds(3600), config.sessionLifetime());
    assertEquals(64 * 1024 * 1024, config.maxMessageBytes());
    assertEquals(10_000, config.maxConnections());
    assertEquals(20, config.maxMalformedInARow());
    assertEquals(Duration.ofSeconds(30), config.requestTimeout());
    assertEquals(5, config.ratePerMinute(RateBucket.PQC));
    assertEquals(1000, config.ratePerMinute(RateBucket.SECURE));
    assertEquals(new AdaptiveLimits(5, Duration.ofMinutes(1), Duration.ofMinutes(10)), config.adaptive());
    assertTrue(config.capabilities().contains("pqc.ml_dsa_65"));
    assertFalse(config.devMode());
  }

  @Test
  void invalidSettingsAreNamed() {
    var e = assertThrows(IllegalArgumentException.class, () -> defaults().withSessionLifetime(Duration.ZERO));
    assertEquals("session_lifetime_seconds must be positive", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> defaults().withRate(RateBucket.PQC, 0));
    assertEquals("rate_limits.pqc must be positive", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> defaults().withMaxMessageBytes(0));
    assertEquals("max_message_bytes must be positive", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> defaults().withListen("h", 70_000));
    assertEquals("port must be between 0 and 65535", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> defaults().withMetricsBearerToken(Optional.of(" ")));
  }

  @Test
  void keysAreCheckedAndNeverPrinted() {
    assertThrows(IllegalArgumentException.class, () -> new JwtKey("HS256", "short"));
    assertThrows(IllegalArgumentException.class, () -> new JwtKey("none", SECRET));
    assertThrows(IllegalArgumentException.class, () -> new JwtKey("RS256", "not a pem"));
    assertThrows(IllegalArgumentException.class,
        () -> new JwtSettings(List.of(), List.of(), Optional.empty(), List.of()));
    assertFalse(new JwtKey("HS256", SECRET).toString().contains(SECRET));
    assertFalse(new PemKeyCert(CERT, KEY).toString().contains("secretpart"));
    assertThrows(IllegalArgumentException.class, () -> new ServerKey(new byte[1952], "00"));
    assertThrows(IllegalArgumentException.class, () -> ServerKey.of(new byte[10]));
    assertEquals(ServerKey.of(new byte[1952]).fingerprint().length(), 64);
  }
}
