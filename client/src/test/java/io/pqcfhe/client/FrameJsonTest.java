package io.pqcfhe.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link FrameJson} builds exactly what Vert.x's decoder builds, and refuses what it refuses. */
class FrameJsonTest {

  private static JsonObject decode(String json) {
    return FrameJson.decodeObject(json.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertSameAsVertx(String json) {
    JsonObject expected = new JsonObject(Buffer.buffer(json));
    JsonObject actual = decode(json);
    assertEquals(expected, actual, json);
    // equals() compares numbers by value: the types must match too (the client reads ints strictly).
    assertEquals(expected.encode(), actual.encode(), json);
  }

  @Test
  void stringsWithAndWithoutEscapesInEveryPosition() {
    List.of(
            "{}",
            "{\"a\":\"\"}",
            "{\"a\":\"x\",\"b\":\"y\"}",
            "{ \"a\" : \"x\" , \"b\" :\"y\" }",
            "{\"a\":\"x\"\n,\n\"b\":[\"p\", \"q\" ,\"r\"],\"c\":{\"d\":\"e\"}}",
            "{\"q\":\"say \\\"hi\\\"\",\"after\":\"z\"}",
            "{\"end\":\"ends with a quote \\\"\"}",
            "{\"e\":\"\\\\\",\"f\":\"\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\"}",
            "{\"u\":\"héllo wörld ✓ \uD83D\uDE00\",\"v\":\"plain\"}",
            "{\"comma\":\",\",\"quote\":\"\\\"\",\"brace\":\"}\"}",
            "{\"a\":[\"x\",[\"y\",\"z\"],{\"k\":\"v\"},\"w\"]}")
        .forEach(FrameJsonTest::assertSameAsVertx);
  }

  @Test
  void numbersBooleansNullsAndDuplicateKeys() {
    List.of(
            "{\"i\":1,\"n\":-7,\"l\":9007199254740993,\"big\":123456789012345678901234567890}",
            "{\"d\":1.5,\"e\":-2.5e-3,\"z\":0.0,\"x\":1E10}",
            "{\"t\":true,\"f\":false,\"n\":null,\"a\":[true,null,1,\"s\",2.5]}",
            "{\"dup\":\"first\",\"dup\":\"second\"}")
        .forEach(FrameJsonTest::assertSameAsVertx);
  }

  @Test
  void aLongBase64StringAsInACiphertextAnswer() {
    byte[] seal = new byte[300_000];
    new Random(7).nextBytes(seal);
    String base64 = Base64.getEncoder().encodeToString(seal);
    String frame = new JsonObject()
        .put("type", "response")
        .put("id", "r-1")
        .put("payload", new JsonObject().put("result_ciphertext", base64).put("level", 1))
        .encode();
    assertSameAsVertx(frame);
    String escaped = frame.replace(base64.substring(0, 40), base64.substring(0, 40).replace("/", "\\/"));
    assertSameAsVertx(escaped);
    assertEquals(base64, decode(escaped).getJsonObject("payload").getString("result_ciphertext"));
  }

  @Test
  void longStringsAnywhereAsValuesAndKeysAndWithWhatJacksonMustReadItself() {
    String b64 = base64(FrameJson.LONG_STRING); // 4/3 of the threshold: long
    String exactlyLong = b64.substring(0, FrameJson.LONG_STRING);
    String justShort = b64.substring(0, FrameJson.LONG_STRING - 1);
    List.of(
            "{\"a\":\"" + b64 + "\"}",
            "{\"a\":\"" + exactlyLong + "\",\"b\":\"" + justShort + "\"}",
            "{\"a\":[\"" + b64 + "\", \"x\" ,\"" + b64 + "\"],\"b\":{\"c\":\"" + b64 + "\"} }",
            "{\"" + b64 + "\":1,\"" + b64 + "x\" : \"" + b64 + "\"}",
            "{ \"a\" :\n\"" + b64 + "\"\n}",
            "{\"esc\":\"" + b64 + "\\n" + b64 + "\",\"after\":\"" + b64 + "\"}",
            "{\"u\":\"" + b64 + "é✓\",\"after\":\"" + b64 + "\"}",
            "{\"del\":\"" + b64 + "\u007f\"}",
            // An escaped quote read as a closing one would pair the quotes wrongly: the long run of numbers
            // would look like a string.
            "{\"a\":\"\\\"\",\"b\":[" + "1,".repeat(FrameJson.LONG_STRING) + "1],\"c\":\"" + b64 + "\"}")
        .forEach(FrameJsonTest::assertSameAsVertx);
  }

  @Test
  void aFrameWithLongStringsIsRefusedExactlyWhenVertxRefusesIt() {
    String b64 = base64(FrameJson.LONG_STRING);
    List.of(
            "{\"a\":\"" + b64 + "}",
            "{\"a\":\"" + b64 + "\n\"}",
            "{\"a\" \"" + b64 + "\"}",
            "{\"a\":\"" + b64 + "\" \"b\":1}",
            "{\"a\":[\"" + b64 + "\":1]}",
            "{\"a\":\"" + b64 + "\"}}",
            "[\"" + b64 + "\"]",
            "{\"a\":\"" + b64 + "\\")
        .forEach(json -> assertThrows(DecodeException.class, () -> decode(json), json.substring(0, 20)));
    // Random damage anywhere in a frame with long strings: the same verdict and value as Vert.x's.
    String frame = "{\"type\":\"response\",\"id\":\"r\",\"payload\":{\"k\":[\"" + b64 + "\",\"" + b64
        + "\"],\"" + b64 + "\":\"" + b64 + "\",\"n\":12.5}}";
    Random random = new Random(3);
    byte[] damage = {'"', '\\', ':', ',', '{', '}', '[', ']', ' ', '\n', 0, 'A', (byte) 0xC3};
    for (int round = 0; round < 3_000; round++) {
      byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
      for (int k = 1 + random.nextInt(2); k > 0; k--) {
        int at = random.nextInt(10) == 0 ? random.nextInt(bytes.length) : nearStructure(bytes, random);
        bytes[at] = damage[random.nextInt(damage.length)];
      }
      JsonObject expected;
      try {
        expected = new JsonObject(Buffer.buffer(bytes));
      } catch (DecodeException | ClassCastException refused) {
        assertThrows(DecodeException.class, () -> FrameJson.decodeObject(bytes));
        continue;
      }
      assertEquals(expected.encode(), FrameJson.decodeObject(bytes).encode());
    }
  }

  /** A position next to a quote, where damage changes which bytes are strings. */
  private static int nearStructure(byte[] bytes, Random random) {
    while (true) {
      int at = random.nextInt(bytes.length);
      for (int i = Math.max(0, at - 2); i < Math.min(bytes.length, at + 3); i++) {
        if (bytes[i] == '"') {
          return at;
        }
      }
    }
  }

  private static String base64(int bytes) {
    byte[] b = new byte[bytes];
    new Random(bytes).nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }

  @Test
  void refusesWhatIsNotOneJsonObject() {
    List.of(
            "",
            "[]",
            "\"text\"",
            "{\"a\":\"unterminated}",
            "{\"a\":\"raw\ncontrol\"}",
            "{\"a\":1} {\"b\":2}",
            "{\"a\":1}]",
            "{\"a\" 1}",
            "{\"a\":1,}",
            "{a:1}")
        .forEach(json -> assertThrows(DecodeException.class, () -> decode(json), json));
  }

  @Test
  void refusesInvalidUtf8InAString() {
    byte[] frame = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    assertThrows(DecodeException.class, () -> FrameJson.decodeObject(frame));
  }
}
