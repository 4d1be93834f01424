package io.pqcfhe.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Utf8Json} writes exactly the bytes Vert.x writes, whichever path a string takes. */
class Utf8JsonTest {
  private static final Random RANDOM = new Random(42);

  private static void assertSameAsVertx(JsonObject json) {
    assertArrayEquals(json.toBuffer().getBytes(), Utf8Json.encode(json).getBytes(), json::encode);
  }

  private static String base64(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }

  @Test
  void anFheAnswerWithItsCiphertext() {
    JsonObject answer = new JsonObject()
        .put("result_ciphertext_id", "ct-0123456789abcdef")
        .put("result_ciphertext", base64(300_000))
        .put("size_bytes", 300_000)
        .put("operations_performed", new JsonArray().add("multiply").add("relinearize").add("rescale"))
        .put("remaining_depth", 1)
        .put("scale", 1.099511627776E12)
        .put("computation_time_ms", 3.25)
        .putNull("galois_key_id");
    assertSameAsVertx(answer);
    assertSameAsVertx(new JsonObject().put("nested", new JsonObject().put("keys", new JsonArray().add(base64(5000)).add("short"))));
  }

  @Test
  void everyKindOfValueVertxWrites() {
    assertSameAsVertx(new JsonObject());
    assertSameAsVertx(new JsonObject()
        .put("i", 1).put("l", Long.MAX_VALUE).put("d", -2.5e-3).put("f", 1.5f).put("t", true).put("n", (Object) null)
        .put("instant", Instant.parse("2026-01-02T03:04:05Z")).put("bytes", new byte[] {1, 2, (byte) 0xFF})
        .put("empty", new JsonObject()).put("list", new JsonArray().add(new JsonArray()).add(new JsonObject().put("k", "v")))
        .put("escapes", "quote \" backslash \\ newline \n tab \t nul \u0000 slash / é ✓ \uD83D\uDE00"));
  }

  @Test
  void longStringsThatNeedEscapingOrAreNotAsciiGoThroughJackson() {
    String plain = base64(3000);
    for (String insert : new String[] {"\"", "\\", "\n", "\u0000", "\u001f", "é", "✓", "\uD83D\uDE00"}) {
      // At every position within an 8-byte word, and in the tail after the last whole word.
      for (int at : new int[] {0, 1, 7, 8, 9, 15, plain.length() - 3, plain.length() - 1}) {
        String s = plain.substring(0, at) + insert + plain.substring(at);
        assertSameAsVertx(new JsonObject().put("s", s));
      }
    }
    assertSameAsVertx(new JsonObject().put("s", plain.substring(0, Utf8Json.LONG_STRING)));
    assertSameAsVertx(new JsonObject().put("s", plain.substring(0, Utf8Json.LONG_STRING - 1)));
  }

  @Test
  void bytesGivenBesideTheObjectAreWrittenAsTheBase64VertxWouldWriteForTheirString() {
    Random random = new Random(3);
    for (int length : new int[] {0, 1, 2, 3, 4, 1000, 262_151}) {
      byte[] bytes = new byte[length];
      random.nextBytes(bytes);
      String base64 = Base64.getEncoder().encodeToString(bytes);
      for (String field : new String[] {"first", "middle", "last"}) {
        JsonObject placeHeld = new JsonObject().put("first", 1).put("middle", "x\"y").put("last", List.of(2.5, true))
            .putNull(field);
        JsonObject whole = placeHeld.copy().put(field, base64);
        assertArrayEquals(whole.toBuffer().getBytes(), Utf8Json.encodeWithBase64(placeHeld, field, bytes).getBytes(),
            length + " bytes in " + field);
      }
    }
    JsonObject noPlace = new JsonObject().put("a", 1);
    assertThrows(IllegalArgumentException.class, () -> Utf8Json.encodeWithBase64(noPlace, "b", new byte[1]));
    assertThrows(IllegalArgumentException.class, () -> Utf8Json.encodeWithBase64(noPlace, "a", new byte[1]));
  }
}
