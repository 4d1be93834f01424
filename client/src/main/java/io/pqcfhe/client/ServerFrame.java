package io.pqcfhe.client;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/** One frame from the server, classified by its {@code type} (PROTOCOL.md §2, §8). */
sealed interface ServerFrame {

  /** {@code "type":"response"}: the success answer to the request {@code id}. */
  record Response(String id, String action, JsonObject payload) implements ServerFrame {}

  /** {@code "type":"error"}: {@code id} is null when the server could not read the envelope. */
  record Error(String id, PqcFheException error) implements ServerFrame {}

  /** {@code "type":"event"}. */
  record Event(ServerEvent event) implements ServerFrame {}

  /**
   * Reads a text message, as UTF-8. A message that is not one of the three envelopes is a protocol
   * violation; the caller decides what that costs (the client ignores it and reports it to its listeners).
   */
  static ServerFrame parse(byte[] utf8) {
    JsonObject json;
    try {
      json = FrameJson.decodeObject(utf8);
    } catch (DecodeException e) {
      throw violation("frame is not a JSON object");
    }
    String type = stringOrNull(json, "type");
    if (type == null) {
      throw violation("frame without a type");
    }
    switch (type) {
      case "response": {
        String id = stringOrNull(json, "id");
        if (id == null) {
          throw violation("response without an id");
        }
        return new Response(id, stringOrNull(json, "action"), objectOrEmpty(json, "payload"));
      }
      case "error": {
        JsonObject details = objectOrEmpty(json, "details");
        PqcFheException error =
            PqcFheException.fromServer(
                stringOrDefault(json, "code", "UNKNOWN"), stringOrDefault(json, "message", ""), details);
        return new Error(stringOrNull(json, "id"), error);
      }
      case "event": {
        String name = stringOrNull(json, "event");
        if (name == null) {
          throw violation("event without a name");
        }
        return new Event(new ServerEvent(name, stringOrNull(json, "timestamp"), objectOrEmpty(json, "data")));
      }
      default:
        throw violation("unknown frame type");
    }
  }

  private static PqcFheException violation(String what) {
    return PqcFheException.local(PqcFheException.LocalCode.PROTOCOL_VIOLATION, what);
  }

  private static String stringOrNull(JsonObject json, String key) {
    return json.getValue(key) instanceof String s ? s : null;
  }

  private static String stringOrDefault(JsonObject json, String key, String fallback) {
    String s = stringOrNull(json, key);
    return s == null ? fallback : s;
  }

  private static JsonObject objectOrEmpty(JsonObject json, String key) {
    return json.getValue(key) instanceof JsonObject o ? o : new JsonObject();
  }
}
