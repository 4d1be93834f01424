package io.pqcfhe.protocol;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * A service's answer to an {@link ActionRequest}: either a success payload or a {@link ProtocolError},
 * plus the events the gateway writes to the same client right after the response (in order), e.g. the
 * {@code pqc.established} that follows a successful confirm.
 *
 * <p>{@code encodedPayload}, when not null, is the payload already encoded as UTF-8 JSON by the service
 * (see {@link #withEncodedPayload()}); the gateway then writes those bytes instead of encoding the payload
 * on its event loop.
 */
public record ActionReply(JsonObject payload, ProtocolError error, List<ClientEvent> followingEvents, Buffer encodedPayload) {

  public ActionReply {
    if ((payload == null) == (error == null)) {
      throw new IllegalArgumentException("exactly one of payload and error");
    }
    if (encodedPayload != null && payload == null) {
      throw new IllegalArgumentException("an encoded payload without its payload");
    }
    followingEvents = List.copyOf(followingEvents);
  }

  public static ActionReply success(JsonObject payload) {
    return success(payload, List.of());
  }

  public static ActionReply success(JsonObject payload, List<ClientEvent> followingEvents) {
    return new ActionReply(Objects.requireNonNull(payload), null, followingEvents, null);
  }

  public static ActionReply failure(ProtocolError error) {
    return new ActionReply(null, Objects.requireNonNull(error), List.of(), null);
  }

  public boolean succeeded() {
    return error == null;
  }

  /**
   * This reply with its payload encoded now, on the calling thread. A service whose payloads are large
   * (ciphertexts, keys) calls it on its worker thread, so that the gateway's event loop only copies bytes.
   */
  public ActionReply withEncodedPayload() {
    return succeeded() && encodedPayload == null
        ? new ActionReply(payload, null, followingEvents, Utf8Json.encode(payload))
        : this;
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
        ? new ActionReply(json.getJsonObject("payload"), null, events, null)
        : new ActionReply(null, ProtocolError.fromJson(error), events, null);
  }

  /**
   * Event-bus codec: by reference within a node. Between nodes the payload travels as its own UTF-8 JSON
   * bytes beside the rest of the reply: the bytes a service encoded on its thread ({@link
   * #withEncodedPayload()}) are sent as they are, and the receiving gateway gets them back as the reply's
   * encoded payload, to splice into the response like a local service's, instead of encoding the payload a
   * second time on its event loop.
   */
  public static final class Codec implements MessageCodec<ActionReply, ActionReply> {

    /** The reply's JSON without its payload, then, for a success, the payload's encoded bytes. */
    @Override
    public void encodeToWire(Buffer buffer, ActionReply reply) {
      JsonObject rest = reply.toJson();
      rest.remove("payload");
      JsonRecordCodec.appendSized(buffer, rest.toBuffer());
      if (reply.succeeded()) {
        JsonRecordCodec.appendSized(buffer, reply.withEncodedPayload().encodedPayload());
      }
    }

    @Override
    public ActionReply decodeFromWire(int pos, Buffer buffer) {
      Buffer restBytes = JsonRecordCodec.readSized(pos, buffer);
      JsonObject rest = new JsonObject(restBytes);
      if (rest.containsKey("error")) {
        return fromJson(rest);
      }
      Buffer payload = JsonRecordCodec.readSized(pos + 4 + restBytes.length(), buffer);
      ActionReply reply = fromJson(rest.put("payload", new JsonObject(payload)));
      return new ActionReply(reply.payload(), null, reply.followingEvents(), payload);
    }

    @Override
    public ActionReply transform(ActionReply reply) {
      return reply;
    }

    @Override
    public String name() {
      return "pqcfhe.ActionReply";
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }
}
