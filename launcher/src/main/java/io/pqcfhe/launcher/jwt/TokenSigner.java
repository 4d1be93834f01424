package io.pqcfhe.launcher.jwt;

import io.pqcfhe.protocol.Permission;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Issues client tokens with vertx-auth-jwt, the library the gateway verifies them with, so both agree on
 * every encoding detail.
 */
public final class TokenSigner {
  /**
   * A key that signs: {@code HS256} with the shared secret, or {@code RS256}/{@code ES256} with a PKCS#8 PEM
   * private key.
   */
  public record SigningKey(String algorithm, String material) {
    @Override
    public String toString() {
      return "SigningKey[algorithm=" + algorithm + ", material=<redacted>]";
    }
  }

  /** What a token says about its holder (PROTOCOL.md §1). Empty permissions/tenant: the claim is omitted. */
  public record Claims(String clientId, Optional<List<Permission>> permissions, Optional<String> tenant) {}

  private final JWTAuth auth;
  private final String algorithm;

  public TokenSigner(Vertx vertx, SigningKey key) {
    this.auth = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(key.algorithm()).setBuffer(key.material())));
    this.algorithm = key.algorithm();
  }

  public String sign(Claims claims, Duration ttl, Optional<String> issuer, List<String> audience) {
    JsonObject payload = new JsonObject().put("sub", claims.clientId()).put("client_id", claims.clientId());
    claims.permissions().ifPresent(list ->
        payload.put("permissions", new JsonArray(list.stream().map(Permission::wireName).toList())));
    claims.tenant().ifPresent(tenant -> payload.put("tenant", tenant));
    JWTOptions options = new JWTOptions()
        .setAlgorithm(algorithm)
        .setExpiresInSeconds(Math.toIntExact(ttl.toSeconds()))
        .setAudience(audience);
    issuer.ifPresent(options::setIssuer);
    return auth.generateToken(payload, options);
  }
}
