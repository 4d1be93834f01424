package io.pqcfhe.fhe.store;

import io.pqcfhe.protocol.ErrorCode;
import io.pqcfhe.protocol.ProtocolError;
import io.pqcfhe.protocol.ProtocolException;
import io.vertx.core.json.JsonObject;

/** The refusals of the store, built once: the same words whatever the cause. */
public final class StoreErrors {
  private StoreErrors() {}

  private static final ProtocolError UNKNOWN_CONTEXT =
      new ProtocolError(
          ErrorCode.FORBIDDEN,
          "context_id does not name a context of this session",
          new JsonObject().put("field", "payload.context_id"));

  private static final ProtocolError UNKNOWN_CIPHERTEXT =
      new ProtocolError(
          ErrorCode.FORBIDDEN,
          "a ciphertext id does not name a ciphertext of this session",
          new JsonObject());

  private static final ProtocolError CONTEXT_MISMATCH =
      new ProtocolError(
          ErrorCode.FHE_CONTEXT_ERROR,
          "the ciphertext belongs to another context of this session",
          new JsonObject().put("reason", "context_mismatch"));

  /** Unknown, released, or another session's context: indistinguishable on purpose. */
  public static ProtocolException unknownContext() {
    return UNKNOWN_CONTEXT.asException();
  }

  /** Unknown, released, or another session's ciphertext: indistinguishable on purpose. */
  public static ProtocolException unknownCiphertext() {
    return UNKNOWN_CIPHERTEXT.asException();
  }

  public static ProtocolException contextMismatch() {
    return CONTEXT_MISMATCH.asException();
  }

  static ProtocolException quota(String what, long limit) {
    return new ProtocolError(
            ErrorCode.RATE_LIMIT_EXCEEDED,
            "the session's FHE quota of " + what + " is used up",
            new JsonObject().put("reason", "quota").put("quota", what).put("limit", limit))
        .asException();
  }
}
