package io.pqcfhe.fhe.request;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code fhe.release}.
 *
 * @param ciphertextIds the ciphertexts to free; empty: the whole context
 */
public record ReleaseRequest(String contextId, Optional<List<String>> ciphertextIds)
    implements FheRequest {

  /** The most ids one release names. */
  public static final int MAX_RELEASED_IDS = 65536;

  public ReleaseRequest {
    Objects.requireNonNull(contextId, "contextId");
    ciphertextIds = ciphertextIds.map(List::copyOf);
  }

  public boolean releasesContext() {
    return ciphertextIds.isEmpty();
  }

  public static ReleaseRequest fromPayload(JsonObject payload, RequestLimits limits) {
    Fields fields = Fields.payload(payload);
    String contextId = fields.requiredId("context_id");
    Optional<List<String>> ids =
        fields.has("ciphertext_ids")
            ? Optional.of(fields.requiredIds("ciphertext_ids", MAX_RELEASED_IDS))
            : Optional.empty();
    return new ReleaseRequest(contextId, ids);
  }
}
