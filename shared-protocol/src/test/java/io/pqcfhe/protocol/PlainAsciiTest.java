package io.pqcfhe.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link PlainAscii} finds exactly the first byte a JSON string cannot hold as it is, wherever it is. */
class PlainAsciiTest {
  private static final Random RANDOM = new Random(11);
  /** Not plain but the last, which is (JSON does not escape DEL). */
  private static final byte[] SPECIALS = {'"', '\\', '\n', 0, (byte) 0xE9, (byte) 0xFF, 0x7F};

  private static byte[] plain(int length) {
    byte[] b = new byte[length];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) ('A' + RANDOM.nextInt(26));
    }
    return b;
  }

  private static int byteByByte(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      int c = b[i] & 0xFF;
      if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
        return i;
      }
    }
    return to;
  }

  @Test
  void everyByteValueAtPositionsInEveryKindOfChunk() {
    // Positions in the byte-by-byte start, in the first chunks, at chunk edges and deep in the largest chunks.
    int[] positions = {0, 1, 31, 32, 33, 287, 288, 289, 800, 16_415, 16_416, 16_417, 40_000, 99_999};
    for (int value = 0; value < 256; value++) {
      for (int at : positions) {
        byte[] b = plain(100_000);
        b[at] = (byte) value;
        boolean notPlain = value < 0x20 || value >= 0x80 || value == '"' || value == '\\';
        assertEquals(notPlain ? at : b.length, new PlainAscii().firstNotPlain(b, 0, b.length), "byte " + value + " at " + at);
      }
    }
  }

  @Test
  void theFirstOfSeveralWithinARangeAndOneScannerForManyRanges() {
    PlainAscii scanner = new PlainAscii();
    for (int round = 0; round < 2_000; round++) {
      byte[] b = plain(1 + RANDOM.nextInt(40_000));
      for (int k = RANDOM.nextInt(4); k > 0; k--) {
        b[RANDOM.nextInt(b.length)] = SPECIALS[RANDOM.nextInt(SPECIALS.length)];
      }
      int from = RANDOM.nextInt(b.length);
      int to = from + RANDOM.nextInt(b.length - from + 1);
      assertEquals(byteByByte(b, from, to), scanner.firstNotPlain(b, from, to));
    }
  }

  @Test
  void rangesOutsideTheArrayAreRefused() {
    assertThrows(IndexOutOfBoundsException.class, () -> new PlainAscii().firstNotPlain(new byte[4], 2, 5));
    assertThrows(IndexOutOfBoundsException.class, () -> new PlainAscii().firstNotPlain(new byte[4], 3, 2));
  }
}
