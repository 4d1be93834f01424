package io.pqcfhe.fhe.request;

import static io.pqcfhe.fhe.request.Refusals.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.protocol.Action;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** fhe.upload, fhe.download, fhe.decrypt, fhe.release and the dispatch by action. */
class OtherRequestsTest {
  private static final RequestLimits LIMITS = RequestLimits.DEFAULT;

  @Test
  void upload() {
    UploadRequest request =
        UploadRequest.fromPayload(new JsonObject().put("context_id", "c").put("ciphertext", "XqEQBA=="), LIMITS);
    assertArrayEquals(new byte[] {0x5E, (byte) 0xA1, 0x10, 0x04}, request.ciphertext().bytes());
    assertEquals(Compression.NONE, request.compression());
    assertInvalid("payload.ciphertext", "missing", () -> UploadRequest.fromPayload(new JsonObject().put("context_id", "c"), LIMITS));
    assertInvalid(
        "payload.ciphertext",
        "invalid_base64",
        () -> UploadRequest.fromPayload(new JsonObject().put("context_id", "c").put("ciphertext", "XqE QBA=="), LIMITS));
    assertInvalid(
        "payload.ciphertext",
        "wrong_type",
        () -> UploadRequest.fromPayload(new JsonObject().put("context_id", "c").put("ciphertext", new JsonArray()), LIMITS));
    assertInvalid(
        "payload.context_id", "missing", () -> UploadRequest.fromPayload(new JsonObject().put("ciphertext", "AAAA"), LIMITS));
  }

  @Test
  void download() {
    DownloadRequest request =
        DownloadRequest.fromPayload(new JsonObject("{\"context_id\":\"c\",\"ciphertext_id\":\"ct-1\",\"compression\":\"zlib\"}"), LIMITS);
    assertEquals(new DownloadRequest("c", "ct-1", Compression.ZLIB), request);
    assertInvalid("payload.ciphertext_id", "missing", () -> DownloadRequest.fromPayload(new JsonObject().put("context_id", "c"), LIMITS));
    assertInvalid(
        "payload.compression",
        "unsupported_compression",
        () -> DownloadRequest.fromPayload(new JsonObject("{\"context_id\":\"c\",\"ciphertext_id\":\"x\",\"compression\":\"lz4\"}"), LIMITS));
  }

  @Test
  void decrypt() {
    JsonObject reference = new JsonObject("{\"context_id\":\"fhe-ctx-001\",\"ciphertext_id\":\"ct-003\",\"expected_size\":4}");
    DecryptRequest request = DecryptRequest.fromPayload(reference, LIMITS);
    assertEquals(OptionalInt.of(4), request.expectedSize());
    request.requireFitsSlots(4);
    assertInvalid("payload.expected_size", "out_of_range", () -> request.requireFitsSlots(3));
    assertEquals(OptionalInt.empty(), DecryptRequest.fromPayload(new JsonObject("{\"context_id\":\"c\",\"ciphertext_id\":\"x\"}"), LIMITS).expectedSize());
    for (Object bad : new Object[] {0, -1, 16385}) {
      assertInvalid("payload.expected_size", "out_of_range", () -> DecryptRequest.fromPayload(reference.copy().put("expected_size", bad), LIMITS));
    }
    assertInvalid("payload.expected_size", "wrong_type", () -> DecryptRequest.fromPayload(reference.copy().put("expected_size", 2.5), LIMITS));
    assertInvalid("payload.expected_size", "wrong_type", () -> DecryptRequest.fromPayload(reference.copy().put("expected_size", "4"), LIMITS));
  }

  @Test
  void release() {
    ReleaseRequest whole = ReleaseRequest.fromPayload(new JsonObject().put("context_id", "c"), LIMITS);
    assertTrue(whole.releasesContext());
    ReleaseRequest some =
        ReleaseRequest.fromPayload(new JsonObject("{\"context_id\":\"c\",\"ciphertext_ids\":[\"a\",\"b\"]}"), LIMITS);
    assertEquals(Optional.of(List.of("a", "b")), some.ciphertextIds());
    assertInvalid(
        "payload.ciphertext_ids[1]",
        "wrong_type",
        () -> ReleaseRequest.fromPayload(new JsonObject("{\"context_id\":\"c\",\"ciphertext_ids\":[\"a\",2]}"), LIMITS));
    assertInvalid(
        "payload.ciphertext_ids[0]",
        "invalid_id",
        () -> ReleaseRequest.fromPayload(new JsonObject("{\"context_id\":\"c\",\"ciphertext_ids\":[\"\"]}"), LIMITS));
    assertInvalid(
        "payload.ciphertext_ids",
        "wrong_type",
        () -> ReleaseRequest.fromPayload(new JsonObject("{\"context_id\":\"c\",\"ciphertext_ids\":\"a\"}"), LIMITS));
  }

  @Test
  void dispatchByAction() {
    assertInstanceOf(
        ReleaseRequest.class, FheRequests.parse(Action.FHE_RELEASE, new JsonObject().put("context_id", "c"), LIMITS));
    assertInstanceOf(
        DownloadRequest.class,
        FheRequests.parse(Action.FHE_DOWNLOAD, new JsonObject("{\"context_id\":\"c\",\"ciphertext_id\":\"x\"}"), LIMITS));
    assertInvalid("payload.context_id", "missing", () -> FheRequests.parse(Action.FHE_COMPUTE, null, LIMITS));
    assertThrows(IllegalArgumentException.class, () -> FheRequests.parse(Action.PQC_INITIATE, new JsonObject(), LIMITS));
  }
}
