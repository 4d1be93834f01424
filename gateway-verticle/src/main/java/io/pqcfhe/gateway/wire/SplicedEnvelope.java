package io.pqcfhe.gateway.wire;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A response envelope's JSON text around its payload, for a payload that is already UTF-8 JSON (an
 * {@code fhe.*} answer encoded by the worker): {@code head} runs up to the payload's value, {@code tail}
 * from its end to the end of the envelope. {@code head + payload + tail} is exactly what
 * {@link JsonObject#encode()} writes for the whole envelope, fields in the same order.
 */
public record SplicedEnvelope(String head, String tail) {
  private static final String PAYLOAD = "payload";

  public static SplicedEnvelope aroundPayload(JsonObject envelope) {
    JsonObject before = new JsonObject();
    JsonObject after = new JsonObject();
    boolean seen = false;
    for (Map.Entry<String, Object> e : envelope) {
      if (e.getKey().equals(PAYLOAD)) {
        seen = true;
      } else {
        (seen ? after : before).put(e.getKey(), e.getValue());
      }
    }
    if (!seen) {
      throw new IllegalArgumentException("the envelope has no payload");
    }
    String opening = before.encode(); // "{...}" without its closing brace is the head's start
    String head = opening.substring(0, opening.length() - 1) + (before.isEmpty() ? "" : ",") + "\"" + PAYLOAD + "\":";
    String tail = after.isEmpty() ? "}" : "," + after.encode().substring(1);
    return new SplicedEnvelope(head, tail);
  }

  /**
   * The whole envelope's UTF-8 JSON around {@code payload}, wrapped without a copy. The payload's buffer is
   * handed over unreleasable, so that writing the result to a socket cannot release it.
   */
  public Buffer around(Buffer payload) {
    return BufferInternal.buffer(Unpooled.wrappedBuffer(
        Unpooled.wrappedBuffer(head.getBytes(StandardCharsets.UTF_8)),
        ((BufferInternal) payload).getByteBuf(),
        Unpooled.wrappedBuffer(tail.getBytes(StandardCharsets.UTF_8))));
  }
}
