package io.pqcfhe.gateway;

import static io.pqcfhe.gateway.testing.TestGateway.await;
import static io.pqcfhe.gateway.testing.TestGateway.freshClientId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.gateway.testing.Jwts;
import io.pqcfhe.gateway.testing.TestGateway;
import io.pqcfhe.gateway.testing.TestSocket;
import io.pqcfhe.protocol.ActionReply;
import io.pqcfhe.protocol.ActionRequest;
import io.pqcfhe.protocol.Addresses;
import io.pqcfhe.protocol.ClientEvent;
import io.pqcfhe.protocol.ErrorCode;
import io.pqcfhe.protocol.ProtocolError;
import io.pqcfhe.protocol.Utf8Json;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * §2 order of checks and the event-bus contract: dispatch to a stand-in FHE service, replies mapped to
 * responses and errors, events, inner requests of the channel, permissions and rate limits (§7).
 */
@ExtendWith(VertxExtension.class)
class DispatchTest {
  static Vertx vertx;
  static TestGateway gateway;
  static final LinkedBlockingQueue<ActionRequest> seenByFhe = new LinkedBlockingQueue<>();
  static final LinkedBlockingQueue<ActionRequest> sealed = new LinkedBlockingQueue<>();
  static final LinkedBlockingQueue<Message<ActionRequest>> held = new LinkedBlockingQueue<>();
  static List<MessageConsumer<?>> services;
  /** A payload value as large as a returned ciphertext, with a character that needs escaping. */
  static final String LONG_VALUE = "A\"/é".repeat(100_000);

  @BeforeAll
  static void start(Vertx v) {
    vertx = v;
    gateway = TestGateway.start(vertx, c -> c.withRequestTimeout(Duration.ofMillis(500)));
    MessageConsumer<ActionRequest> fhe = vertx.eventBus().consumer(Addresses.FHE, DispatchTest::fheService);
    MessageConsumer<ActionRequest> deliver = vertx.eventBus().consumer(Addresses.SECURE_DELIVER, message -> {
      sealed.add(message.body());
      message.reply(ActionReply.success(new JsonObject()));
    });
    await(fhe.completion().compose(v2 -> deliver.completion()));
    services = List.of(fhe, deliver);
  }

  @AfterAll
  static void stop() {
    services.forEach(MessageConsumer::unregister);
    gateway.close();
  }

  /** A stand-in FHE service whose behaviour the request's payload chooses. */
  static void fheService(Message<ActionRequest> message) {
    ActionRequest request = message.body();
    seenByFhe.add(request);
    JsonObject echo = new JsonObject().put("action", request.action()).put("session_id", request.session().sessionId())
        .put("via_channel", request.viaChannel());
    switch (request.payload().getString("mode", "plain")) {
      case "events" -> message.reply(ActionReply.success(echo, List.of(
          new ClientEvent("fhe.step", new JsonObject().put("n", 1)), new ClientEvent("fhe.step", new JsonObject().put("n", 2)))));
      case "error" -> message.reply(ActionReply.failure(
          ProtocolError.withReason(ErrorCode.FHE_CONTEXT_ERROR, "parms_mismatch", "Ciphertext belongs to other parameters")));
      case "slow" -> { /* never answers */ }
      case "hold" -> held.add(message); // answered by the test
      case "crash" -> message.fail(500, "NullPointerException at com.secret.Internal");
      case "bogus" -> message.reply("not an ActionReply");
      // As an FHE worker answers, and as a reply from another node arrives: its payload's bytes only.
      case "encoded" -> message.reply(ActionReply.encoded(
          Utf8Json.encode(echo.put("blob", LONG_VALUE)), List.of(new ClientEvent("fhe.step", new JsonObject().put("n", 1)))));
      default -> message.reply(ActionReply.success(echo));
    }
  }

  @Test
  void successIsAResponseFollowedByItsEventsInOrder() throws Exception {
    seenByFhe.clear();
    TestSocket socket = gateway.connect(freshClientId());
    JsonObject response = socket.request("e1", "fhe.encrypt", new JsonObject().put("mode", "events"));
    assertEquals("response", response.getString("type"));
    assertEquals("e1", response.getString("id"));
    assertEquals("fhe.encrypt", response.getString("action"));
    assertEquals("success", response.getString("status"));
    assertEquals(new JsonObject().put("action", "fhe.encrypt").put("session_id", socket.sessionId()).put("via_channel", false),
        response.getJsonObject("payload"));
    assertNull(response.getValue("rate_limit"), "far from the limit");
    JsonObject first = socket.next();
    assertEquals("event", first.getString("type"));
    assertEquals("fhe.step", first.getString("event"));
    assertEquals(1, first.getJsonObject("data").getInteger("n"));
    assertEquals(2, socket.next().getJsonObject("data").getInteger("n"));
    ActionRequest seen = seenByFhe.poll(5, TimeUnit.SECONDS);
    assertNotNull(seen);
    assertEquals(socket.created.getJsonObject("data").getString("client_id"), seen.session().clientId());
    socket.close();
  }

