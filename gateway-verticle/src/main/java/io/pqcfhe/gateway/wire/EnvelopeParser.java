package io.pqcfhe.gateway.wire;

import io.pqcfhe.protocol.Action;
import io.pqcfhe.protocol.ErrorCode;
import io.pqcfhe.protocol.ProtocolError;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns client frames into request envelopes (§2) or the exact refusal of §8. Pure: no I/O, no mutable
 * state (shareable between threads); the caller supplies the current time for the timestamp check.
 */
public final class EnvelopeParser {
  /** §2: ids are 1–128 characters. */
  public static final int MAX_ID_CHARS = 128;

  /** Longest action string echoed back; every real action name is far shorter. */
  public static final int MAX_ACTION_CHARS = 64;

  /** §2: a request timestamp further than this from server time is stale. */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  private final JsonText json;

  public EnvelopeParser(int maxMessageBytes) {
    this.json = new JsonText(maxMessageBytes);
  }

  /** A binary frame: always malformed (§7). */
  public static ParsedFrame.Invalid binaryFrame() {
    return malformed(
        ProtocolError.withReason(ErrorCode.INVALID_REQUEST, "binary_frame", "Binary frames are not accepted; send JSON text"),
        null,
        null);
  }

  /** A text frame. */
  public ParsedFrame parse(String text, Instant now) {
    Object value;
    try {
      value = json.decode(text);
    } catch (DecodeException e) {
      // The decoder's message may quote the input; the client gets a fixed text.
      return malformed(ProtocolError.withReason(ErrorCode.INVALID_REQUEST, "malformed_json", "Frame is not valid JSON"), null, null);
    }
    if (!(value instanceof JsonObject object)) {
      return malformed(
          ProtocolError.withReason(ErrorCode.INVALID_REQUEST, "not_an_object", "Frame must be a JSON object"), null, null);
    }
    return parse(object, now);
  }

  /** An already decoded object, e.g. an inner request of the secure channel. */
  public ParsedFrame parse(JsonObject frame, Instant now) {
    Object rawId = frame.getValue("id");
    Object rawAction = frame.getValue("action");
    String id = rawId instanceof String s && validId(s) ? s : null;
    String actionName = rawAction instanceof String s && validActionText(s) ? s : null;

    if (!"request".equals(frame.getValue("type"))) {
      String problem = frame.containsKey("type") ? "type must be \"request\"" : "type is required";
      return malformed(ProtocolError.invalidField("type", problem), id, actionName);
    }
    if (id == null) {
      return malformed(ProtocolError.invalidField("id", describeIdProblem(rawId)), null, actionName);
    }
    if (actionName == null) {
      String problem = rawAction == null ? "action is required"
          : rawAction instanceof String ? "action must be 1 to " + MAX_ACTION_CHARS + " characters"
          : "action must be a string";
      return malformed(ProtocolError.invalidField("action", problem), id, null);
    }
    Optional<Action> action = Action.fromWire(actionName);
    if (action.isEmpty()) {
      return refused(
          ProtocolError.withReason(ErrorCode.INVALID_REQUEST, "unknown_action", "Unknown action").withDetail("field", "action"),
          id,
          actionName);
    }
    Optional<ProtocolError> timestampProblem = checkTimestamp(frame.getValue("timestamp"), now);
    if (timestampProblem.isPresent()) {
      return refused(timestampProblem.get(), id, actionName);
    }
    Object payload = frame.getValue("payload");
    if (payload != null && !(payload instanceof JsonObject)) {
      return refused(ProtocolError.invalidField("payload", "payload must be an object"), id, actionName);
    }
    return new ParsedFrame.Valid(
        new RequestEnvelope(id, action.get(), payload == null ? new JsonObject() : (JsonObject) payload));
  }

  private static Optional<ProtocolError> checkTimestamp(Object raw, Instant now) {
    if (raw == null) {
      return Optional.empty();
    }
    if (!(raw instanceof String text)) {
      return Optional.of(ProtocolError.invalidField("timestamp", "timestamp must be an ISO-8601 string"));
    }
    Optional<Instant> sent = Timestamps.parse(text);
    if (sent.isEmpty()) {
      return Optional.of(ProtocolError.invalidField("timestamp", "timestamp must be an ISO-8601 date-time"));
    }
    if (Duration.between(sent.get(), now).abs().compareTo(MAX_CLOCK_SKEW) > 0) {
      return Optional.of(
          ProtocolError.withReason(ErrorCode.INVALID_REQUEST, "stale_timestamp", "timestamp is more than 5 minutes from server time")
              .withDetail("field", "timestamp"));
    }
    return Optional.empty();
  }

  private static String describeIdProblem(Object rawId) {
    if (rawId == null) {
      return "id is required";
    }
    return rawId instanceof String ? "id must be 1 to " + MAX_ID_CHARS + " characters" : "id must be a string";
  }

  private static boolean validId(String id) {
    return !id.isEmpty() && id.length() <= MAX_ID_CHARS;
  }

  private static boolean validActionText(String action) {
    return !action.isEmpty() && action.length() <= MAX_ACTION_CHARS;
  }

  private static ParsedFrame.Invalid malformed(ProtocolError error, String id, String action) {
    return new ParsedFrame.Invalid(error, id, action, true);
  }

  private static ParsedFrame.Invalid refused(ProtocolError error, String id, String action) {
    return new ParsedFrame.Invalid(error, id, action, false);
  }
}
