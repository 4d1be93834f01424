package io.pqcfhe.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reply as it crosses between nodes: the payload's encoded bytes travel and arrive as they are. */
class ActionReplyCodecTest {
  private final ActionReply.Codec codec = new ActionReply.Codec();
  private final List<ClientEvent> events = List.of(new ClientEvent("pqc.established", new JsonObject().put("k", 1)));

  @Test
  void aSuccessArrivesWithItsPayloadAndItsEncodedBytes() {
    JsonObject payload = new JsonObject().put("ciphertext", "QUJD".repeat(400)).put("size_bytes", 1200).putNull("absent");
    ActionReply sent = ActionReply.success(payload, events);
    ActionReply received = roundTrip(sent);
    assertEquals(payload, received.payload());
    assertEquals(events, received.followingEvents());
    assertEquals(Utf8Json.encode(payload), received.encodedPayload().orElseThrow(), "the bytes the gateway splices");
    assertEquals(payload.toBuffer(), received.encodedPayload().orElseThrow(), "the same bytes Vert.x would write");
  }

  @Test
  void bytesAServiceEncodedAreSentAsTheyAre() {
    ActionReply encoded = ActionReply.encoded(Buffer.buffer("{\"a\":\"b\"}"), events);
    assertEquals(encoded.encodedPayload(), roundTrip(encoded).encodedPayload());
  }

  @Test
  void aReceivedPayloadIsParsedOnlyWhenAskedFor() {
    // Bytes that are not JSON cross, and are refused only by the one who reads them as JSON.
    Buffer notJson = Buffer.buffer("{\"ciphertext\": \"QUJD");
    ActionReply received = roundTrip(ActionReply.encoded(notJson, events));
    assertTrue(received.succeeded());
    assertEquals(notJson, received.encodedPayload().orElseThrow());
    assertEquals(events, received.followingEvents());
    assertThrows(DecodeException.class, received::payload);

    ActionReply valid = roundTrip(ActionReply.encoded(Buffer.buffer("{\"a\":1}"), List.of()));
    assertSame(valid.payload(), valid.payload(), "parsed once");
    assertEquals(new JsonObject().put("a", 1), valid.payload());
  }

  @Test
  void aFailureArrivesWithoutPayload() {
    ActionReply sent = ActionReply.failure(ProtocolError.withReason(ErrorCode.SERVICE_UNAVAILABLE, "no_worker", "none"));
    ActionReply received = roundTrip(sent);
    assertEquals(sent.error().toJson(), received.error().toJson());
    assertNull(received.payload());
    assertTrue(received.encodedPayload().isEmpty());
  }

  private ActionReply roundTrip(ActionReply reply) {
    Buffer wire = Buffer.buffer().appendString("before");
    codec.encodeToWire(wire, reply);
    return codec.decodeFromWire("before".length(), wire);
  }
}
