package io.pqcfhe.fhe.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pqcfhe.protocol.ErrorCode;
import io.pqcfhe.protocol.ProtocolError;
import io.pqcfhe.protocol.ProtocolException;
import org.junit.jupiter.api.function.Executable;

/** Assertions on a refusal: its code, the path of the field and the reason word. */
final class Refusals {
  private Refusals() {}

  static ProtocolError assertRefused(ErrorCode code, String field, String reason, Executable action) {
    ProtocolError error = assertThrows(ProtocolException.class, action).error();
    assertEquals(code, error.code(), () -> "code of " + error.toJson());
    assertEquals(reason, error.details().getString("reason"), () -> "reason of " + error.toJson());
    assertEquals(field, error.details().getString("field"), () -> "field of " + error.toJson());
    assertFalse(error.message().isBlank());
    return error;
  }

  static ProtocolError assertInvalid(String field, String reason, Executable action) {
    return assertRefused(ErrorCode.INVALID_REQUEST, field, reason, action);
  }

  static ProtocolError assertContextError(String field, String reason, Executable action) {
    return assertRefused(ErrorCode.FHE_CONTEXT_ERROR, field, reason, action);
  }
}
