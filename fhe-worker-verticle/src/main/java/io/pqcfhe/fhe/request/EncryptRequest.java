package io.pqcfhe.fhe.request;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * {@code fhe.encrypt} (server key mode): values to encode in the slots and encrypt.
 *
 * @param scale the encoding scale; empty: the context's
 */
public record EncryptRequest(
    String contextId, double[] data, OptionalDouble scale, boolean includeCiphertext, Compression compression)
    implements FheRequest {

  public EncryptRequest {
    Objects.requireNonNull(contextId, "contextId");
    data = data.clone();
    Objects.requireNonNull(scale, "scale");
    Objects.requireNonNull(compression, "compression");
  }

  @Override
  public double[] data() {
    return data.clone();
  }

  public int size() {
    return data.length;
  }

  public static EncryptRequest fromPayload(JsonObject payload, RequestLimits limits) {
    Fields fields = Fields.payload(payload);
    String contextId = fields.requiredId("context_id");
    double[] data = Fields.finiteNumbers(fields.path("data"), fields.requiredArray("data"), RequestLimits.MAX_SLOTS);
    if (fields.has("data_type") && !fields.requiredString("data_type").equals("float_array")) {
      throw RequestErrors.invalid(fields.path("data_type"), "unsupported_data_type", "data_type must be float_array");
    }
    if (!fields.optionalBoolean("batch_encode", true)) {
      throw RequestErrors.invalid(
          fields.path("batch_encode"), "unsupported_encoding", "CKKS encodes in batches: batch_encode must be true");
    }
    OptionalDouble scale = fields.has("scale") ? OptionalDouble.of(Scale.read(fields, "scale")) : OptionalDouble.empty();
    boolean includeCiphertext = fields.optionalBoolean("include_ciphertext", true);
    return new EncryptRequest(contextId, data, scale, includeCiphertext, Compression.read(fields));
  }

  /** More values than the context has slots: {@code INVALID_REQUEST}, {@code too_many_values}. */
  public void requireFitsSlots(int slotCount) {
    if (data.length > slotCount) {
      throw RequestErrors.tooManyValues("payload.data", slotCount);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EncryptRequest other
        && contextId.equals(other.contextId)
        && Arrays.equals(data, other.data)
        && scale.equals(other.scale)
        && includeCiphertext == other.includeCiphertext
        && compression == other.compression;
  }

  @Override
  public int hashCode() {
    return Objects.hash(contextId, Arrays.hashCode(data), scale, includeCiphertext, compression);
  }

  @Override
  public String toString() {
    return "EncryptRequest[contextId=" + contextId + ", " + data.length + " values]";
  }
}
