package io.pqcfhe.gateway.pipeline;

import io.pqcfhe.gateway.wire.SplicedEnvelope;
import io.pqcfhe.protocol.ClientEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What answering one request produced: the response or error envelope, the events that follow it (in
 * order), and whether the connection closes afterwards (with which WebSocket close code). A response whose
 * service encoded its payload carries those bytes in {@code encodedPayload}, and null as the envelope's
 * {@code payload}: the bytes are written as they are, in its place ({@link #utf8()}).
 */
public record Outcome(JsonObject envelope, Optional<Buffer> encodedPayload, List<ClientEvent> followingEvents, OptionalInt closeCode) {

  public Outcome {
    followingEvents = List.copyOf(followingEvents);
  }

  public static Outcome of(JsonObject envelope) {
    return new Outcome(envelope, Optional.empty(), List.of(), OptionalInt.empty());
  }

  /** The envelope as the client reads it, in UTF-8 JSON: the encoded payload in its place, without a copy. */
  public Buffer utf8() {
    return encodedPayload.map(payload -> SplicedEnvelope.aroundPayload(envelope).around(payload)).orElseGet(envelope::toBuffer);
  }
}
