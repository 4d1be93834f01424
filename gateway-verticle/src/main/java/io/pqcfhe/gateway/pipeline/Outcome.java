package io.pqcfhe.gateway.pipeline;

import io.pqcfhe.protocol.ClientEvent;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.OptionalInt;

/**
 * What answering one request produced: the response or error envelope, the events that follow it (in
 * order), and whether the connection closes afterwards (with which WebSocket close code).
 */
public record Outcome(JsonObject envelope, List<ClientEvent> followingEvents, OptionalInt closeCode) {

  public Outcome {
    followingEvents = List.copyOf(followingEvents);
  }

  public static Outcome of(JsonObject envelope) {
    return new Outcome(envelope, List.of(), OptionalInt.empty());
  }
}
