package io.pqcfhe.gateway;

import static io.pqcfhe.gateway.testing.TestGateway.freshClientId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.gateway.testing.TestGateway;
import io.pqcfhe.gateway.testing.TestSocket;
import io.pqcfhe.gateway.wire.Timestamps;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** §2, §7, §8 over a real WebSocket: every malformed input gets the exact error, and the limits close. */
@ExtendWith(VertxExtension.class)
class EnvelopeTest {
  static TestGateway gateway;
  TestSocket socket;

  @BeforeAll
  static void start(Vertx vertx) {
    gateway = TestGateway.start(vertx);
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @BeforeEach
  void connect() {
    socket = gateway.connect(freshClientId());
  }

  @AfterEach
  void disconnect() {
    socket.close();
  }

  @Test
  void malformedJsonIsInvalidRequestWithNullIdAndAction() {
    socket.send("{\"type\":\"request\",");
    JsonObject error = socket.next();
    assertError(error, null, null);
    assertEquals("malformed_json", error.getJsonObject("details").getString("reason"));
  }

  @Test
  void nonObjectsAndBinaryFramesAreMalformed() {
    socket.send("[1,2,3]");
    assertEquals("not_an_object", socket.next().getJsonObject("details").getString("reason"));
    socket.send("\"request\"");
    assertEquals("not_an_object", socket.next().getJsonObject("details").getString("reason"));
    socket.sendBinary(new byte[] {1, 2, 3});
    JsonObject binary = socket.next();
    assertError(binary, null, null);
    assertEquals("binary_frame", binary.getJsonObject("details").getString("reason"));
  }

  @Test
  void unknownActionEchoesIdAndAction() {
    JsonObject error = socket.request("r1", "fhe.bootstrap", new JsonObject());
    assertError(error, "r1", "fhe.bootstrap");
    assertEquals("unknown_action", error.getJsonObject("details").getString("reason"));
  }

  @Test
  void missingAndMistypedEnvelopeFieldsAreNamed() {
    expectField("{\"id\":\"a\",\"action\":\"session.refresh\"}", "type", "a", "session.refresh");
    expectField("{\"type\":\"reply\",\"id\":\"a\",\"action\":\"session.refresh\"}", "type", "a", "session.refresh");
    expectField("{\"type\":\"request\",\"action\":\"session.refresh\"}", "id", null, "session.refresh");
    expectField("{\"type\":\"request\",\"id\":7,\"action\":\"session.refresh\"}", "id", null, "session.refresh");
    expectField("{\"type\":\"request\",\"id\":\"\",\"action\":\"session.refresh\"}", "id", null, "session.refresh");
    expectField("{\"type\":\"request\",\"id\":\"a\"}", "action", "a", null);
    expectField("{\"type\":\"request\",\"id\":\"a\",\"action\":[]}", "action", "a", null);
    expectField("{\"type\":\"request\",\"id\":\"a\",\"action\":\"session.refresh\",\"payload\":[]}", "payload", "a", "session.refresh");
    expectField("{\"type\":\"request\",\"id\":\"a\",\"action\":\"session.refresh\",\"timestamp\":5}", "timestamp", "a", "session.refresh");
    expectField("{\"type\":\"request\",\"id\":\"a\",\"action\":\"session.refresh\",\"timestamp\":\"yesterday\"}", "timestamp", "a", "session.refresh");
  }

  @Test
  void idOverLimitMakesTheEnvelopeMalformedWithNullId() {
    JsonObject error = socket.request("i".repeat(129), "session.refresh", new JsonObject());
    assertError(error, null, "session.refresh");
    assertEquals("id", error.getJsonObject("details").getString("field"));
    assertEquals("response", socket.request("i".repeat(128), "session.refresh", new JsonObject()).getString("type"));
  }

  @Test
  void staleTimestampsAreRefusedAndFreshOnesAccepted() {
    Instant now = Instant.now();
    for (Instant stale : new Instant[] {now.minus(Duration.ofMinutes(6)), now.plus(Duration.ofMinutes(6))}) {
      socket.send(request("s", stale).encode());
      JsonObject error = socket.next();
      assertError(error, "s", "session.refresh");
      assertEquals("stale_timestamp", error.getJsonObject("details").getString("reason"));
    }
    socket.send(request("f", now.minus(Duration.ofMinutes(4))).encode());
    assertEquals("response", socket.next().getString("type"));
  }

  @Test
  void absentPayloadIsEmptyObject() {
    socket.send("{\"type\":\"request\",\"id\":\"np\",\"action\":\"session.refresh\"}");
    JsonObject response = socket.next();
    assertEquals("response", response.getString("type"));
    assertEquals("np", response.getString("id"));
    assertEquals("success", response.getString("status"));
  }

  @Test
  void pipelinedRequestsAreAllAnswered() {
    for (int i = 0; i < 25; i++) {
      socket.send(new JsonObject().put("type", "request").put("id", "p" + i).put("action", "session.refresh").encode());
    }
    Set<String> answered = new HashSet<>();
    for (int i = 0; i < 25; i++) {
      answered.add(socket.next().getString("id"));
    }
    assertEquals(25, answered.size());
  }

  @Test
  void twentiethMalformedFrameInARowIsAnsweredThenClosed1008() {
    for (int i = 0; i < 19; i++) {
      socket.send("not json");
      assertEquals("error", socket.next().getString("type"));
    }
    // A well-formed request resets the count.
    assertEquals("response", socket.request("ok", "session.refresh", new JsonObject()).getString("type"));
    for (int i = 0; i < 19; i++) {
      socket.send("not json");
      assertEquals("error", socket.next().getString("type"));
    }
    assertFalse(socket.isClosed());
    socket.send("not json");
    assertEquals("INVALID_REQUEST", socket.next().getString("code"));
    assertEquals(1008, socket.awaitClose());
  }

  @Test
  void wellFormedErrorsDoNotCountAsMalformed() {
    for (int i = 0; i < 25; i++) {
      assertEquals("unknown_action",
          socket.request("u" + i, "no.such", new JsonObject()).getJsonObject("details").getString("reason"));
    }
    assertFalse(socket.isClosed());
  }

  @Test
  void oversizedFrameClosesWith1009WithoutErrorFrame() {
    String big = new JsonObject().put("type", "request").put("id", "big").put("action", "session.refresh")
        .put("payload", new JsonObject().put("pad", "x".repeat(8 * TestGateway.TEST_MAX_MESSAGE_BYTES))).encode();
    socket.send(big);
    socket.send(big);
    assertEquals(1009, socket.awaitClose());
    assertNull(socket.poll(100), "no error frame before the close");
  }

  @Test
  void fragmentedMessagesAreReassembled() {
    socket.sendFragmented(new JsonObject().put("type", "request").put("id", "frag").put("action", "session.refresh").encode(), 7);
    JsonObject response = socket.next();
    assertEquals("response", response.getString("type"));
    assertEquals("frag", response.getString("id"));
  }

  @Test
  void fragmentedMessageOverTheLimitClosesWith1009WithoutErrorFrame() {
    String big = new JsonObject().put("type", "request").put("id", "big").put("action", "session.refresh")
        .put("payload", new JsonObject().put("pad", "x".repeat(TestGateway.TEST_MAX_MESSAGE_BYTES))).encode();
    socket.sendFragmented(big, 16 * 1024);
    assertEquals(1009, socket.awaitClose());
    assertNull(socket.poll(100), "no error frame before the close");
  }

  @Test
  void noStackTraceOrExceptionTextReachesTheClient() {
    socket.send("{\"type\":\"request\",\"id\":\"x\",\"action\":\"session.refresh\",\"payload\":{\"a\":");
    String text = socket.next().encode();
    assertFalse(text.contains("Exception") || text.contains("at io.") || text.contains("jackson"), text);
  }

  private JsonObject request(String id, Instant timestamp) {
    return new JsonObject().put("type", "request").put("id", id).put("action", "session.refresh")
        .put("timestamp", Timestamps.format(timestamp)).put("payload", new JsonObject());
  }

  private void expectField(String frame, String field, String id, String action) {
    socket.send(frame);
    JsonObject error = socket.next();
    assertError(error, id, action);
    assertEquals(field, error.getJsonObject("details").getString("field"), frame);
  }

  static void assertError(JsonObject error, String id, String action) {
    assertEquals("error", error.getString("type"));
    assertEquals("error", error.getString("status"));
    assertEquals("INVALID_REQUEST", error.getString("code"));
    assertTrue(error.containsKey("id") && error.containsKey("action"), "id and action are always present");
    assertEquals(id, error.getValue("id"));
    assertEquals(action, error.getValue("action"));
    assertTrue(error.getString("timestamp").endsWith("Z"));
    assertTrue(error.getValue("message") instanceof String);
  }
}
