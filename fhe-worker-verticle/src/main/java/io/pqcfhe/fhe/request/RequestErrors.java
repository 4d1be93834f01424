package io.pqcfhe.fhe.request;

import io.pqcfhe.protocol.ErrorCode;
import io.pqcfhe.protocol.ProtocolError;
import io.pqcfhe.protocol.ProtocolException;
import io.vertx.core.json.JsonObject;

/**
 * The refusals of payload validation, each with {@code details.field} (the JSON path) and
 * {@code details.reason} (a stable word, listed in docs/fhe-expressions.md).
 */
final class RequestErrors {
  private RequestErrors() {}

  static ProtocolException invalid(String field, String reason, String message) {
    return error(ErrorCode.INVALID_REQUEST, field, reason, message, new JsonObject());
  }

  static ProtocolException invalid(String field, String reason, String message, JsonObject extra) {
    return error(ErrorCode.INVALID_REQUEST, field, reason, message, extra);
  }

  static ProtocolException context(String field, String reason, String message) {
    return error(ErrorCode.FHE_CONTEXT_ERROR, field, reason, message, new JsonObject());
  }

  static ProtocolException missing(String field) {
    return invalid(field, "missing", field + " is required");
  }

  static ProtocolException wrongType(String field, String expected) {
    return invalid(field, "wrong_type", field + " must be " + expected);
  }

  static ProtocolException tooManyValues(String field, int max) {
    return invalid(field, "too_many_values", field + " has more than " + max + " values", new JsonObject().put("max", max));
  }

  private static ProtocolException error(ErrorCode code, String field, String reason, String message, JsonObject extra) {
    JsonObject details = extra.copy().put("reason", reason).put("field", field);
    return new ProtocolError(code, message, details).asException();
  }
}
