package io.pqcfhe.fhe.request;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/** {@code fhe.upload}: a SEAL ciphertext to store in a context. */
public record UploadRequest(String contextId, SealBytes ciphertext, Compression compression) implements FheRequest {

  public UploadRequest {
    Objects.requireNonNull(contextId, "contextId");
    Objects.requireNonNull(ciphertext, "ciphertext");
    Objects.requireNonNull(compression, "compression");
  }

  public static UploadRequest fromPayload(JsonObject payload, RequestLimits limits) {
    Fields fields = Fields.payload(payload);
    String contextId = fields.requiredId("context_id");
    SealBytes ciphertext = Base64Field.read(fields, "ciphertext", limits.maxSealObjectBytes());
    return new UploadRequest(contextId, ciphertext, Compression.read(fields));
  }
}
