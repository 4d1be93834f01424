package io.pqcfhe.protocol;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A service's answer to an {@link ActionRequest}: either a success payload or a {@link ProtocolError},
 * plus the events the gateway writes to the same client right after the response (in order), e.g. the
 * {@code pqc.established} that follows a successful confirm.
 *
 * <p>A success may instead be known by its payload's UTF-8 JSON ({@link #encoded}): a service with large
 * answers encodes them on its own thread (the FHE workers do), and a reply from another node arrives as
 * those bytes. The gateway writes them as they are, instead of encoding the payload on its event loop; the
 * payload is parsed only the first time someone asks for it, which the gateway, splicing the bytes into
 * the response, never does: an answer with a ciphertext is hundreds of kilobytes of JSON.
 *
 * <p>Immutable apart from that one-time parse (the payload object, as every {@link JsonObject}, is not).
 */
public final class ActionReply {
  private final ProtocolError error;
  private final List<ClientEvent> followingEvents;
  private final Buffer encodedPayload;
  /** Null for a failure, and for an encoded success until it is first asked for. */
  private JsonObject payload;

  private ActionReply(JsonObject payload, ProtocolError error, List<ClientEvent> followingEvents, Buffer encodedPayload) {
    this.payload = payload;
    this.error = error;
    this.followingEvents = List.copyOf(followingEvents);
    this.encodedPayload = encodedPayload;
  }

  public static ActionReply success(JsonObject payload) {
    return success(payload, List.of());
  }

  public static ActionReply success(JsonObject payload, List<ClientEvent> followingEvents) {
    return new ActionReply(Objects.requireNonNull(payload), null, followingEvents, null);
  }

  /** A success known by its payload's UTF-8 JSON; the bytes are not checked until the payload is asked for. */
  public static ActionReply encoded(Buffer encodedPayload, List<ClientEvent> followingEvents) {
    return new ActionReply(null, null, followingEvents, Objects.requireNonNull(encodedPayload));
  }

  public static ActionReply failure(ProtocolError error) {
    return new ActionReply(null, Objects.requireNonNull(error), List.of(), null);
  }

  public boolean succeeded() {
    return error == null;
  }

  /**
   * The success payload, parsed from the encoded bytes on the first call when the reply has only those;
   * null for a failure.
   *
   * @throws io.vertx.core.json.DecodeException when encoded bytes are not a JSON object
   */
  public synchronized JsonObject payload() {
    if (payload == null && encodedPayload != null) {
      payload = new JsonObject(encodedPayload);
    }
    return payload;
  }

  /** The failure; null for a success. */
  public ProtocolError error() {
    return error;
  }

  public List<ClientEvent> followingEvents() {
    return followingEvents;
  }

  /** The payload as UTF-8 JSON, when the reply carries it encoded. */
  public Optional<Buffer> encodedPayload() {
    return Optional.ofNullable(encodedPayload);
  }

  /** A success's payload as UTF-8 JSON: the bytes it was made from, else the payload encoded now. */
  private Buffer utf8Payload() {
    return encodedPayload != null ? encodedPayload : Utf8Json.encode(payload);
  }

  /**
   * Event-bus codec: by reference within a node. Between nodes the payload travels as its own UTF-8 JSON
   * bytes beside the rest of the reply: the bytes a service encoded on its thread are sent as they are, and
   * the receiving gateway gets a reply known by those bytes ({@link #encoded}), to splice into the response
   * like a local service's: neither encoded a second time nor parsed on its event loop.
   */
  public static final class Codec implements MessageCodec<ActionReply, ActionReply> {

    /** The reply's events (or error) as JSON, then, for a success, the payload's encoded bytes. */
    @Override
    public void encodeToWire(Buffer buffer, ActionReply reply) {
      JsonArray events = new JsonArray();
      reply.followingEvents().forEach(e -> events.add(e.toJson()));
      JsonObject rest = new JsonObject().put("events", events);
      if (!reply.succeeded()) {
        rest.put("error", reply.error().toJson());
      }
      JsonRecordCodec.appendSized(buffer, rest.toBuffer());
      if (reply.succeeded()) {
        JsonRecordCodec.appendSized(buffer, reply.utf8Payload());
      }
    }

    @Override
    public ActionReply decodeFromWire(int pos, Buffer buffer) {
      Buffer restBytes = JsonRecordCodec.readSized(pos, buffer);
      JsonObject rest = new JsonObject(restBytes);
      List<ClientEvent> events =
          rest.getJsonArray("events").stream().map(o -> ClientEvent.fromJson((JsonObject) o)).toList();
      JsonObject error = rest.getJsonObject("error");
      if (error != null) {
        return new ActionReply(null, ProtocolError.fromJson(error), events, null);
      }
      return encoded(JsonRecordCodec.readSized(pos + 4 + restBytes.length(), buffer), events);
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
