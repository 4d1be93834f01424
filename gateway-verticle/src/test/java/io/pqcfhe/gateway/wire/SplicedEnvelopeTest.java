package io.pqcfhe.gateway.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class SplicedEnvelopeTest {

  private static void assertSplicesTo(JsonObject envelope) {
    SplicedEnvelope text = SplicedEnvelope.aroundPayload(envelope);
    String payload = envelope.getJsonObject("payload").encode();
    assertEquals(envelope.encode(), text.head() + payload + text.tail());
  }

  @Test
  void headAndTailAroundThePayloadMakeTheWholeEnvelope() {
    JsonObject payload = new JsonObject().put("ciphertext", "QUJD").put("level", 2);
    assertSplicesTo(new JsonObject().put("type", "response").put("id", "say \"hi\" é").put("action", "fhe.compute")
        .put("status", "success").put("timestamp", "2026-11-26T16:00:00.000Z").put("payload", payload));
    assertSplicesTo(new JsonObject().put("type", "response").put("payload", payload)
        .put("rate_limit", new JsonObject().put("limit", 50).put("remaining", 3)));
    assertSplicesTo(new JsonObject().put("payload", payload));
  }

  @Test
  void anEnvelopeWithoutPayloadIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> SplicedEnvelope.aroundPayload(new JsonObject().put("type", "event")));
  }
}