  @Test
  void aPayloadTheServiceEncodedArrivesAsTheSameResponse() throws Exception {
    TestSocket socket = gateway.connect(freshClientId());
    JsonObject response = socket.request("enc-1", "fhe.compute", new JsonObject().put("mode", "encoded"));
    assertEquals("response", response.getString("type"));
    assertEquals("enc-1", response.getString("id"));
    assertEquals("fhe.compute", response.getString("action"));
    assertEquals("success", response.getString("status"));
    assertNotNull(response.getString("timestamp"));
    assertEquals(new JsonObject().put("action", "fhe.compute").put("session_id", socket.sessionId()).put("via_channel", false)
        .put("blob", LONG_VALUE), response.getJsonObject("payload"));
    assertEquals(1, socket.next().getJsonObject("data").getInteger("n"), "the event follows the whole response");

    sealed.clear();
    vertx.eventBus().send(Addresses.sessionInbound(socket.sessionId()),
        new JsonObject().put("type", "request").put("id", "in-enc").put("action", "fhe.compute").put("payload", new JsonObject().put("mode", "encoded")));
    JsonObject inner = sealedMessage(sealed.poll(5, TimeUnit.SECONDS));
    assertEquals(LONG_VALUE, inner.getJsonObject("payload").getString("blob"), "inside the channel the envelope is sealed whole");
    assertEquals("in-enc", inner.getString("id"));
    assertEquals(1, socket.next().getJsonObject("data").getInteger("n"), "the inner answer's event, once it is sealed");
    socket.close();
  }

  /** The answer the gateway handed to secure.deliver: its UTF-8 JSON, as the client reads it once unsealed. */
  private static JsonObject sealedMessage(ActionRequest seal) {
    assertNotNull(seal, "answer sent to SECURE_DELIVER");
    return new JsonObject((Buffer) seal.payload().getMap().get("message"));
  }

  @Test
  void serviceErrorsAreForwardedWithIdAndAction() {
    TestSocket socket = gateway.connect(freshClientId());
    JsonObject error = socket.request("x1", "fhe.compute", new JsonObject().put("mode", "error"));
    assertEquals("error", error.getString("type"));
    assertEquals("x1", error.getString("id"));
    assertEquals("fhe.compute", error.getString("action"));
    assertEquals("FHE_CONTEXT_ERROR", error.getString("code"));
    assertEquals("parms_mismatch", error.getJsonObject("details").getString("reason"));
    socket.close();
  }

  @Test
  void missingServiceIsServiceUnavailable() {
    TestSocket socket = gateway.connect(freshClientId());
    JsonObject error = socket.request("p1", "pqc.initiate", new JsonObject());
    assertEquals("SERVICE_UNAVAILABLE", error.getString("code"));
    assertEquals("no_service", error.getJsonObject("details").getString("reason"));
    socket.close();
  }

  @Test
  void slowServiceTimesOutAsServiceUnavailable() {
    TestSocket socket = gateway.connect(freshClientId());
    JsonObject error = socket.request("s1", "fhe.download", new JsonObject().put("mode", "slow"));
    assertEquals("SERVICE_UNAVAILABLE", error.getString("code"));
    assertEquals("timeout", error.getJsonObject("details").getString("reason"));
    socket.close();
  }

  @Test
  void serviceFailuresBecomeGenericServerErrors() {
    TestSocket socket = gateway.connect(freshClientId());
    for (String mode : new String[] {"crash", "bogus"}) {
      JsonObject error = socket.request(mode, "fhe.release", new JsonObject().put("mode", mode));
      assertEquals("SERVER_ERROR", error.getString("code"));
      assertFalse(error.encode().contains("NullPointer") || error.encode().contains("secret"), error.encode());
    }
    socket.close();
  }

  @Test
  void pipelinedRequestsMayBeAnsweredOutOfOrder() {
    TestSocket socket = gateway.connect(freshClientId());
    socket.send(request("slow", "fhe.download", new JsonObject().put("mode", "slow")));
    socket.send(request("fast", "fhe.download", new JsonObject()));
    assertEquals("fast", socket.next().getString("id"));
    assertEquals("slow", socket.next().getString("id"));
    socket.close();
  }

