package io.pqcfhe.fhe.request;

import io.pqcfhe.protocol.Action;
import io.vertx.core.json.JsonObject;

/** Validates the payload of an {@code fhe.*} action into its typed request. */
public final class FheRequests {
  private FheRequests() {}

  /**
   * @throws io.pqcfhe.protocol.ProtocolException {@code INVALID_REQUEST} or {@code FHE_CONTEXT_ERROR} with
   *     {@code details.field} and {@code details.reason}
   * @throws IllegalArgumentException for an action that is not an {@code fhe.*} action
   */
  public static FheRequest parse(Action action, JsonObject payload, RequestLimits limits) {
    return switch (action) {
      case FHE_SETUP -> SetupRequest.fromPayload(payload, limits);
      case FHE_ENCRYPT -> EncryptRequest.fromPayload(payload, limits);
      case FHE_UPLOAD -> UploadRequest.fromPayload(payload, limits);
      case FHE_DOWNLOAD -> DownloadRequest.fromPayload(payload, limits);
      case FHE_COMPUTE -> ComputeRequest.fromPayload(payload, limits);
      case FHE_DECRYPT -> DecryptRequest.fromPayload(payload, limits);
      case FHE_RELEASE -> ReleaseRequest.fromPayload(payload, limits);
      default -> throw new IllegalArgumentException("not an fhe action: " + action.wireName());
    };
  }
}
