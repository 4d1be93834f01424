package io.pqcfhe.client;

import io.pqcfhe.protocol.PlainAscii;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The long string values of a frame whose bytes are all plain ASCII (see {@link PlainAscii}), and the frame
 * without their contents (each becomes {@code ""}), for Jackson to parse instead of the frame.
 *
 * <p>Jackson reads a string byte by byte even to skip it: 140 µs for the 350 KB of base64 of a ciphertext
 * answer here. {@link PlainAscii} finds the end of such a string in about 10 µs. The pass over the frame is
 * lexical and exact for any input: outside a string, a quote opens one; inside, a backslash escapes the next
 * byte and an unescaped quote closes it. A string whose bytes are all plain is valid JSON string content and
 * decodes to those bytes as Latin-1 characters; removing it keeps the frame exactly as valid (or invalid) as
 * it was, so Jackson still judges the whole structure. Keys are kept: a removed key would lose its name.
 *
 * <p>Immutable once found; {@link Reader} walks the strings in order.
 */
final class LongPlainStrings {
  private static final int[] NONE = {};

  private final byte[] frame;
  private final byte[] skeleton;
  /** Per string: its opening quote in the skeleton, its first byte and its closing quote in the frame. */
  private final int[] skeletonQuotes;
  private final int[] starts;
  private final int[] ends;

  private LongPlainStrings(byte[] frame, byte[] skeleton, int[] skeletonQuotes, int[] starts, int[] ends) {
    this.frame = frame;
    this.skeleton = skeleton;
    this.skeletonQuotes = skeletonQuotes;
    this.starts = starts;
    this.ends = ends;
  }

  /** The string values of at least {@code minLength} bytes in {@code frame} that are plain ASCII. */
  static LongPlainStrings find(byte[] frame, int minLength) {
    if (frame.length < minLength) {
      return withoutContents(frame, NONE, NONE);
    }
    PlainAscii scanner = new PlainAscii();
    int[] starts = new int[4];
    int[] ends = new int[4];
    int count = 0;
    int at = 0;
    while (at < frame.length) {
      int open = scanner.firstNotPlain(frame, at, frame.length);
      if (open == frame.length) {
        break;
      }
      if (frame[open] != '"') {
        at = open + 1; // whitespace, or a byte Jackson will refuse
        continue;
      }
      int close = open + 1;
      boolean plain = true;
      while (close < frame.length) {
        close = scanner.firstNotPlain(frame, close, frame.length);
        if (close == frame.length || frame[close] == '"') {
          break;
        }
        plain = false;
        close += frame[close] == '\\' ? 2 : 1;
      }
      if (close >= frame.length) {
        break; // unterminated: Jackson will refuse the frame
      }
      if (plain && close - open - 1 >= minLength && !isKey(frame, close + 1)) {
        if (count == starts.length) {
          starts = Arrays.copyOf(starts, 2 * count);
          ends = Arrays.copyOf(ends, 2 * count);
        }
        starts[count] = open + 1;
        ends[count] = close;
        count++;
      }
      at = close + 1;
    }
    return withoutContents(frame, Arrays.copyOf(starts, count), Arrays.copyOf(ends, count));
  }

  /** Whether the string that closed just before {@code after} is a key: a colon follows, behind whitespace. */
  private static boolean isKey(byte[] frame, int after) {
    for (int i = after; i < frame.length; i++) {
      byte b = frame[i];
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return b == ':';
      }
    }
    return false;
  }

  private static LongPlainStrings withoutContents(byte[] frame, int[] starts, int[] ends) {
    if (starts.length == 0) {
      return new LongPlainStrings(frame, frame, NONE, NONE, NONE);
    }
    int removed = 0;
    for (int k = 0; k < starts.length; k++) {
      removed += ends[k] - starts[k];
    }
    byte[] skeleton = new byte[frame.length - removed];
    int[] skeletonQuotes = new int[starts.length];
    int from = 0;
    int to = 0;
    for (int k = 0; k < starts.length; k++) {
      int kept = starts[k] - from; // up to and including the opening quote
      System.arraycopy(frame, from, skeleton, to, kept);
      to += kept;
      skeletonQuotes[k] = to - 1;
      from = ends[k];
    }
    System.arraycopy(frame, from, skeleton, to, frame.length - from);
    return new LongPlainStrings(frame, skeleton, skeletonQuotes, starts, ends);
  }

  /** What Jackson parses: the frame itself when it has no such string. */
  byte[] skeleton() {
    return skeleton;
  }

  Reader reader() {
    return new Reader();
  }

  /** The strings in the order of the skeleton, which is the order Jackson reads them in. */
  final class Reader {
    private int next;

    /** The string whose opening quote is at {@code skeletonQuote}, or null when that one was kept. */
    String valueAt(int skeletonQuote) {
      if (next == skeletonQuotes.length || skeletonQuotes[next] != skeletonQuote) {
        return null;
      }
      // Plain ASCII: its Latin-1 characters are its UTF-8 characters.
      String value = new String(frame, starts[next], ends[next] - starts[next], StandardCharsets.ISO_8859_1);
      next++;
      return value;
    }
  }
}