  @Test
  void aSocketHasAtMostItsCapOfRequestsInFlightAndAllAreAnswered() throws Exception {
    try (TestGateway patient = TestGateway.start(vertx, c -> c.withRequestTimeout(Duration.ofSeconds(20)))) {
      held.clear();
      TestSocket socket = patient.connect(freshClientId());
      int count = 300;
      for (int i = 0; i < count; i++) {
        socket.send(request("h" + i, "fhe.download", new JsonObject().put("mode", "hold")));
      }
      long deadline = System.currentTimeMillis() + 10_000;
      while (held.size() < 128 && System.currentTimeMillis() < deadline) {
        Thread.sleep(10);
      }
      Thread.sleep(300);
      assertEquals(128, held.size(), "the socket is not read past 128 requests in flight");
      int answered = 0;
      while (answered < count) {
        Message<ActionRequest> message = held.poll(10, TimeUnit.SECONDS);
        assertNotNull(message, "more requests are read as answers go out");
        message.reply(ActionReply.success(new JsonObject()));
        assertEquals("response", socket.next().getString("type"));
        answered++;
      }
      socket.close();
    }
  }

  @Test
  void outboundEventsReachTheSessionsSocket() {
    TestSocket socket = gateway.connect(freshClientId());
    vertx.eventBus().send(Addresses.sessionOutbound(socket.sessionId()),
        new ClientEvent("pqc.rekey_required", new JsonObject().put("messages_used", 900)));
    JsonObject event = socket.next();
    assertEquals("event", event.getString("type"));
    assertEquals("pqc.rekey_required", event.getString("event"));
    assertEquals(900, event.getJsonObject("data").getInteger("messages_used"));
    assertTrue(event.getString("timestamp").endsWith("Z"));
    socket.close();
  }

  @Test
  void innerRequestsRunThroughThePipelineAndGoToSecureDeliver() throws Exception {
    TestSocket socket = gateway.connect(freshClientId());
    sealed.clear();
    vertx.eventBus().send(Addresses.sessionInbound(socket.sessionId()),
        new JsonObject().put("type", "request").put("id", "in-1").put("action", "fhe.encrypt").put("payload", new JsonObject()));
    ActionRequest seal = sealed.poll(5, TimeUnit.SECONDS);
    assertNotNull(seal, "answer sent to SECURE_DELIVER");
    assertEquals("secure.deliver", seal.action());
    assertEquals("in-1", seal.requestId());
    assertEquals(socket.sessionId(), seal.session().sessionId());
    JsonObject message = sealedMessage(seal);
    assertEquals("response", message.getString("type"));
    assertEquals("in-1", message.getString("id"));
    assertEquals(true, message.getJsonObject("payload").getBoolean("via_channel"));

    vertx.eventBus().send(Addresses.sessionInbound(socket.sessionId()),
        new JsonObject().put("type", "request").put("id", "in-2").put("action", "pqc.initiate"));
    JsonObject refused = sealedMessage(sealed.poll(5, TimeUnit.SECONDS));
    assertEquals("INVALID_REQUEST", refused.getString("code"));
    assertEquals("action_not_allowed_in_channel", refused.getJsonObject("details").getString("reason"));

    vertx.eventBus().send(Addresses.sessionInbound(socket.sessionId()), new JsonObject().put("type", "request").put("id", 5));
    JsonObject malformed = sealedMessage(sealed.poll(5, TimeUnit.SECONDS));
    assertEquals("id", malformed.getJsonObject("details").getString("field"));
    assertNull(socket.poll(200), "inner answers never travel in the clear");
    socket.close();
  }

  @Test
  void permissionsAreCheckedBeforeDispatch() {
    String clientId = freshClientId();
    TestSocket none = gateway.connect(clientId, tokenWith(clientId, new JsonArray()));
    JsonObject error = none.request("p", "pqc.initiate", new JsonObject());
    assertEquals("FORBIDDEN", error.getString("code"));
    assertEquals("p", error.getString("id"));
    assertEquals("pqc.initiate", error.getString("action"));
    assertEquals("response", none.request("r", "session.refresh", new JsonObject()).getString("type"), "session.* needs none");
    none.close();
    TestSocket fheOnly = gateway.connect(clientId, tokenWith(clientId, new JsonArray().add("fhe")));
    assertEquals("FORBIDDEN", fheOnly.request("d", "fhe.decrypt", new JsonObject()).getString("code"));
    assertEquals("response", fheOnly.request("e", "fhe.encrypt", new JsonObject()).getString("type"));
    fheOnly.close();
  }

