package io.pqcfhe.gateway.wire;

import io.pqcfhe.protocol.ClientEvent;
import io.pqcfhe.protocol.ProtocolError;
import io.vertx.core.json.JsonObject;
import java.time.Clock;

/** Builds the three server envelopes of §2 and §8, stamped with the server clock. */
public final class Envelopes {
  private final Clock clock;

  public Envelopes(Clock clock) {
    this.clock = clock;
  }

  public Clock clock() {
    return clock;
  }

  public JsonObject response(String id, String action, JsonObject payload) {
    return new JsonObject()
        .put("type", "response")
        .put("id", id)
        .put("action", action)
        .put("status", "success")
        .put("timestamp", now())
        .put("payload", payload);
  }

  /** §8: {@code id} and {@code action} are null when the envelope did not carry a usable one. */
  public JsonObject error(String id, String action, ProtocolError error) {
    return new JsonObject()
        .put("type", "error")
        .put("id", id)
        .put("action", action)
        .put("status", "error")
        .put("code", error.code().name())
        .put("message", error.message())
        .put("details", error.details())
        .put("timestamp", now());
  }

  public JsonObject event(ClientEvent event) {
    return new JsonObject()
        .put("type", "event")
        .put("event", event.event())
        .put("timestamp", now())
        .put("data", event.data());
  }

  private String now() {
    return Timestamps.format(clock.instant());
  }
}
