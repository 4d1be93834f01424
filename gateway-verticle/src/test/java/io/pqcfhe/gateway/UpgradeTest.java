package io.pqcfhe.gateway;

import static io.pqcfhe.gateway.testing.TestGateway.await;
import static io.pqcfhe.gateway.testing.TestGateway.freshClientId;
import static io.pqcfhe.gateway.testing.TestGateway.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.gateway.config.JwtKey;
import io.pqcfhe.gateway.config.JwtSettings;
import io.pqcfhe.gateway.testing.Jwts;
import io.pqcfhe.gateway.testing.TestGateway;
import io.pqcfhe.gateway.testing.TestSocket;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** §1: the upgrade's checks, in order, as HTTP refusals; and the accepted forms. */
@ExtendWith(VertxExtension.class)
class UpgradeTest {
  static TestGateway gateway;

  @BeforeAll
  static void start(Vertx vertx) {
    gateway = TestGateway.start(vertx);
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void acceptsBearerHeader() {
    String clientId = freshClientId();
    TestSocket socket = gateway.connect(clientId);
    JsonObject data = socket.created.getJsonObject("data");
    assertEquals(clientId, data.getString("client_id"));
    assertEquals("1.0", data.getString("protocol_version"));
    socket.close();
  }

  @Test
  void acceptsQueryParameters() {
    String clientId = freshClientId();
    TestSocket socket = gateway.connect(gateway.upgradeUri(
        "/ws/v1/secure?client_id=" + clientId + "&protocol_version=1.1&auth_token=" + token(clientId)));
    assertEquals("1.1", socket.created.getJsonObject("data").getString("protocol_version"));
    socket.close();
  }

  @Test
  void acceptsTokenWithoutClientIdClaim() {
    TestSocket socket = gateway.connect(freshClientId(), Jwts.hs256(TestGateway.SECRET, Jwts.claims(600)));
    socket.close();
  }

  @Test
  void refusesMissingToken() {
    JsonObject body = refused(gateway.upgrade(freshClientId(), null, null), 401);
    assertEquals("UNAUTHORIZED", body.getString("code"));
    assertEquals("missing_token", body.getJsonObject("details").getString("reason"));
  }

  @Test
  void refusesGarbageExpiredAndBadlySignedTokens() {
    String clientId = freshClientId();
    JsonObject claims = Jwts.claims(600).put("client_id", clientId);
    for (String bad : new String[] {
        "garbage",
        "a.b.c",
        Jwts.hs256(TestGateway.SECRET, Jwts.claims(-60).put("client_id", clientId)),
        Jwts.hs256("another-secret-that-is-long-enough-32", claims),
        Jwts.unsigned(claims),
        Jwts.hs256(TestGateway.SECRET, claims.copy().put("nbf", claims.getLong("exp")))}) {
      JsonObject body = refused(gateway.upgrade(clientId, bad, null), 401);
      assertEquals("UNAUTHORIZED", body.getString("code"), bad);
      assertEquals("invalid_token", body.getJsonObject("details").getString("reason"));
    }
  }

  @Test
  void refusesNonBearerAuthorization() {
    WebSocketConnectOptions options = gateway.upgrade(freshClientId(), null, null);
    options.addHeader("Authorization", "Basic dXNlcjpwYXNz");
    assertEquals("UNAUTHORIZED", refused(options, 401).getString("code"));
  }

  @Test
  void refusesClientIdClaimMismatch() {
    JsonObject body = refused(gateway.upgrade(freshClientId(), token("someone-else"), null), 403);
    assertEquals("FORBIDDEN", body.getString("code"));
    assertEquals("client_id_mismatch", body.getJsonObject("details").getString("reason"));
  }

  @Test
  void refusesMissingOrBadClientIdAndVersionBeforeTheToken() {
    JsonObject missing = refused(gateway.upgrade(null, "garbage", null), 400);
    assertEquals("INVALID_REQUEST", missing.getString("code"));
    assertEquals("client_id", missing.getJsonObject("details").getString("field"));
    JsonObject bad = refused(gateway.upgrade("bad id!", "garbage", null), 400);
    assertEquals("client_id", bad.getJsonObject("details").getString("field"));
    assertEquals("client_id", refused(gateway.upgrade("x".repeat(129), "garbage", null), 400)
        .getJsonObject("details").getString("field"));
    JsonObject version = refused(gateway.upgrade(freshClientId(), "garbage", "2.0"), 400);
    assertEquals("unsupported_version", version.getJsonObject("details").getString("reason"));
  }

  @Test
  void refusedBodiesFollowTheErrorModel() {
    JsonObject body = refused(gateway.upgrade(freshClientId(), null, null), 401);
    assertEquals("error", body.getString("type"));
    assertEquals("error", body.getString("status"));
    assertNull(body.getValue("id"));
    assertNull(body.getValue("action"));
    assertTrue(body.getString("timestamp").endsWith("Z"));
  }

  @Test
  void limitsConnectionsPerClientIdPerMinute() {
    String clientId = freshClientId();
    for (int i = 0; i < 10; i++) {
      gateway.connect(clientId).close();
    }
    UpgradeRejectedException rejected = rejection(gateway.upgrade(clientId, token(clientId), null));
    assertEquals(429, rejected.getStatus());
    long retryAfter = Long.parseLong(rejected.getHeaders().get("Retry-After"));
    assertTrue(retryAfter > 0 && retryAfter <= 60, "Retry-After " + retryAfter);
    JsonObject details = rejected.getBody().toJsonObject().getJsonObject("details");
    assertEquals(10, details.getInteger("limit"));
    assertTrue(details.getLong("retry_after_ms") > 0);
    assertTrue(details.getString("reset_at").endsWith("Z"));
  }

  @Test
  void permissionsAndTenantComeFromTheToken() {
    String clientId = freshClientId();
    JsonObject claims = Jwts.claims(600).put("client_id", clientId).put("permissions", new JsonArray().add("fhe")).put("tenant", "bank-a");
    TestSocket socket = gateway.connect(clientId, Jwts.hs256(TestGateway.SECRET, claims));
    JsonObject reply = socket.request("p1", "pqc.initiate", new JsonObject());
    assertEquals("FORBIDDEN", reply.getString("code"));
    socket.close();
    JsonObject wrongType = Jwts.claims(600).put("client_id", clientId).put("permissions", "fhe");
    assertEquals("UNAUTHORIZED", refused(gateway.upgrade(clientId, Jwts.hs256(TestGateway.SECRET, wrongType), null), 401).getString("code"));
  }

  @Test
  void asymmetricTokensAreVerifiedOffTheEventLoopThenUpgraded(Vertx vertx) throws Exception {
    java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
    generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
    java.security.KeyPair pair = generator.generateKeyPair();
    String pem = "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
    JwtSettings es256 = new JwtSettings(List.of(new JwtKey("ES256", pem)), List.of(), Optional.empty(), List.of());
    try (TestGateway asymmetric = TestGateway.start(vertx, c -> c.withJwt(es256))) {
      String clientId = freshClientId();
      TestSocket socket = asymmetric.connect(clientId, Jwts.es256(pair.getPrivate(), Jwts.claims(600).put("client_id", clientId)));
      assertEquals("response", socket.request("r", "session.refresh", new JsonObject()).getString("type"));
      socket.close();
      UpgradeRejectedException rejected = assertInstanceOf(UpgradeRejectedException.class,
          assertThrows(Exception.class, () -> asymmetric.connect(clientId, token(clientId))));
      assertEquals(401, rejected.getStatus(), "an HS256 token is not accepted by an ES256-only gateway");
    }
  }

  @Test
  void plainHttpOnTheWebSocketPathIsRefused() {
    assertEquals(400, gateway.get("/ws/v1/secure", null).status());
  }

  static JsonObject refused(WebSocketConnectOptions options, int status) {
    UpgradeRejectedException rejected = rejection(options);
    assertEquals(status, rejected.getStatus());
    return rejected.getBody().toJsonObject();
  }

  static UpgradeRejectedException rejection(WebSocketConnectOptions options) {
    Exception failure = assertThrows(Exception.class, () -> await(gateway.webSockets().connect(options)));
    return assertInstanceOf(UpgradeRejectedException.class, failure);
  }
}
