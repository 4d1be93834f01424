package io.pqcfhe.gateway.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.protocol.Action;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EnvelopeParserTest {
  static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  static final EnvelopeParser PARSER = new EnvelopeParser(64 * 1024 * 1024);

  @Test
  void wellFormedRequest() {
    ParsedFrame.Valid valid = assertInstanceOf(ParsedFrame.Valid.class, PARSER.parse(
        "{\"type\":\"request\",\"id\":\"m1\",\"action\":\"fhe.encrypt\",\"timestamp\":\"2026-01-01T12:04:59Z\",\"payload\":{\"a\":1}}", NOW));
    assertEquals("m1", valid.request().id());
    assertEquals(Action.FHE_ENCRYPT, valid.request().action());
    assertEquals(new JsonObject().put("a", 1), valid.request().payload());
  }

  @Test
  void offsetsAndNullPayloadAreAccepted() {
    assertInstanceOf(ParsedFrame.Valid.class, PARSER.parse(
        "{\"type\":\"request\",\"id\":\"m\",\"action\":\"session.refresh\",\"timestamp\":\"2026-01-01T13:00:00+01:00\",\"payload\":null}", NOW));
  }

  @Test
  void malformedFramesAreFlaggedForTheCloseCount() {
    assertTrue(invalid("nope").malformed());
    assertTrue(invalid("42").malformed());
    assertTrue(invalid("{\"type\":\"request\",\"action\":\"session.refresh\"}").malformed());
    assertTrue(EnvelopeParser.binaryFrame().malformed());
    assertFalse(invalid("{\"type\":\"request\",\"id\":\"a\",\"action\":\"x.y\"}").malformed(), "unknown action is well formed");
    assertFalse(invalid("{\"type\":\"request\",\"id\":\"a\",\"action\":\"session.refresh\",\"payload\":1}").malformed());
  }

  @Test
  void longActionsAreNotEchoed() {
    ParsedFrame.Invalid invalid = invalid("{\"type\":\"request\",\"id\":\"a\",\"action\":\"" + "x".repeat(65) + "\"}");
    assertNull(invalid.action());
    assertEquals("action", invalid.error().details().getString("field"));
  }

  @Test
  void stringsAsLongAsTheLargestMessageParse() {
    // A 64 MiB message may carry one base64 string of nearly that length (a large SEAL ciphertext).
    String data = "A".repeat(48 * 1024 * 1024);
    ParsedFrame.Valid valid = assertInstanceOf(ParsedFrame.Valid.class, PARSER.parse(
        "{\"type\":\"request\",\"id\":\"big\",\"action\":\"fhe.upload\",\"payload\":{\"ciphertext\":\"" + data + "\"}}", NOW));
    assertEquals(data.length(), valid.request().payload().getString("ciphertext").length());
  }

  @Test
  void hostileNestingIsMalformedNotAStackOverflow() {
    ParsedFrame.Invalid invalid = invalid("[".repeat(100_000));
    assertEquals("malformed_json", invalid.error().details().getString("reason"));
    assertTrue(invalid.malformed());
  }

  @Test
  void trailingGarbageIsMalformed() {
    assertEquals("malformed_json",
        invalid("{\"type\":\"request\",\"id\":\"a\",\"action\":\"session.refresh\"} x").error().details().getString("reason"));
  }

  @Test
  void staleByMoreThanFiveMinutesEitherWay() {
    assertEquals("stale_timestamp", invalid(withTimestamp("2026-01-01T11:54:59Z")).error().details().getString("reason"));
    assertEquals("stale_timestamp", invalid(withTimestamp("2026-01-01T12:05:01Z")).error().details().getString("reason"));
    assertInstanceOf(ParsedFrame.Valid.class, PARSER.parse(withTimestamp("2026-01-01T11:55:00Z"), NOW));
  }

  private static String withTimestamp(String timestamp) {
    return "{\"type\":\"request\",\"id\":\"t\",\"action\":\"session.refresh\",\"timestamp\":\"" + timestamp + "\"}";
  }

  private static ParsedFrame.Invalid invalid(String text) {
    return assertInstanceOf(ParsedFrame.Invalid.class, PARSER.parse(text, NOW));
  }
}
