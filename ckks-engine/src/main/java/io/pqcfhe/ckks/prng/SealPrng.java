package io.pqcfhe.ckks.prng;

import java.security.SecureRandom;

/**
 * A deterministic byte stream expanded from a {@link PrngSeed} exactly as SEAL 4.1 expands it: the
 * stream is a sequence of 4096-byte blocks, block {@code c} being a function of the seed and the
 * little-endian 64-bit counter {@code c} (from 0). Bytes are handed out in order, whatever the
 * sizes of the requests, so any two readers of the same seed see the same values.
 *
 * <p>Not thread-safe: one instance per sampling task.
 */
public abstract sealed class SealPrng permits Blake2xbPrng, Shake256Prng {

  /** SEAL's randomness buffer: each refill produces one block of this many bytes. */
  static final int BLOCK_BYTES = 4096;

  private final PrngSeed seed;
  private final byte[] buffer = new byte[BLOCK_BYTES];
  private int head = BLOCK_BYTES;
  private long counter;

  SealPrng(PrngSeed seed) {
    this.seed = seed;
  }

  /** A PRNG of the given type expanding {@code seed} (for loading a seeded object). */
  public static SealPrng create(PrngType type, PrngSeed seed) {
    return switch (type) {
      case BLAKE2XB -> new Blake2xbPrng(seed);
      case SHAKE256 -> new Shake256Prng(seed);
    };
  }

  /** A Blake2xb PRNG, SEAL's default, from a fresh seed drawn from {@code random}. */
  public static SealPrng fresh(SecureRandom random) {
    return new Blake2xbPrng(PrngSeed.random(random));
  }

  public abstract PrngType type();

  public final PrngSeed seed() {
    return seed;
  }

  /** Fills {@code out[offset .. offset+length)} with the next bytes of the stream. */
  public final void nextBytes(byte[] out, int offset, int length) {
    while (length > 0) {
      if (head == BLOCK_BYTES) {
        refill();
      }
      int n = Math.min(length, BLOCK_BYTES - head);
      System.arraycopy(buffer, head, out, offset, n);
      head += n;
      offset += n;
      length -= n;
    }
  }

  /** The next 8 bytes of the stream as a little-endian unsigned 64-bit value. */
  public final long nextLong() {
    if (BLOCK_BYTES - head >= Long.BYTES) {
      long value = Blake2bCore.littleEndianLong(buffer, head);
      head += Long.BYTES;
      return value;
    }
    byte[] eight = new byte[Long.BYTES];
    nextBytes(eight, 0, Long.BYTES);
    return Blake2bCore.littleEndianLong(eight, 0);
  }

  /**
   * Fills {@code out[offset .. offset+count)} with the next {@code count} values {@link #nextLong}
   * would return, copied a block at a time.
   */
  public final void nextLongs(long[] out, int offset, int count) {
    int end = offset + count;
    while (offset < end) {
      int whole = Math.min(end - offset, (BLOCK_BYTES - head) / Long.BYTES);
      if (whole == 0) {
        out[offset++] = nextLong(); // refills, or reads across the end of a block
        continue;
      }
      for (int i = 0; i < whole; i++) {
        out[offset + i] = Blake2bCore.littleEndianLong(buffer, head + Long.BYTES * i);
      }
      head += Long.BYTES * whole;
      offset += whole;
    }
  }

  private void refill() {
    fillBlock(seed, counter, buffer);
    counter++;
    head = 0;
  }

  /**
   * Writes block number {@code counter} of this PRNG's stream for {@code seed} into {@code block}.
   */
  abstract void fillBlock(PrngSeed seed, long counter, byte[] block);

  static void putLittleEndianLong(byte[] b, int off, long value) {
    for (int i = 0; i < Long.BYTES; i++) {
      b[off + i] = (byte) (value >>> (8 * i));
    }
  }
}
