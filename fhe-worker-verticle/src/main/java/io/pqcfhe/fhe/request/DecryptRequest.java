package io.pqcfhe.fhe.request;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * {@code fhe.decrypt} (server key mode).
 *
 * @param expectedSize how many values to return; empty: the length encrypted, or the slot count
 */
public record DecryptRequest(String contextId, String ciphertextId, OptionalInt expectedSize) implements FheRequest {

  public DecryptRequest {
    Objects.requireNonNull(contextId, "contextId");
    Objects.requireNonNull(ciphertextId, "ciphertextId");
    Objects.requireNonNull(expectedSize, "expectedSize");
  }

  public static DecryptRequest fromPayload(JsonObject payload, RequestLimits limits) {
    Fields fields = Fields.payload(payload);
    String contextId = fields.requiredId("context_id");
    String ciphertextId = fields.requiredId("ciphertext_id");
    OptionalInt expectedSize = OptionalInt.empty();
    if (fields.has("expected_size")) {
      long size = fields.requiredIntegral("expected_size");
      if (size < 1 || size > RequestLimits.MAX_SLOTS) {
        throw outOfRange(fields.path("expected_size"), RequestLimits.MAX_SLOTS);
      }
      expectedSize = OptionalInt.of((int) size);
    }
    return new DecryptRequest(contextId, ciphertextId, expectedSize);
  }

  /** An {@code expected_size} above the context's slot count: {@code INVALID_REQUEST}, {@code out_of_range}. */
  public void requireFitsSlots(int slotCount) {
    if (expectedSize.isPresent() && expectedSize.getAsInt() > slotCount) {
      throw outOfRange("payload.expected_size", slotCount);
    }
  }

  private static RuntimeException outOfRange(String path, int max) {
    return RequestErrors.invalid(
        path, "out_of_range", path + " must be between 1 and " + max, new JsonObject().put("max", max));
  }
}
