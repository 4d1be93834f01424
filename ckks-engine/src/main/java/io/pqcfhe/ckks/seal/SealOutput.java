package io.pqcfhe.ckks.seal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A little-endian writer into a buffer sized exactly in advance. */
final class SealOutput {

  private static final VarHandle LE_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final byte[] buf;
  private int pos;

  SealOutput(long size) {
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("object too large to serialize: " + size + " bytes");
    }
    this.buf = new byte[(int) size];
  }

  int position() {
    return pos;
  }

  void u8(int v) {
    buf[pos++] = (byte) v;
  }

  void u16(int v) {
    buf[pos++] = (byte) v;
    buf[pos++] = (byte) (v >>> 8);
  }

  void u64(long v) {
    LE_LONG.set(buf, pos, v);
    pos += 8;
  }

  void f64(double v) {
    u64(Double.doubleToRawLongBits(v));
  }

  void bytes(byte[] b) {
    System.arraycopy(b, 0, buf, pos, b.length);
    pos += b.length;
  }

  /** A bulk copy (see {@link SealInput#longsBelow}). */
  void longs(long[] values, int offset, int count) {
    ByteBuffer.wrap(buf, pos, 8 * count).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().put(values, offset, count);
    pos += 8 * count;
  }

  /** The buffer, which must be exactly full. */
  byte[] finish() {
    if (pos != buf.length) {
      throw new IllegalStateException("serialized " + pos + " bytes, sized " + buf.length);
    }
    return buf;
  }
}
