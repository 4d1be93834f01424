package io.pqcfhe.protocol;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/** An unsolicited event for a client (§2): the gateway wraps it in the event envelope with a timestamp. */
public record ClientEvent(String event, JsonObject data) {

  public ClientEvent {
    Objects.requireNonNull(event, "event");
    data = data == null ? new JsonObject() : data;
  }

  public JsonObject toJson() {
    return new JsonObject().put("event", event).put("data", data);
  }

  public static ClientEvent fromJson(JsonObject json) {
    return new ClientEvent(json.getString("event"), json.getJsonObject("data"));
  }

  /** Event-bus codec: by reference within a node, as JSON between nodes. */
  public static final class Codec extends JsonRecordCodec<ClientEvent> {
    public Codec() {
      super("pqcfhe.ClientEvent", ClientEvent::toJson, ClientEvent::fromJson);
    }
  }
}
