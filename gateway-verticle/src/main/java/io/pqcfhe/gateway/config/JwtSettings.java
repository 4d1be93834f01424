package io.pqcfhe.gateway.config;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How client tokens are verified: the keys that may sign them (explicit keys and/or JWKS entries), and the
 * issuer and audiences a token must name when configured (empty: not checked).
 */
public record JwtSettings(List<JwtKey> keys, List<JsonObject> jwks, Optional<String> issuer, List<String> audience) {

  public JwtSettings {
    keys = List.copyOf(Objects.requireNonNull(keys, "jwt keys"));
    jwks = Objects.requireNonNull(jwks, "jwt jwks").stream().map(JsonObject::copy).toList();
    Objects.requireNonNull(issuer, "jwt issuer");
    audience = List.copyOf(Objects.requireNonNull(audience, "jwt audience"));
    if (keys.isEmpty() && jwks.isEmpty()) {
      throw new IllegalArgumentException("jwt needs at least one key or JWKS entry");
    }
    for (JsonObject jwk : jwks) {
      if (!(jwk.getValue("kty") instanceof String)) {
        throw new IllegalArgumentException("jwt jwks entries must be JWK objects with a kty");
      }
    }
    if (issuer.isPresent() && issuer.get().isBlank()) {
      throw new IllegalArgumentException("jwt issuer must not be blank when set");
    }
    if (audience.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("jwt audience entries must not be blank");
    }
  }

  /** Settings with one HS256 secret and no issuer or audience check. */
  public static JwtSettings hs256(String secret) {
    return new JwtSettings(List.of(new JwtKey("HS256", secret)), List.of(), Optional.empty(), List.of());
  }

  @Override
  public List<JsonObject> jwks() {
    return jwks.stream().map(JsonObject::copy).toList();
  }

  @Override
  public String toString() {
    return "JwtSettings[keys=" + keys + ", jwks=" + jwks.size() + " entries, issuer=" + issuer + ", audience=" + audience + "]";
  }
}
