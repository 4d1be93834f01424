package io.pqcfhe.fhe.service;

import static io.pqcfhe.fhe.SetupPayloads.small;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pqcfhe.fhe.request.RequestLimits;
import io.pqcfhe.fhe.store.InMemoryFheStore;
import io.pqcfhe.fhe.store.Quotas;
import io.pqcfhe.protocol.Action;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The bytes a worker writes for an answer are the answer's JSON: for every answer with SEAL bytes (the
 * public key of a server-key setup, an encryption, a computation, a download) and for one without.
 */
class FheAnswerTest {
  private final FheService service =
      new FheService(new InMemoryFheStore(new Quotas(4, 16, 1L << 30)), RequestLimits.DEFAULT, new SecureRandom());

  @Test
  void theEncodedAnswerIsTheJsonOfTheAnswer() {
    String context = answered(Action.FHE_SETUP, small(), "public_key").getString("context_id");
    String a = answered(Action.FHE_ENCRYPT,
        new JsonObject().put("context_id", context).put("data", new JsonArray().add(1.5).add(-2.0))
            .put("include_ciphertext", true),
        "ciphertext").getString("ciphertext_id");
    JsonObject product = answered(Action.FHE_COMPUTE,
        new JsonObject().put("context_id", context).put("operation", "multiply")
            .put("operands", new JsonArray().add(a).add(a)).put("include_ciphertext", true),
        "result_ciphertext");
    answered(Action.FHE_DOWNLOAD,
        new JsonObject().put("context_id", context).put("ciphertext_id", product.getString("result_ciphertext_id")),
        "ciphertext");
    JsonObject sum = answered(Action.FHE_COMPUTE,
        new JsonObject().put("context_id", context).put("operation", "add").put("operands", new JsonArray().add(a).add(a))
            .put("include_ciphertext", false),
        null);
    assertFalse(sum.containsKey("result_ciphertext"));
  }

  @Test
  void theBytesTakeThePlaceTheirFieldHolds() {
    byte[] bytes = {1, 2, 3, 4, 5};
    JsonObject fields = new JsonObject().put("id", "ct-1").putNull("ciphertext").put("size_bytes", 5);
    FheAnswer answer = FheAnswer.of(fields, "ciphertext", Optional.of(bytes));
    assertEquals(List.of("id", "ciphertext", "size_bytes"), List.copyOf(answer.toJson().fieldNames()));
    assertEquals(Base64.getEncoder().encodeToString(bytes), answer.toJson().getString("ciphertext"));
    assertArrayEquals(answer.toJson().toBuffer().getBytes(), answer.utf8().getBytes());
    assertThrows(IllegalArgumentException.class,
        () -> FheAnswer.of(new JsonObject().put("id", "ct-1"), "ciphertext", Optional.of(bytes)));
  }

  /**
   * Answers the request; checks that the answer's UTF-8 JSON is its JSON object's, and that {@code sealField}
   * (when not null) holds the base64 of {@code size_bytes} bytes.
   */
  private JsonObject answered(Action action, JsonObject payload, String sealField) {
    FheAnswer answer = service.answer(action, payload, "session-1", Optional.empty());
    JsonObject json = answer.toJson();
    assertArrayEquals(json.toBuffer().getBytes(), answer.utf8().getBytes(), action.wireName());
    if (sealField != null) {
      byte[] sealBytes = Base64.getDecoder().decode(json.getString(sealField));
      if (json.containsKey("size_bytes")) {
        assertEquals(json.getLong("size_bytes"), sealBytes.length, sealField);
      }
    }
    return json;
  }
}
