package io.pqcfhe.fhe.request;

import static io.pqcfhe.fhe.request.Refusals.assertContextError;
import static io.pqcfhe.fhe.request.Refusals.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class EncryptRequestTest {
  private static JsonObject reference() {
    return new JsonObject(
        "{\"context_id\":\"fhe-ctx-001\",\"data\":[1.5,2.3,4.7,8.1],\"data_type\":\"float_array\",\"batch_encode\":true}");
  }

  private static EncryptRequest parse(JsonObject payload) {
    return EncryptRequest.fromPayload(payload, RequestLimits.DEFAULT);
  }

  @Test
  void theReferencePayload() {
    EncryptRequest request = parse(reference());
    assertEquals("fhe-ctx-001", request.contextId());
    assertArrayEquals(new double[] {1.5, 2.3, 4.7, 8.1}, request.data());
    assertEquals(OptionalDouble.empty(), request.scale());
    assertTrue(request.includeCiphertext());
    assertEquals(Compression.NONE, request.compression());
    assertEquals(request, parse(reference()));
  }

  @Test
  void optionalFields() {
    JsonObject payload = new JsonObject("{\"context_id\":\"c\",\"data\":[1,-2,3e-3],\"scale\":1048576,\"include_ciphertext\":false,\"compression\":\"zstd\"}");
    EncryptRequest request = parse(payload);
    assertArrayEquals(new double[] {1, -2, 3e-3}, request.data());
    assertEquals(OptionalDouble.of(1048576), request.scale());
    assertFalse(request.includeCiphertext());
    assertEquals(Compression.ZSTD, request.compression());
    assertEquals(Compression.ZLIB, parse(reference().put("compression", "zlib")).compression());
    assertEquals(Compression.NONE, parse(reference().put("compression", "none")).compression());
  }

  @Test
  void dataElementsMustBeFiniteNumbers() {
    assertInvalid("payload.data[3]", "wrong_type", () -> parse(reference().put("data", new JsonArray("[1,2,3,\"4\"]"))));
    assertInvalid("payload.data[1]", "wrong_type", () -> parse(reference().put("data", new JsonArray("[1,null]"))));
    assertInvalid("payload.data[0]", "wrong_type", () -> parse(reference().put("data", new JsonArray("[[1]]"))));
    assertInvalid("payload.data[2]", "wrong_type", () -> parse(reference().put("data", new JsonArray("[1,2,true]"))));
    assertInvalid("payload.data[2]", "not_finite", () -> parse(reference().put("data", new JsonArray().add(1).add(2).add(Double.NaN))));
    assertInvalid(
        "payload.data[0]", "not_finite", () -> parse(reference().put("data", new JsonArray().add(Double.NEGATIVE_INFINITY))));
    assertInvalid("payload.data[1]", "not_finite", () -> parse(new JsonObject("{\"context_id\":\"c\",\"data\":[1,1e999]}")));
    assertInvalid("payload.data", "wrong_type", () -> parse(reference().put("data", "1,2,3")));
    assertInvalid("payload.data", "empty", () -> parse(reference().put("data", new JsonArray())));
  }

  @Test
  void dataLengthIsCappedBeforeCopyingAndAgainstTheContext() {
    JsonArray tooMany = new JsonArray();
    for (int i = 0; i <= RequestLimits.MAX_SLOTS; i++) {
      tooMany.add(0);
    }
    assertInvalid("payload.data", "too_many_values", () -> parse(reference().put("data", tooMany)));

    EncryptRequest request = parse(reference());
    request.requireFitsSlots(4);
    assertEquals(
        3,
        assertInvalid("payload.data", "too_many_values", () -> request.requireFitsSlots(3)).details().getInteger("max"));
  }

  @Test
  void missingAndMistypedFields() {
    JsonObject noContext = reference();
    noContext.remove("context_id");
    assertInvalid("payload.context_id", "missing", () -> parse(noContext));
    JsonObject noData = reference();
    noData.remove("data");
    assertInvalid("payload.data", "missing", () -> parse(noData));
    assertInvalid("payload.context_id", "wrong_type", () -> parse(reference().put("context_id", 7)));
    assertInvalid("payload.context_id", "invalid_id", () -> parse(reference().put("context_id", "")));
    assertInvalid("payload.context_id", "invalid_id", () -> parse(reference().put("context_id", "x".repeat(129))));
    assertInvalid("payload.include_ciphertext", "wrong_type", () -> parse(reference().put("include_ciphertext", "yes")));
    assertInvalid("payload.batch_encode", "wrong_type", () -> parse(reference().put("batch_encode", 1)));
    assertInvalid("payload.data_type", "wrong_type", () -> parse(reference().put("data_type", 1)));
    assertInvalid("payload.compression", "wrong_type", () -> parse(reference().put("compression", 1)));
  }

  @Test
  void unsupportedValues() {
    assertInvalid("payload.data_type", "unsupported_data_type", () -> parse(reference().put("data_type", "int_array")));
    assertInvalid("payload.batch_encode", "unsupported_encoding", () -> parse(reference().put("batch_encode", false)));
    assertInvalid("payload.compression", "unsupported_compression", () -> parse(reference().put("compression", "gzip")));
    assertInvalid("payload.compression", "unsupported_compression", () -> parse(reference().put("compression", "ZSTD")));
    for (double scale : new double[] {0, -2, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertContextError("payload.scale", "invalid_scale", () -> parse(reference().put("scale", scale)));
    }
  }
}
