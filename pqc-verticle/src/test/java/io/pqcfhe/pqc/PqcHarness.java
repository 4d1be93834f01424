package io.pqcfhe.pqc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.crypto.MlKemParameterSet;
import io.pqcfhe.pqc.channel.SecureChannelService;
import io.pqcfhe.pqc.handshake.KeyExchangeService;
import io.pqcfhe.pqc.identity.ServerIdentity;
import io.pqcfhe.protocol.ActionReply;
import io.pqcfhe.protocol.ActionRequest;
import io.pqcfhe.protocol.Addresses;
import io.pqcfhe.protocol.ClientEvent;
import io.pqcfhe.protocol.ProtocolCodecs;
import io.pqcfhe.protocol.ProtocolError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deployed {@link PqcVerticle} on a real event bus, with the tests' view of every session's outbound and
 * inbound addresses. Blocking helpers: tests run on the JUnit thread, never on an event loop.
 */
final class PqcHarness {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static ServerIdentity identity;

  final Vertx vertx;
  final MutableClock clock = new MutableClock();
  final PqcSettings settings;
  final SecureChannelService channels;
  final KeyExchangeService keyExchange;
  private final Map<String, BlockingQueue<ClientEvent>> outbound = new ConcurrentHashMap<>();
  private final Map<String, BlockingQueue<JsonObject>> inbound = new ConcurrentHashMap<>();
  private final AtomicInteger requestIds = new AtomicInteger();

  PqcHarness(Vertx vertx, PqcSettings settings) throws Exception {
    this.vertx = vertx;
    this.settings = settings;
    ProtocolCodecs.register(vertx.eventBus());
    channels = new SecureChannelService(settings, clock, RANDOM);
    keyExchange = new KeyExchangeService(identity(), channels, settings, clock, RANDOM);
    await(vertx.deployVerticle(new PqcVerticle(keyExchange, channels, settings), PqcVerticle.deploymentOptions()));
  }

  static synchronized ServerIdentity identity() throws Exception {
    if (identity == null) {
      Path dir = Files.createTempDirectory("pqc-identity");
      identity = ServerIdentity.loadOrCreate(dir, RANDOM);
      Files.delete(dir.resolve(ServerIdentity.FILE_NAME));
      Files.delete(dir);
    }
    return identity;
  }

  TestClient client(String sessionId, String clientId, String tenant, String version) throws Exception {
    TestClient client = new TestClient(sessionId, clientId, tenant, version, identity().publicKey());
    BlockingQueue<ClientEvent> events = new LinkedBlockingQueue<>();
    BlockingQueue<JsonObject> inner = new LinkedBlockingQueue<>();
    outbound.put(sessionId, events);
    inbound.put(sessionId, inner);
    await(vertx.eventBus().<ClientEvent>localConsumer(Addresses.sessionOutbound(sessionId), m -> events.add(m.body()))
        .completion());
    await(vertx.eventBus().<JsonObject>localConsumer(Addresses.sessionInbound(sessionId), m -> inner.add(m.body()))
        .completion());
    return client;
  }

  TestClient client(String sessionId) throws Exception {
    return client(sessionId, "client-" + sessionId, "default", "1.0");
  }

  ActionReply call(TestClient client, String action, JsonObject payload) throws Exception {
    String address = action.startsWith("pqc.") ? Addresses.PQC
        : action.equals("secure.deliver") ? Addresses.SECURE_DELIVER : Addresses.SECURE;
    ActionRequest request = new ActionRequest(
        "req-" + requestIds.incrementAndGet(), action, payload, client.session, action.equals("secure.deliver"));
    return await(vertx.eventBus().<ActionReply>request(address, request)).body();
  }

  JsonObject success(TestClient client, String action, JsonObject payload) throws Exception {
    ActionReply reply = call(client, action, payload);
    assertNull(reply.error(), () -> action + " failed: " + reply.error());
    return reply.payload();
  }

  ProtocolError failure(TestClient client, String action, JsonObject payload) throws Exception {
    ActionReply reply = call(client, action, payload);
    assertFalse(reply.succeeded(), () -> action + " unexpectedly succeeded: " + reply.payload());
    return reply.error();
  }

  /** Runs a whole handshake and returns the confirm's reply. */
  ActionReply establish(TestClient client, MlKemParameterSet set, boolean hybrid) throws Exception {
    client.acceptInitiateAnswer(success(client, "pqc.initiate", client.initiatePayload(set, hybrid)));
    ActionReply confirm = call(client, "pqc.confirm", client.confirmPayload());
    assertTrue(confirm.succeeded(), () -> "confirm failed: " + confirm.error());
    client.channelId = confirm.payload().getString("channel_id");
    return confirm;
  }

  /** The next event sent to a session's outbound address, or null after a short wait. */
  ClientEvent nextEvent(TestClient client) throws InterruptedException {
    return outbound.get(client.session.sessionId()).poll(2, TimeUnit.SECONDS);
  }

  /** Asserts nothing more arrived on a session's outbound address. */
  void assertNoEvent(TestClient client) throws InterruptedException {
    ClientEvent event = outbound.get(client.session.sessionId()).poll(200, TimeUnit.MILLISECONDS);
    assertNull(event, () -> "unexpected event " + event);
  }

  JsonObject nextInner(TestClient client) throws InterruptedException {
    return inbound.get(client.session.sessionId()).poll(2, TimeUnit.SECONDS);
  }

  void assertNoInner(TestClient client) throws InterruptedException {
    assertNull(inbound.get(client.session.sessionId()).poll(200, TimeUnit.MILLISECONDS));
  }

  void endSession(TestClient client) throws Exception {
    vertx.eventBus().publish(Addresses.SESSION_ENDED, client.session);
    // SESSION_ENDED has no reply; a round trip through the same worker orders us after it.
    call(client, "pqc.confirm", new JsonObject().put("key_id", "x").put("shared_key_hash", "x")
        .put("ready_for_secure_channel", true));
  }

  static void assertReason(ProtocolError error, String code, String reason) {
    assertEquals(code, error.code().name(), () -> "error " + error);
    assertEquals(reason, error.details().getString("reason"), () -> "error " + error);
  }

  static void assertField(ProtocolError error, String field) {
    assertEquals("INVALID_REQUEST", error.code().name(), () -> "error " + error);
    assertEquals(field, error.details().getString("field"), () -> "error " + error);
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  static PqcSettings smallLimits() {
    return new PqcSettings(Duration.ofSeconds(60), 3, 4, 10, 8, Duration.ofHours(1), Duration.ofMinutes(55),
        Duration.ofMinutes(5), Duration.ofMillis(50));
  }
}
