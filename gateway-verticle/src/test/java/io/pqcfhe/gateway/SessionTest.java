package io.pqcfhe.gateway;

import static io.pqcfhe.gateway.testing.TestGateway.freshClientId;
import static io.pqcfhe.gateway.testing.TestGateway.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.gateway.testing.Jwts;
import io.pqcfhe.gateway.testing.TestGateway;
import io.pqcfhe.gateway.testing.TestSocket;
import io.pqcfhe.protocol.Addresses;
import io.pqcfhe.protocol.SessionInfo;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** §3: session.created, refresh, terminate, expiring and timeout, and the end of a session. */
@ExtendWith(VertxExtension.class)
class SessionTest {
  static TestGateway gateway;
  static final LinkedBlockingQueue<SessionInfo> ended = new LinkedBlockingQueue<>();
  static MessageConsumer<SessionInfo> endedConsumer;

  @BeforeAll
  static void start(Vertx vertx) {
    gateway = TestGateway.start(vertx);
    endedConsumer = vertx.eventBus().consumer(Addresses.SESSION_ENDED, message -> ended.add(message.body()));
  }

  @AfterAll
  static void stop() {
    endedConsumer.unregister();
    gateway.close();
  }

  @Test
  void createdCarriesEveryField() throws Exception {
    String clientId = freshClientId();
    long exp = Instant.now().getEpochSecond() + 7200; // later than the lifetime: the lifetime decides
    TestSocket socket = gateway.connect(clientId, Jwts.hs256(TestGateway.SECRET, Jwts.claims(0).put("exp", exp).put("client_id", clientId)));
    JsonObject created = socket.created;
    assertEquals("event", created.getString("type"));
    assertTrue(created.getString("timestamp").endsWith("Z"));
    JsonObject data = created.getJsonObject("data");
    assertTrue(data.getString("session_id").matches("sess-[A-Za-z0-9_-]{43}"), data.getString("session_id"));
    assertEquals(clientId, data.getString("client_id"));
    Duration lifetime = Duration.between(Instant.now(), Instant.parse(data.getString("expires_at")));
    assertTrue(lifetime.toSeconds() > 3590 && lifetime.toSeconds() <= 3600, lifetime.toString());
    assertEquals(new JsonArray(gateway.config.capabilities()), data.getJsonArray("capabilities"));
    byte[] key = Base64.getDecoder().decode(data.getString("server_public_key"));
    assertEquals(1952, key.length);
    assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key)), data.getString("server_key_fingerprint"));
    assertEquals("1.0", data.getString("protocol_version"));
    JsonObject limits = data.getJsonObject("limits");
    assertEquals(TestGateway.TEST_MAX_MESSAGE_BYTES, limits.getInteger("max_message_bytes"));
    assertEquals(3600, limits.getInteger("session_lifetime_seconds"));
    assertEquals(new JsonObject().put("connection", 10).put("pqc", 5).put("fhe.setup", 2).put("fhe.encrypt", 100)
        .put("fhe.compute", 50).put("secure", 1000), limits.getJsonObject("rate_limits"));
    socket.close();
  }

  @Test
  void expiryIsCappedAtTheTokensExp() {
    String clientId = freshClientId();
    JsonObject claims = Jwts.claims(600).put("client_id", clientId);
    TestSocket socket = gateway.connect(clientId, Jwts.hs256(TestGateway.SECRET, claims));
    assertEquals(Instant.ofEpochSecond(claims.getLong("exp")),
        Instant.parse(socket.created.getJsonObject("data").getString("expires_at")));
    socket.close();
  }

  @Test
  void sessionIdsAreUnique() {
    String clientId = freshClientId();
    TestSocket first = gateway.connect(clientId);
    TestSocket second = gateway.connect(clientId);
    assertNotEquals(first.sessionId(), second.sessionId());
    first.close();
    second.close();
  }

  @Test
  void refreshWithoutTokenStaysCappedAtTheSessionToken() {
    String clientId = freshClientId();
    JsonObject claims = Jwts.claims(600).put("client_id", clientId);
    TestSocket socket = gateway.connect(clientId, Jwts.hs256(TestGateway.SECRET, claims));
    JsonObject response = socket.request("r", "session.refresh", new JsonObject());
    assertEquals("response", response.getString("type"));
    assertEquals("session.refresh", response.getString("action"));
    assertEquals(socket.sessionId(), response.getJsonObject("payload").getString("session_id"));
    assertEquals(Instant.ofEpochSecond(claims.getLong("exp")), Instant.parse(response.getJsonObject("payload").getString("expires_at")));
    socket.close();
  }

  @Test
  void refreshWithAFreshTokenExtendsTheSession() {
    String clientId = freshClientId();
    TestSocket socket = gateway.connect(clientId, Jwts.hs256(TestGateway.SECRET, Jwts.claims(600).put("client_id", clientId)));
    JsonObject fresh = Jwts.claims(1800).put("client_id", clientId);
    JsonObject response = socket.request("r", "session.refresh",
        new JsonObject().put("auth_token", Jwts.hs256(TestGateway.SECRET, fresh)));
    assertEquals(Instant.ofEpochSecond(fresh.getLong("exp")), Instant.parse(response.getJsonObject("payload").getString("expires_at")));
    socket.close();
  }

  @Test
  void refreshRefusesBadAndForeignTokens() {
    String clientId = freshClientId();
    TestSocket socket = gateway.connect(clientId);
    JsonObject bad = socket.request("b", "session.refresh", new JsonObject().put("auth_token", "garbage"));
    assertEquals("UNAUTHORIZED", bad.getString("code"));
    assertEquals("b", bad.getString("id"));
    assertEquals("session.refresh", bad.getString("action"));
    JsonObject expired = socket.request("e", "session.refresh",
        new JsonObject().put("auth_token", Jwts.hs256(TestGateway.SECRET, Jwts.claims(-10).put("client_id", clientId))));
    assertEquals("UNAUTHORIZED", expired.getString("code"));
    JsonObject foreign = socket.request("f", "session.refresh", new JsonObject().put("auth_token", token("another-client")));
    assertEquals("FORBIDDEN", foreign.getString("code"));
    JsonObject mistyped = socket.request("m", "session.refresh", new JsonObject().put("auth_token", 42));
    assertEquals("INVALID_REQUEST", mistyped.getString("code"));
    assertEquals("payload.auth_token", mistyped.getJsonObject("details").getString("field"));
    assertEquals("response", socket.request("ok", "session.refresh", new JsonObject()).getString("type"), "still open");
    socket.close();
  }

  @Test
  void terminateAnswersThenClosesNormallyAndEndsTheSession() throws Exception {
    TestSocket socket = gateway.connect(freshClientId());
    JsonObject response = socket.request("t", "session.terminate", new JsonObject().put("reason", "client_logout"));
    assertEquals("response", response.getString("type"));
    assertEquals("success", response.getString("status"));
    assertEquals(1000, socket.awaitClose());
    assertEnded(socket.sessionId());
  }

  @Test
  void shortSessionsGetExpiringAtOnceThenTimeoutAndClose4408() throws Exception {
    String clientId = freshClientId();
    TestSocket socket = gateway.connect(clientId, Jwts.hs256(TestGateway.SECRET, Jwts.claims(3).put("client_id", clientId)));
    JsonObject expiring = socket.next();
    assertEquals("session.expiring", expiring.getString("event"));
    assertEquals(socket.sessionId(), expiring.getJsonObject("data").getString("session_id"));
    assertEquals(socket.created.getJsonObject("data").getString("expires_at"), expiring.getJsonObject("data").getString("expires_at"));
    // A refresh re-arms the notice; the token still caps the session.
    assertEquals("response", socket.request("r", "session.refresh", new JsonObject()).getString("type"));
    assertEquals("session.expiring", socket.next().getString("event"));
    JsonObject timeout = socket.next();
    assertEquals("session.timeout", timeout.getString("event"));
    assertEquals(socket.sessionId(), timeout.getJsonObject("data").getString("session_id"));
    assertEquals(4408, socket.awaitClose());
    assertEnded(socket.sessionId());
  }

  @Test
  void stoppingTheGatewayClosesSessionsWith1001(Vertx vertx) throws Exception {
    TestGateway own = TestGateway.start(vertx);
    TestSocket socket = own.connect(freshClientId());
    own.undeploy();
    assertEquals(1001, socket.awaitClose());
    assertEnded(socket.sessionId());
  }

  @Test
  void configuredShortLifetime(Vertx vertx) throws Exception {
    try (TestGateway shortLived = TestGateway.start(vertx, c -> c.withSessionLifetime(Duration.ofSeconds(2)))) {
      TestSocket socket = shortLived.connect(freshClientId());
      assertEquals(2, socket.created.getJsonObject("data").getJsonObject("limits").getInteger("session_lifetime_seconds"));
      Instant expiresAt = Instant.parse(socket.created.getJsonObject("data").getString("expires_at"));
      assertTrue(Duration.between(Instant.now(), expiresAt).toMillis() <= 2000);
      assertEquals("session.expiring", socket.next().getString("event"));
      assertEquals("session.timeout", socket.next().getString("event"));
      assertEquals(4408, socket.awaitClose());
      assertTrue(!Instant.now().isBefore(expiresAt.minusMillis(50)), "not before expires_at");
      assertEnded(socket.sessionId());
    }
  }

  @Test
  void clientCloseEndsTheSession() throws Exception {
    TestSocket socket = gateway.connect(freshClientId());
    socket.close();
    assertEnded(socket.sessionId());
  }

  private static void assertEnded(String sessionId) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      SessionInfo info = ended.poll(100, TimeUnit.MILLISECONDS);
      if (info != null && info.sessionId().equals(sessionId)) {
        return;
      }
    }
    throw new AssertionError("no SESSION_ENDED for " + sessionId);
  }
}
