package io.pqcfhe.ckks.seal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A little-endian cursor over untrusted bytes: every read is bounds-checked and a short read is a
 * {@link SealFormatException}, never an index exception.
 */
final class SealInput {

  private static final VarHandle LE_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final byte[] buf;
  private int pos;
  private final int end;

  SealInput(byte[] buf, int offset, int length) {
    this.buf = buf;
    this.pos = offset;
    this.end = offset + length;
  }

  int position() {
    return pos;
  }

  int remaining() {
    return end - pos;
  }

  private void need(long bytes) {
    if (bytes > remaining()) {
      throw SealFormatException.invalid("truncated SEAL object");
    }
  }

  int u8() {
    need(1);
    return buf[pos++] & 0xFF;
  }

  int u16() {
    need(2);
    int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8;
    pos += 2;
    return v;
  }

  long u64() {
    need(8);
    long v = (long) LE_LONG.get(buf, pos);
    pos += 8;
    return v;
  }

  double f64() {
    return Double.longBitsToDouble(u64());
  }

  byte[] bytes(int count) {
    need(count);
    byte[] b = new byte[count];
    System.arraycopy(buf, pos, b, 0, count);
    pos += count;
    return b;
  }

  /**
   * Reads {@code count} u64 values into {@code out[offset..]}, each of which must be below {@code
   * bound} (unsigned: a value with the top bit set is far above any prime).
   */
  void longsBelow(long[] out, int offset, int count, long bound) {
    need(8L * count);
    // A bulk copy, then a check over the longs that HotSpot vectorizes. A VarHandle read per value is as
    // fast only while the JIT inlines its whole call chain, which it stops doing deep in a caller's inlining.
    ByteBuffer.wrap(buf, pos, 8 * count).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out, offset, count);
    long anyAbove = 0;
    for (int i = offset; i < offset + count; i++) {
      long v = out[i];
      // v - bound borrows (top bit set) exactly when v < bound, for v and bound below 2^63
      anyAbove |= ~(v - bound) | v;
    }
    if (anyAbove < 0) {
      throw SealFormatException.invalid("a coefficient is not below its modulus");
    }
    pos += 8 * count;
  }

  /** Whether at least {@code bytes} more bytes are present (a check before allocating for them). */
  boolean has(long bytes) {
    return bytes >= 0 && bytes <= remaining();
  }
}
