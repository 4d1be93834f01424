package io.pqcfhe.fhe.request;

import static io.pqcfhe.fhe.request.Refusals.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Base64FieldTest {
  private static final String PATH = "payload.ciphertext";

  private static byte[] decode(String text, int max) {
    return Base64Field.decode(PATH, text, max);
  }

  @Test
  void standardUrlSafePaddedAndUnpaddedAllDecode() {
    Random random = new Random(1);
    for (int length = 1; length < 40; length++) {
      byte[] bytes = new byte[length];
      random.nextBytes(bytes);
      assertArrayEquals(bytes, decode(Base64.getEncoder().encodeToString(bytes), 1000));
      assertArrayEquals(bytes, decode(Base64.getEncoder().withoutPadding().encodeToString(bytes), 1000));
      assertArrayEquals(bytes, decode(Base64.getUrlEncoder().encodeToString(bytes), 1000));
      assertArrayEquals(bytes, decode(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), 1000));
    }
  }

  @Test
  void theSizeCapIsExactAndCheckedFromTheLength() {
    byte[] ten = new byte[10];
    String padded = Base64.getEncoder().encodeToString(ten);
    String unpadded = Base64.getEncoder().withoutPadding().encodeToString(ten);
    assertEquals(10, decode(padded, 10).length);
    assertEquals(10, decode(unpadded, 10).length);
    assertEquals(9, assertInvalid(PATH, "too_large", () -> decode(padded, 9)).details().getInteger("max_bytes"));
    assertInvalid(PATH, "too_large", () -> decode(unpadded, 9));
    // A huge text is refused by its length alone, even when it is not base64 at all.
    assertInvalid(PATH, "too_large", () -> decode("!".repeat(1 << 20), 1000));
  }

  @Test
  void malformedInputIsRefused() {
    for (String bad :
        new String[] {"", "=", "==", "A", "AAAAA", "AA=", "AAAA=", "AA===", "A=AA", "AA AA", "AA\nAA", "AA+_", "AAé=", "AAAA====", "ab$d"}) {
      assertInvalid(PATH, "invalid_base64", () -> decode(bad, 1000));
    }
  }
}