  @Test
  void rateLimitsCountPerClientIdAcrossConnections() {
    String clientId = freshClientId();
    TestSocket first = gateway.connect(clientId);
    JsonObject one = first.request("1", "fhe.setup", new JsonObject());
    assertNull(one.getValue("rate_limit"), "1 of 2 left is not under 20%");
    JsonObject two = first.request("2", "fhe.setup", new JsonObject());
    JsonObject rateLimit = two.getJsonObject("rate_limit");
    assertEquals(2, rateLimit.getInteger("limit"));
    assertEquals(0, rateLimit.getInteger("remaining"));
    Instant resetAt = Instant.parse(rateLimit.getString("reset_at"));
    assertTrue(resetAt.isAfter(Instant.now()) && resetAt.isBefore(Instant.now().plusSeconds(61)));
    TestSocket second = gateway.connect(clientId);
    JsonObject refused = second.request("3", "fhe.setup", new JsonObject());
    assertEquals("RATE_LIMIT_EXCEEDED", refused.getString("code"));
    assertEquals("3", refused.getString("id"));
    JsonObject details = refused.getJsonObject("details");
    assertEquals(2, details.getInteger("limit"));
    assertTrue(Instant.parse(details.getString("reset_at")).isAfter(Instant.now()));
    long retryAfter = details.getLong("retry_after_ms");
    assertTrue(retryAfter > 0 && retryAfter <= 60_000, "retry_after_ms " + retryAfter);
    assertEquals("response", second.request("4", "fhe.encrypt", new JsonObject()).getString("type"), "other buckets unaffected");
    first.close();
    second.close();
  }

  @Test
  void badTokensHalveTheLimitsOfTheClientIdAndTheAddress() {
    try (TestGateway own = TestGateway.start(vertx)) {
      String attacked = freshClientId();
      for (int i = 0; i < 5; i++) {
        assertFalse(connects(own, attacked, "garbage-" + i));
      }
      TestSocket socket = own.connect(attacked);
      JsonObject first = socket.request("1", "fhe.setup", new JsonObject());
      assertEquals(1, first.getJsonObject("rate_limit").getInteger("limit"), "2 halved");
      assertEquals(0, first.getJsonObject("rate_limit").getInteger("remaining"));
      JsonObject refused = socket.request("2", "fhe.setup", new JsonObject());
      assertEquals("RATE_LIMIT_EXCEEDED", refused.getString("code"));
      assertEquals(1, refused.getJsonObject("details").getInteger("limit"));
      socket.close();
      // Same address, another client id: halved too.
      TestSocket neighbour = own.connect(freshClientId());
      assertEquals(1, neighbour.request("n", "fhe.setup", new JsonObject()).getJsonObject("rate_limit").getInteger("limit"));
      neighbour.close();
    }
  }

  @Test
  void wrongConfirmHashesCountAsFailures() {
    MessageConsumer<ActionRequest> pqc = vertx.eventBus().consumer(Addresses.PQC, message -> message.reply(ActionReply.failure(
        ProtocolError.withReason(ErrorCode.PQC_KEY_EXCHANGE_FAILED, "hash_mismatch", "Key confirmation failed"))));
    await(pqc.completion());
    try (TestGateway own = TestGateway.start(vertx)) {
      TestSocket socket = own.connect(freshClientId());
      for (int i = 0; i < 5; i++) {
        JsonObject error = socket.request("c" + i, "pqc.confirm", new JsonObject().put("key_id", "k"));
        assertEquals("hash_mismatch", error.getJsonObject("details").getString("reason"));
      }
      assertEquals(1, socket.request("s", "fhe.setup", new JsonObject()).getJsonObject("rate_limit").getInteger("limit"));
      socket.close();
    } finally {
      await(pqc.unregister());
    }
  }

  private static boolean connects(TestGateway target, String clientId, String token) {
    try {
      target.connect(clientId, token).close();
      return true;
    } catch (RuntimeException refused) {
      return false;
    }
  }

  private static String tokenWith(String clientId, JsonArray permissions) {
    return Jwts.hs256(TestGateway.SECRET, Jwts.claims(600).put("client_id", clientId).put("permissions", permissions));
  }

  private static String request(String id, String action, JsonObject payload) {
    return new JsonObject().put("type", "request").put("id", id).put("action", action).put("payload", payload).encode();
  }
}
