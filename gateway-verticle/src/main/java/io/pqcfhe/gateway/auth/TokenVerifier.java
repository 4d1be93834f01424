package io.pqcfhe.gateway.auth;

import io.pqcfhe.gateway.config.JwtKey;
import io.pqcfhe.gateway.config.JwtSettings;
import io.pqcfhe.protocol.ErrorCode;
import io.pqcfhe.protocol.Permission;
import io.pqcfhe.protocol.ProtocolError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies client tokens with vertx-auth-jwt (signature, {@code exp}, {@code nbf}, issuer and audience when
 * configured; {@code alg: none} is never accepted) and reads the claims of §1. Every refusal is the same
 * {@code UNAUTHORIZED}: a client learns that its token is not accepted, not which check failed.
 */
public final class TokenVerifier {
  /** Tokens longer than this are refused before any parsing. */
  public static final int MAX_TOKEN_CHARS = 8192;

  private final Vertx vertx;
  private final JWTAuth jwt;
  private final boolean offEventLoop;

  public TokenVerifier(Vertx vertx, JwtSettings settings) {
    this.vertx = vertx;
    this.jwt = JWTAuth.create(vertx, options(settings));
    // An HMAC costs microseconds; an RSA or ECDSA verification costs up to a fraction of a millisecond,
    // which a burst of connections would take from the event loop: those run on a worker thread.
    this.offEventLoop = !settings.jwks().isEmpty() || settings.keys().stream().anyMatch(k -> !k.isSymmetric());
  }

  static JWTAuthOptions options(JwtSettings settings) {
    JWTOptions checks = new JWTOptions();
    settings.issuer().ifPresent(checks::setIssuer);
    if (!settings.audience().isEmpty()) {
      // An empty list here would demand an empty audience instead of disabling the check.
      checks.setAudience(settings.audience());
    }
    JWTAuthOptions options = new JWTAuthOptions().setJWTOptions(checks).setJwks(settings.jwks());
    for (JwtKey key : settings.keys()) {
      options.addPubSecKey(new PubSecKeyOptions().setAlgorithm(key.algorithm()).setBuffer(key.material()));
    }
    return options;
  }

  /** Fails with a {@link io.pqcfhe.protocol.ProtocolException} carrying {@code UNAUTHORIZED}. */
  public Future<VerifiedToken> verify(Optional<String> token) {
    if (token.isEmpty()) {
      return Future.failedFuture(unauthorized("missing_token", "A bearer token is required").asException());
    }
    String text = token.get();
    if (text.isEmpty() || text.length() > MAX_TOKEN_CHARS) {
      return Future.failedFuture(invalid().asException());
    }
    Future<User> authenticated = offEventLoop
        // With configured keys the library completes its future before returning, so join() never waits.
        ? vertx.executeBlocking(() -> authenticate(text).toCompletionStage().toCompletableFuture().join(), false)
        : authenticate(text);
    return authenticated
        .transform(
            ar -> {
              if (ar.failed()) {
                return Future.failedFuture(invalid().asException());
              }
              try {
                return Future.succeededFuture(claims(decodedPayload(ar.result())));
              } catch (IllegalArgumentException badClaim) {
                return Future.failedFuture(invalid().asException());
              }
            });
  }

  /** The library's verification (synchronous for configured keys), with its exceptions as failures. */
  private Future<User> authenticate(String token) {
    try {
      return jwt.authenticate(new TokenCredentials(token));
    } catch (RuntimeException hostileToken) {
      // It can throw instead of failing its future on some malformed claims (e.g. "aud": null).
      return Future.failedFuture(hostileToken);
    }
  }

  /** vertx-auth-jwt keeps the verified payload, every claim included, as the user's {@code accessToken}. */
  private static JsonObject decodedPayload(User user) {
    JsonObject payload = user.attributes().getJsonObject("accessToken");
    if (payload == null) {
      throw new IllegalArgumentException("no decoded token");
    }
    return payload;
  }

  /** Reads the claims; throws IllegalArgumentException for claims of the wrong type. */
  static VerifiedToken claims(JsonObject principal) {
    Object clientId = principal.getValue("client_id");
    if (clientId != null && !(clientId instanceof String)) {
      throw new IllegalArgumentException("client_id claim");
    }
    Object tenant = principal.getValue("tenant");
    if (tenant != null && !(tenant instanceof String)) {
      throw new IllegalArgumentException("tenant claim");
    }
    Object exp = principal.getValue("exp");
    if (exp != null && !(exp instanceof Number)) {
      throw new IllegalArgumentException("exp claim");
    }
    return new VerifiedToken(
        Optional.ofNullable((String) clientId),
        permissions(principal.getValue("permissions")),
        tenant == null ? "default" : (String) tenant,
        Optional.ofNullable((Number) exp).map(n -> Instant.ofEpochSecond(n.longValue())));
  }

  /** Unknown permission names are ignored (a newer issuer may grant more than this server knows). */
  private static Set<Permission> permissions(Object claim) {
    if (claim == null) {
      return Permission.defaults();
    }
    if (!(claim instanceof JsonArray array)) {
      throw new IllegalArgumentException("permissions claim");
    }
    Set<Permission> granted = EnumSet.noneOf(Permission.class);
    for (Object entry : array) {
      if (!(entry instanceof String name)) {
        throw new IllegalArgumentException("permissions claim");
      }
      Permission.fromWire(name).ifPresent(granted::add);
    }
    return granted;
  }

  private static ProtocolError invalid() {
    return unauthorized("invalid_token", "Token is invalid or expired");
  }

  private static ProtocolError unauthorized(String reason, String message) {
    return ProtocolError.withReason(ErrorCode.UNAUTHORIZED, reason, message);
  }
}
