package io.pqcfhe.protocol;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * A service's answer to an {@link ActionRequest}: either a success payload or a {@link ProtocolError},
 * plus the events the gateway writes to the same client right after the response (in order), e.g. the
 * {@code pqc.established} that follows a successful confirm.
 */
public record ActionReply(JsonObject payload, ProtocolError error, List<ClientEvent> followingEvents) {

  public ActionReply {
    if ((payload == null) == (error == null)) {
      throw new IllegalArgumentException("exactly one of payload and error");
    }
    followingEvents = List.copyOf(followingEvents);
  }

  public static ActionReply success(JsonObject payload) {
    return new ActionReply(Objects.requireNonNull(payload), null, List.of());
  }

  public static ActionReply success(JsonObject payload, List<ClientEvent> followingEvents) {
    return new ActionReply(Objects.requireNonNull(payload), null, followingEvents);
  }

  public static ActionReply failure(ProtocolError error) {
    return new ActionReply(null, Objects.requireNonNull(error), List.of());
  }

  public boolean succeeded() {
    return error == null;
  }

  public JsonObject toJson() {
    JsonArray events = new JsonArray();
    followingEvents.forEach(e -> events.add(e.toJson()));
    JsonObject json = new JsonObject().put("events", events);
    return succeeded() ? json.put("payload", payload) : json.put("error", error.toJson());
  }

  public static ActionReply fromJson(JsonObject json) {
    List<ClientEvent> events =
        json.getJsonArray("events").stream().map(o -> ClientEvent.fromJson((JsonObject) o)).toList();
    JsonObject error = json.getJsonObject("error");
    return error == null
        ? new ActionReply(json.getJsonObject("payload"), null, events)
        : new ActionReply(null, ProtocolError.fromJson(error), events);
  }

  /** Event-bus codec: by reference within a node, as JSON between nodes. */
  public static final class Codec extends JsonRecordCodec<ActionReply> {
    public Codec() {
      super("pqcfhe.ActionReply", ActionReply::toJson, ActionReply::fromJson);
    }
  }
}
