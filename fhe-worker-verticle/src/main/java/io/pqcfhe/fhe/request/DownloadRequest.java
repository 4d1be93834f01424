package io.pqcfhe.fhe.request;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/** {@code fhe.download}: a stored ciphertext, serialized with {@code compression}. */
public record DownloadRequest(String contextId, String ciphertextId, Compression compression) implements FheRequest {

  public DownloadRequest {
    Objects.requireNonNull(contextId, "contextId");
    Objects.requireNonNull(ciphertextId, "ciphertextId");
    Objects.requireNonNull(compression, "compression");
  }

  public static DownloadRequest fromPayload(JsonObject payload, RequestLimits limits) {
    Fields fields = Fields.payload(payload);
    return new DownloadRequest(fields.requiredId("context_id"), fields.requiredId("ciphertext_id"), Compression.read(fields));
  }
}
