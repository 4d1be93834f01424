package io.pqcfhe.client;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/** The request envelope of PROTOCOL.md §2, for top-level requests and requests inside the channel alike. */
final class Envelopes {
  private Envelopes() {}

  /** No {@code timestamp}: it is optional, and a client clock off by minutes would get requests refused. */
  static JsonObject request(String id, String action, JsonObject payload) {
    return new JsonObject()
        .put("type", "request")
        .put("id", Objects.requireNonNull(id, "id"))
        .put("action", Objects.requireNonNull(action, "action"))
        .put("payload", payload == null ? new JsonObject() : payload);
  }
}
