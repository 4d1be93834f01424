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
