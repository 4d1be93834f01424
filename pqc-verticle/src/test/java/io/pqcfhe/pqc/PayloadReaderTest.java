package io.pqcfhe.pqc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.protocol.ProtocolException;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class PayloadReaderTest {
  private static final byte[] BYTES = {(byte) 0xFB, (byte) 0xFF, 0x01, 0x02};

  @Test
  void base64InEitherAlphabetWithOrWithoutPadding() {
    for (String text : new String[] {"+/8BAg==", "+/8BAg", "-_8BAg==", "-_8BAg"}) {
      assertArrayEquals(BYTES, PayloadReader.decodeBase64(text).orElseThrow(), text);
    }
    assertEquals("+/8BAg==", PayloadReader.encodeBase64(BYTES), "standard alphabet with padding on output");
  }

  @Test
  void mixedAlphabetsWhitespaceAndJunkAreRefused() {
    for (String text : new String[] {"+_8BAg==", "+/8B Ag==", "+/8BAg=x", "***", "+/8BAg==="}) {
      assertTrue(PayloadReader.decodeBase64(text).isEmpty(), text);
    }
  }

  @Test
  void refusalsNameTheField() {
    PayloadReader reader = new PayloadReader(new JsonObject().put("iv", "%%").put("n", "1"));
    ProtocolException e = assertThrows(ProtocolException.class, () -> reader.bytes("iv", 12));
    assertEquals("payload.iv", e.error().details().getString("field"));
    assertEquals("payload.n", assertThrows(ProtocolException.class, () -> reader.safeInteger("n", 1))
        .error().details().getString("field"));
    assertEquals("payload.missing", assertThrows(ProtocolException.class, () -> reader.string("missing"))
        .error().details().getString("field"));
  }

  @Test
  void overlongBase64IsRefusedBeforeDecoding() {
    PayloadReader reader = new PayloadReader(new JsonObject().put("iv", "A".repeat(10_000)));
    assertThrows(ProtocolException.class, () -> reader.bytes("iv", 64));
  }

  @Test
  void safeIntegersOnly() {
    JsonObject payload = new JsonObject()
        .put("max", PayloadReader.MAX_SAFE_INTEGER)
        .put("over", PayloadReader.MAX_SAFE_INTEGER + 1)
        .put("huge", new BigInteger("123456789012345678901234567890"))
        .put("fraction", 2.5)
        .put("zero", 0);
    PayloadReader reader = new PayloadReader(payload);
    assertEquals(PayloadReader.MAX_SAFE_INTEGER, reader.safeInteger("max", 1));
    for (String name : new String[] {"over", "huge", "fraction", "zero"}) {
      assertThrows(ProtocolException.class, () -> reader.safeInteger(name, 1), name);
    }
  }
}
