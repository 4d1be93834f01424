package io.pqcfhe.protocol;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * A validated request on its way from the gateway to the service that answers it: the envelope's id and
 * action, the payload as the client sent it, and the session it came from. {@code viaChannel} is true
 * for requests that arrived inside the secure channel.
 */
public record ActionRequest(String requestId, String action, JsonObject payload, SessionInfo session, boolean viaChannel) {

  public ActionRequest {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(session, "session");
    payload = payload == null ? new JsonObject() : payload;
  }

  /** The payload; callers must not modify it (event-bus messages are shared within a node). */
  @Override
  public JsonObject payload() {
    return payload;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", requestId)
        .put("action", action)
        .put("payload", payload)
        .put("session", session.toJson())
        .put("via_channel", viaChannel);
  }

  public static ActionRequest fromJson(JsonObject json) {
    return new ActionRequest(
        json.getString("id"),
        json.getString("action"),
        json.getJsonObject("payload"),
        SessionInfo.fromJson(json.getJsonObject("session")),
        json.getBoolean("via_channel", false));
  }

  /** Event-bus codec: by reference within a node, as JSON between nodes. */
  public static final class Codec extends JsonRecordCodec<ActionRequest> {
    public Codec() {
      super("pqcfhe.ActionRequest", ActionRequest::toJson, ActionRequest::fromJson);
    }
  }
}
