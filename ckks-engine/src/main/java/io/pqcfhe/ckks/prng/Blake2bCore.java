package io.pqcfhe.ckks.prng;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The BLAKE2b compression function (RFC 7693) driven by an explicit 64-byte parameter block.
 *
 * <p>Why not BouncyCastle's {@code Blake2bDigest}: its public constructors fix fanout = depth = 1
 * and leave node offset, XOF length, node depth and inner length at zero. BLAKE2Xb needs all of
 * those in the parameter block (they enter the initial chaining value, which salt and
 * personalization cannot reach), and BouncyCastle ships no BLAKE2Xb. This class is the smallest
 * core that lets {@link Blake2xb} build them; it is checked against BouncyCastle for every ordinary
 * parameter block in the tests.
 *
 * <p>Not thread-safe; instances are cheap and meant to be confined to one PRNG.
 */
final class Blake2bCore {

  static final int BLOCK_BYTES = 128;
  static final int OUT_BYTES = 64;

  private static final VarHandle LE_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long IV0 = 0x6a09e667f3bcc908L;
  private static final long IV1 = 0xbb67ae8584caa73bL;
  private static final long IV2 = 0x3c6ef372fe94f82bL;
  private static final long IV3 = 0xa54ff53a5f1d36f1L;
  private static final long IV4 = 0x510e527fade682d1L;
  private static final long IV5 = 0x9b05688c2b3e6c1fL;
  private static final long IV6 = 0x1f83d9abfb41bd6bL;
  private static final long IV7 = 0x5be0cd19137e2179L;
  static final long[] IV = {IV0, IV1, IV2, IV3, IV4, IV5, IV6, IV7};

  private final long[] h = new long[8];
  private final long[] v = new long[16];
  private final long[] m = new long[16];
  private final byte[] block = new byte[BLOCK_BYTES];
  private long bytesCompressed;

  /**
   * Hashes {@code message} under the given parameter block (eight little-endian words: digest and
   * key length, fanout, depth, leaf length; node offset and XOF length; node depth and inner
   * length; reserved; salt; personalization). A non-empty key is processed as a zero-padded first
   * block, as BLAKE2 specifies; the key length must already be in the parameter block.
   */
  void hash(
      long[] parameterBlock,
      byte[] key,
      byte[] message,
      int messageLength,
      byte[] out,
      int outOffset,
      int outLength) {
    for (int i = 0; i < 8; i++) {
      h[i] = IV[i] ^ parameterBlock[i];
    }
    bytesCompressed = 0;
    boolean keyed = key != null && key.length > 0;
    if (keyed) {
      Arrays.fill(block, (byte) 0);
      System.arraycopy(key, 0, block, 0, key.length);
      bytesCompressed = BLOCK_BYTES;
      compress(messageLength == 0);
    }
    int pos = 0;
    // Every full block except the last is compressed as non-final.
    while (messageLength - pos > BLOCK_BYTES) {
      System.arraycopy(message, pos, block, 0, BLOCK_BYTES);
      pos += BLOCK_BYTES;
      bytesCompressed += BLOCK_BYTES;
      compress(false);
    }
    if (messageLength > 0 || !keyed) {
      int rest = messageLength - pos;
      Arrays.fill(block, (byte) 0);
      System.arraycopy(message, pos, block, 0, rest);
      bytesCompressed += rest;
      compress(true);
    }
    if (outLength == OUT_BYTES) {
      for (int i = 0; i < 8; i++) {
        LE_LONG.set(out, outOffset + 8 * i, h[i]);
      }
    } else {
      for (int i = 0; i < outLength; i++) {
        out[outOffset + i] = (byte) (h[i >>> 3] >>> (8 * (i & 7)));
      }
    }
  }

  /**
   * One compression of {@code block} into {@code h}.
   *
   * <p>Speed: the rounds keep the sixteen working words and the sixteen message words in local
   * variables and are written out with the message schedule (SIGMA) resolved to constant indices,
   * so the JIT keeps the state in registers (or stack slots) instead of loading, bounds-checking
   * and storing array elements in every G step. The twelve rounds are split over two methods of six
   * because HotSpot does not compile a method of more than 8000 bytecodes
   * (-XX:-DontCompileHugeMethods): as one method they would stay interpreted, fifty times slower.
   * The expansion is mechanical (one G per two lines: columns 0–3, then diagonals 0–3; rounds 10
   * and 11 reuse the permutations of rounds 0 and 1), and the tests compare the output with
   * BouncyCastle's BLAKE2b and with SEAL's Blake2xb stream.
   */
  private void compress(boolean last) {
    final byte[] b = block;
    final long[] m = this.m;
    for (int i = 0; i < 16; i++) {
      m[i] = littleEndianLong(b, 8 * i);
    }
    compressMessageWords(last);
  }

  /** The compression of the message words already in {@code m}. */
  private void compressMessageWords(boolean last) {
    final long[] v = this.v;
    System.arraycopy(h, 0, v, 0, 8);
    v[8] = IV0;
    v[9] = IV1;
    v[10] = IV2;
    v[11] = IV3;
    v[12] = IV4 ^ bytesCompressed;
    v[13] = IV5; // the high counter word stays zero: no message here comes near 2^64 bytes
    v[14] = last ? ~IV6 : IV6;
    v[15] = IV7;
    roundsZeroToFive();
    roundsSixToEleven();
    for (int i = 0; i < 8; i++) {
      h[i] ^= v[i] ^ v[i + 8];
    }
  }

  /** Rounds 0–5 on the state in {@code v} with the message in {@code m}. */
  private void roundsZeroToFive() {
    final long[] v = this.v;
    final long[] m = this.m;
    final long m0 = m[0];
    final long m1 = m[1];
    final long m2 = m[2];
    final long m3 = m[3];
    final long m4 = m[4];
    final long m5 = m[5];
    final long m6 = m[6];
    final long m7 = m[7];
    final long m8 = m[8];
    final long m9 = m[9];
    final long m10 = m[10];
    final long m11 = m[11];
    final long m12 = m[12];
    final long m13 = m[13];
    final long m14 = m[14];
    final long m15 = m[15];
    long v0 = v[0];
    long v1 = v[1];
    long v2 = v[2];
    long v3 = v[3];
    long v4 = v[4];
    long v5 = v[5];
    long v6 = v[6];
    long v7 = v[7];
    long v8 = v[8];
    long v9 = v[9];
    long v10 = v[10];
    long v11 = v[11];
    long v12 = v[12];
    long v13 = v[13];
    long v14 = v[14];
    long v15 = v[15];
    // round 0: sigma 0
    v0 += v4 + m0;
    v12 = Long.rotateRight(v12 ^ v0, 32);
    v8 += v12;
    v4 = Long.rotateRight(v4 ^ v8, 24);
    v0 += v4 + m1;
    v12 = Long.rotateRight(v12 ^ v0, 16);
    v8 += v12;
    v4 = Long.rotateRight(v4 ^ v8, 63);
    v1 += v5 + m2;
    v13 = Long.rotateRight(v13 ^ v1, 32);
    v9 += v13;
    v5 = Long.rotateRight(v5 ^ v9, 24);
    v1 += v5 + m3;
    v13 = Long.rotateRight(v13 ^ v1, 16);
    v9 += v13;
    v5 = Long.rotateRight(v5 ^ v9, 63);
    v2 += v6 + m4;
    v14 = Long.rotateRight(v14 ^ v2, 32);
    v10 += v14;
    v6 = Long.rotateRight(v6 ^ v10, 24);
    v2 += v6 + m5;
    v14 = Long.rotateRight(v14 ^ v2, 16);
    v10 += v14;
    v6 = Long.rotateRight(v6 ^ v10, 63);
    v3 += v7 + m6;
    v15 = Long.rotateRight(v15 ^ v3, 32);
    v11 += v15;
    v7 = Long.rotateRight(v7 ^ v11, 24);
    v3 += v7 + m7;
    v15 = Long.rotateRight(v15 ^ v3, 16);
    v11 += v15;
    v7 = Long.rotateRight(v7 ^ v11, 63);
    v0 += v5 + m8;
    v15 = Long.rotateRight(v15 ^ v0, 32);
    v10 += v15;
    v5 = Long.rotateRight(v5 ^ v10, 24);
    v0 += v5 + m9;
    v15 = Long.rotateRight(v15 ^ v0, 16);
    v10 += v15;
    v5 = Long.rotateRight(v5 ^ v10, 63);
    v1 += v6 + m10;
    v12 = Long.rotateRight(v12 ^ v1, 32);
    v11 += v12;
    v6 = Long.rotateRight(v6 ^ v11, 24);
    v1 += v6 + m11;
    v12 = Long.rotateRight(v12 ^ v1, 16);
    v11 += v12;
    v6 = Long.rotateRight(v6 ^ v11, 63);
    v2 += v7 + m12;
    v13 = Long.rotateRight(v13 ^ v2, 32);
    v8 += v13;
    v7 = Long.rotateRight(v7 ^ v8, 24);
    v2 += v7 + m13;
    v13 = Long.rotateRight(v13 ^ v2, 16);
    v8 += v13;
    v7 = Long.rotateRight(v7 ^ v8, 63);
    v3 += v4 + m14;
    v14 = Long.rotateRight(v14 ^ v3, 32);
    v9 += v14;
    v4 = Long.rotateRight(v4 ^ v9, 24);
    v3 += v4 + m15;
    v14 = Long.rotateRight(v14 ^ v3, 16);
    v9 += v14;
    v4 = Long.rotateRight(v4 ^ v9, 63);
    // round 1: sigma 1
    v0 += v4 + m14;
    v12 = Long.rotateRight(v12 ^ v0, 32);
    v8 += v12;
    v4 = Long.rotateRight(v4 ^ v8, 24);
    v0 += v4 + m10;
    v12 = Long.rotateRight(v12 ^ v0, 16);
    v8 += v12;
    v4 = Long.rotateRight(v4 ^ v8, 63);
    v1 += v5 + m4;
    v13 = Long.rotateRight(v13 ^ v1, 32);
    v9 += v13;
    v5 = Long.rotateRight(v5 ^ v9, 24);
    v1 += v5 + m8;
    v13 = Long.rotateRight(v13 ^ v1, 16);
    v9 += v13;
    v5 = Long.rotateRight(v5 ^ v9, 63);
    v2 += v6 + m9;
    v14 = Long.rotateRight(v14 ^ v2, 32);
    v10 += v14;
    v6 = Long.rotateRight(v6 ^ v10, 24);
    v2 += v6 + m15;
    v14 = Long.rotateRight(v14 ^ v2, 16);
    v10 += v14;
    v6 = Long.rotateRight(v6 ^ v10, 63);
    v3 += v7 + m13;
    v15 = Long.rotateRight(v15 ^ v3, 32);
    v11 += v15;
    v7 = Long.rotateRight(v7 ^ v11, 24);
    v3 += v7 + m6;
    v15 = Long.rotateRight(v15 ^ v3, 16);
    v11 += v15;
    v7 = Long.rotateRight(v7 ^ v11, 63);
    v0 += v5 + m1;
    v15 = Long.rotateRight(v15 ^ v0, 32);
    v10 += v15;
    v5 = Long.rotateRight(v5 ^ v10, 24);
    v0 += v5 + m12;
    v15 = Long.rotateRight(v15 ^ v0, 16);
    v10 += v15;
    v5 = Long.rotateRight(v5 ^ v10, 63);
    v1 += v6 + m0;
    v12 = Long.rotateRight(v12 ^ v1, 32);
    v11 += v12;
    v6 = Long.rotateRight(v6 ^ v11, 24);
    v1 += v6 + m2;
    v12 = Long.rotateRight(v12 ^ v1, 16);
    v11 += v12;
    v6 = Long.rotateRight(v6 ^ v11, 63);
    v2 += v7 + m11;
    v13 = Long.rotateRight(v13 ^ v2, 32);
    v8 += v13;
    v7 = Long.rotateRight(v7 ^ v8, 24);
    v2 += v7 + m7;
    v13 = Long.rotateRight(v13 ^ v2, 16);
    v8 += v13;
    v7 = Long.rotateRight(v7 ^ v8, 63);
    v3 += v4 + m5;
    v14 = Long.rotateRight(v14 ^ v3, 32);
    v9 += v14;
    v4 = Long.rotateRight(v4 ^ v9, 24);
    v3 += v4 + m3;
    v14 = Long.rotateRight(v14 ^ v3, 16);
    v9 += v14;
    v4 = Long.rotateRight(v4 ^ v9, 63);
    // round 2: sigma 2
    v0 += v4 + m11;
    v12 = Long.rotateRight(v12 ^ v0, 32);
    v8 += v12;
    v4 = Long.rotateRight(v4 ^ v8, 24);
    v0 += v4 + m8;
    v12 = Long.rotateRight(v12 ^ v0, 16);
    v8 += v12;
    v4 = Long.rotateRight(v4 ^ v8, 63);
    v1 += v5 + m12;
    v13 = Long.rotateRight(v13 ^ v1, 32);
    v9 += v13;
    v5 = Long.rotateRight(v5 ^ v9, 24);
    v1 += v5 + m0;
    v13 = Long.rotateRight(v13 ^ v1, 16);
    v9 += v13;
    v5 = Long.rotateRight(v5 ^ v9, 63);
    v2 += v6 + m5;
    v14 = Long.rotateRight(v14 ^ v2, 32);
    v10 += v14;
    v6 = Long.rotateRight(v6 ^ v10, 24);
    v2 += v6 + m2;
    v14 = Long.rotateRight(v14 ^ v2, 16);
    v10 += v14;
    v6 = Long.rotateRight(v6 ^ v10, 63);
    v3 += v7 + m15;
    v15 = Long.rotateRight(v15 ^ v3, 32);
    v11 += v15;
    v7 = Long.rotateRight(v7 ^ v11, 24);
    v3 += v7 + m13;
    v15 = Long.rotateRight(v15 ^ v3, 16);
    v11 += v15;
    v7 = Long.rotateRight(v7 ^ v11, 63);
    v0 += v5 + m10;
    v15 = Long.rotateRight(v15 ^ v0, 32);
    v10 += v15;
    v5 = Long.rotateRight(v5 ^ v10, 24);
    v0 += v5 + m14;
    v15 = Long.rotateRight(v15 ^ v0, 16);
    v10 += v15;
    v5 = Long.rotateRight(v5 ^ v10, 63);
    v1 += v6 + m3;
    v12 = Long.rotateRight(v12 ^ v1, 32);
    v11 += v12;
    v6 = Long.rotateRight(v6 ^ v11, 24);
    v1 += v6 + m6;
    v12 = Long.rotateRight(v12 ^ v1, 16);
    v11 += v12;
    v6 = Long.rotateRight(v6 ^ v11, 63);
    v2 += v7 + m7;
    v13 = Long.rotateRight(v13 ^ v2, 32);
    v8 += v13;
    v7 = Long.rotateRight(v7 ^ v8, 24);
    v2 += v7 + m1;
    v13 = Long.rotateRight(v13 ^ v2, 16);
    v8 += v13;
    v7 = Long.rotateRight(v7 ^ v8, 63);
    v3 += v4 + m9;
    v14 = Long.rotateRight(v14 ^ v3, 32);
    v9 += v14;
    v4 = Long.rotateRight(v4 ^ v9, 24);
    v3 += v4 + m4;
    v14 = Long.rotateRight(v14 ^ v3, 16);
    v9 += v14;
    v4 = Long.rotateRight(v4 ^ v9, 63);
    // round 3: sigma 3
    v0 += v4 + m7;
    v12 = Long.rotateRight(v12 ^ v0, 32);
    v8 += v12;
    v4 = Long.rotateRight(v4 ^ v8, 24);
    v0 += v4 + m9;
    v12 = Long.rotateRight(v12 ^ v0, 16);
    v8 += v12;
    v4 = Long.rotateRight(v4 ^ v8, 63);
    v1 += v5 + m3;
    v13 = Long.rotateRight(v13 ^ v1, 32);
    v9 += v13;
    v5 = Long.rotateRight(v5 ^ v9, 24);
    v1 += v5 + m1;
    v13 = Long.rotateRight(v13 ^ v1, 16);
    v9 += v13;
    v5 = Long.rotateRight(v5 ^ v9, 63);
    v2 += v6 + m13;
    v14 = Long.rotateRight(v14 ^ v2, 32);
    v10 += v14;
    v6 = Long.rotateRight(v6 ^ v10, 24);
    v2 += v6 + m12;
    v14 = Long.rotateRight(v14 ^ v2, 16);
    v10 += v14;
    v6 = Long.rotateRight(v6 ^ v10, 63);
    v3 += v7 + m11;
    v15 = Long.rotateRight(v15 ^ v3, 32);
    v11 += v15;
    v7 = Long.rotateRight(v7 ^ v11, 24);
    v3 += v7 + m14;
    v15 = Long.rotateRight(v15 ^ v3, 16);
    v11 += v15;
    v7 = Long.rotateRight(v7 ^ v11, 63);
    v0 += v5 + m2;
    v15 = Long.rotateRight(v15 ^ v0, 32);
    v10 += v15;
    v5 = Long.rotateRight(v5 ^ v10, 24);
    v0 += v5 + m6;
    v15 = Long.rotateRight(v15 ^ v0, 16);
    v10 += v15;
    v5 = Long.rotateRight(v5 ^ v10, 63);
    v1 += v6 + m5;
    v12 = Long.rotateRight(v12 ^ v1, 32);
    v11 += v12;
    v6 = Long.rotateRight(v6 ^ v11, 24);
    v1 += v6 + m10;
    v12 = Long.rotateRight(v12 ^ v1, 16);
    v11 += v12;
    v6 = Long.rotateRight(v6 ^ v11, 63);
    v2 += v7 + m4;
    v13 = Long.rotateRight(v13 ^ v2, 32);
    v8 += v13;
    v7 = Long.rotateRight(v7 ^ v8, 24);
    v2 += v7 + m0;
    v13 = Long.rotateRight(v13 ^ v2, 16);
    v8 += v13;
    v7 = Long.rotateRight(v7 ^ v8, 63);
    v3 += v4 + m15;
    v14 = Long.rotateRight(v14 ^ v3, 32);
    v9 += v14;
    v4 = Long.rotateRight(v4 ^ v9, 24);
    v3 += v4 + m8;
    v14 = Long.rotateRight(v14 ^ v3, 16);
    v9 += v14;
    v4 = Long.rotateRight(v4 ^ v9, 63);
    // round 4: sigma 4
    v0 += v4 + m9;
    v12 = Long.rotateRight(v12 ^ v0, 32);
    v8 += v12;
    v4 = Long.rotateRight(v4 ^ v8, 24);
    v0 += v4 + m0;
    v12 = Long.rotateRight(v12 ^ v0, 16);
    v8 += v12;
    v4 = Long.rotateRight(v4 ^ v8, 63);
    v1 += v5 + m5;
    v13 = Long.rotateRight(v13 ^ v1, 32);
    v9 += v13;
    v5 = Long.rotateRight(v5 ^ v9, 24);
    v1 += v5 + m7;
    v13 = Long.rotateRight(v13 ^ v1, 16);
    v9 += v13;
    v5 = Long.rotateRight(v5 ^ v9, 63);
    v2 += v6 + m2;
    v14 = Long.rotateRight(v14 ^ v2, 32);
    v10 += v14;
    v6 = Long.rotateRight(v6 ^ v10, 24);
    v2 += v6 + m4;
    v14 = Long.rotateRight(v14 ^ v2, 16);
    v10 += v14;
    v6 = Long.rotateRight(v6 ^ v10, 63);
    v3 += v7 + m10;
    v15 = Long.rotateRight(v15 ^ v3, 32);
    v11 += v15;
    v7 = Long.rotateRight(v7 ^ v11, 24);
    v3 += v7 + m15;
    v15 = Long.rotateRight(v15 ^ v3, 16);
    v11 += v15;
    v7 = Long.rotateRight(v7 ^ v11, 63);
    v0 += v5 + m14;
    v15 = Long.rotateRight(v15 ^ v0, 32);
    v10 += v15;
    v5 = Long.rotateRight(v5 ^ v10, 24);
    v0 += v5 + m1;
    v15 = Long.rotateRight(v15 ^ v0, 16);
    v10 += v15;
    v5 = Long.rotateRight(v5 ^ v10, 63);
    v1 += v6 + m11;
    v12 = Long.rotateRight(v12 ^ v1, 32);
    v11 += v12;
    v6 = Long.rotateRight(v6 ^ v11, 24);
    v1 += v6 + m12;
    v12 = Long.rotateRight(v12 ^ v1, 16);
    v11 += v12;
    v6 = Long.rotateRight(v6 ^ v11, 63);
    v2 += v7 + m6;
    v13 = Long.rotateRight(v13 ^ v2, 32);
    v8 += v13;
    v7 = Long.rotateRight(v7 ^ v8, 24);
    v2 += v7 + m8;
    v13 = Long.rotateRight(v13 ^ v2, 16);
    v8 += v13;
    v7 = Long.rotateRight(v7 ^ v8, 63);
    v3 += v4 + m3;
    v14 = Long.rotateRight(v14 ^ v3, 32);
    v9 += v14;
    v4 = Long.rotateRight(v4 ^ v9, 24);
    v3 += v4 + m13;
    v14 = Long.rotateRight(v14 ^ v3, 16);
    v9 += v14;
    v4 = Long.rotateRight(v4 ^ v9, 63);
    // round 5: sigma 5
    v0 += v4 + m2;
    v12 = Long.rotateRight(v12 ^ v0, 32);
    v8 += v12;
    v4 = Long.rotateRight(v4 ^ v8, 24);
    v0 += v4 + m12;
    v12 = Long.rotateRight(v12 ^ v0, 16);
    v8 += v12;
    v4 = Long.rotateRight(v4 ^ v8, 63);
    v1 += v5 + m6;
    v13 = Long.rotateRight(v13 ^ v1, 32);
    v9 += v13;
    v5 = Long.rotateRight(v5 ^ v9, 24);
    v1 += v5 + m10;
    v13 = Long.rotateRight(v13 ^ v1, 16);
    v9 += v13;
    v5 = Long.rotateRight(v5 ^ v9, 63);
    v2 += v6 + m0;
    v14 = Long.rotateRight(v14 ^ v2, 32);
    v10 += v14;
    v6 = Long.rotateRight(v6 ^ v10, 24);
    v2 += v6 + m11;
    v14 = Long.rotateRight(v14 ^ v2, 16);
    v10 += v14;
    v6 = Long.rotateRight(v6 ^ v10, 63);
    v3 += v7 + m8;
    v15 = Long.rotateRight(v15 ^ v3, 32);
    v11 += v15;
    v7 = Long.rotateRight(v7 ^ v11, 24);
    v3 += v7 + m3;
    v15 = Long.rotateRight(v15 ^ v3, 16);
    v11 += v15;
    v7 = Long.rotateRight(v7 ^ v11, 63);
    v0 += v5 + m4;
    v15 = Long.rotateRight(v15 ^ v0, 32);
    v10 += v15;
    v5 = Long.rotateRight(v5 ^ v10, 24);
    v0 += v5 + m13;
    v15 = Long.rotateRight(v15 ^ v0, 16);
    v10 += v15;
    v5 = Long.rotateRight(v5 ^ v10, 63);
    v1 += v6 + m7;
    v12 = Long.rotateRight(v12 ^ v1, 32);
    v11 += v12;
    v6 = Long.rotateRight(v6 ^ v11, 24);
    v1 += v6 + m5;
    v12 = Long.rotateRight(v12 ^ v1, 16);
    v11 += v12;
    v6 = Long.rotateRight(v6 ^ v11, 63);
    v2 += v7 + m15;
    v13 = Long.rotateRight(v13 ^ v2, 32);
    v8 += v13;
    v7 = Long.rotateRight(v7 ^ v8, 24);
    v2 += v7 + m14;
    v13 = Long.rotateRight(v13 ^ v2, 16);
    v8 += v13;
    v7 = Long.rotateRight(v7 ^ v8, 63);
    v3 += v4 + m1;
    v14 = Long.rotateRight(v14 ^ v3, 32);
    v9 += v14;
    v4 = Long.rotateRight(v4 ^ v9, 24);
    v3 += v4 + m9;
    v14 = Long.rotateRight(v14 ^ v3, 16);
    v9 += v14;
    v4 = Long.rotateRight(v4 ^ v9, 63);
    v[0] = v0;
    v[1] = v1;
    v[2] = v2;
    v[3] = v3;
    v[4] = v4;
    v[5] = v5;
    v[6] = v6;
    v[7] = v7;
    v[8] = v8;
    v[9] = v9;
    v[10] = v10;
    v[11] = v11;
    v[12] = v12;
    v[13] = v13;
    v[14] = v14;
    v[15] = v15;
  }

  /** Rounds 6–11 (10 and 11 use the permutations of 0 and 1). */
  private void roundsSixToEleven() {
    final long[] v = this.v;
    final long[] m = this.m;
    final long m0 = m[0];
    final long m1 = m[1];
    final long m2 = m[2];
    final long m3 = m[3];
    final long m4 = m[4];
    final long m5 = m[5];
    final long m6 = m[6];
    final long m7 = m[7];
    final long m8 = m[8];
    final long m9 = m[9];
    final long m10 = m[10];
    final long m11 = m[11];
    final long m12 = m[12];
    final long m13 = m[13];
    final long m14 = m[14];
    final long m15 = m[15];
    long v0 = v[0];
    long v1 = v[1];
    long v2 = v[2];
    long v3 = v[3];
    long v4 = v[4];
    long v5 = v[5];
    long v6 = v[6];
    long v7 = v[7];
    long v8 = v[8];
    long v9 = v[9];
    long v10 = v[10];
    long v11 = v[11];
    long v12 = v[12];
    long v13 = v[13];
    long v14 = v[14];
    long v15 = v[15];
    // round 6: sigma 6
    v0 += v4 + m12;
    v12 = Long.rotateRight(v12 ^ v0, 32);
    v8 += v12;
    v4 = Long.rotateRight(v4 ^ v8, 24);
    v0 += v4 + m5;
    v12 = Long.rotateRight(v12 ^ v0, 16);
    v8 += v12;
    v4 = Long.rotateRight(v4 ^ v8, 63);
    v1 += v5 + m1;
    v13 = Long.rotateRight(v13 ^ v1, 32);
    v9 += v13;
    v5 = Long.rotateRight(v5 ^ v9, 24);
    v1 += v5 + m15;
    v13 = Long.rotateRight(v13 ^ v1, 16);
    v9 += v13;
    v5 = Long.rotateRight(v5 ^ v9, 63);
    v2 += v6 + m14;
    v14 = Long.rotateRight(v14 ^ v2, 32);
    v10 += v14;
    v6 = Long.rotateRight(v6 ^ v10, 24);
    v2 += v6 + m13;
    v14 = Long.rotateRight(v14 ^ v2, 16);
    v10 += v14;
    v6 = Long.rotateRight(v6 ^ v10, 63);
    v3 += v7 + m4;
    v15 = Long.rotateRight(v15 ^ v3, 32);
    v11 += v15;
    v7 = Long.rotateRight(v7 ^ v11, 24);
    v3 += v7 + m10;
    v15 = Long.rotateRight(v15 ^ v3, 16);
    v11 += v15;
    v7 = Long.rotateRight(v7 ^ v11, 63);
    v0 += v5 + m0;
    v15 = Long.rotateRight(v15 ^ v0, 32);
    v10 += v15;
    v5 = Long.rotateRight(v5 ^ v10, 24);
    v0 += v5 + m7;
    v15 = Long.rotateRight(v15 ^ v0, 16);
    v10 += v15;
    v5 = Long.rotateRight(v5 ^ v10, 63);
    v1 += v6 + m6;
    v12 = Long.rotateRight(v12 ^ v1, 32);
    v11 += v12;
    v6 = Long.rotateRight(v6 ^ v11, 24);
    v1 += v6 + m3;
    v12 = Long.rotateRight(v12 ^ v1, 16);
    v11 += v12;
    v6 = Long.rotateRight(v6 ^ v11, 63);
    v2 += v7 + m9;
    v13 = Long.rotateRight(v13 ^ v2, 32);
    v8 += v13;
    v7 = Long.rotateRight(v7 ^ v8, 24);
    v2 += v7 + m2;
    v13 = Long.rotateRight(v13 ^ v2, 16);
    v8 += v13;
    v7 = Long.rotateRight(v7 ^ v8, 63);
    v3 += v4 + m8;
    v14 = Long.rotateRight(v14 ^ v3, 32);
    v9 += v14;
    v4 = Long.rotateRight(v4 ^ v9, 24);
    v3 += v4 + m11;
    v14 = Long.rotateRight(v14 ^ v3, 16);
    v9 += v14;
    v4 = Long.rotateRight(v4 ^ v9, 63);
    // round 7: sigma 7
    v0 += v4 + m13;
    v12 = Long.rotateRight(v12 ^ v0, 32);
    v8 += v12;
    v4 = Long.rotateRight(v4 ^ v8, 24);
    v0 += v4 + m11;
    v12 = Long.rotateRight(v12 ^ v0, 16);
    v8 += v12;
    v4 = Long.rotateRight(v4 ^ v8, 63);
    v1 += v5 + m7;
    v13 = Long.rotateRight(v13 ^ v1, 32);
    v9 += v13;
    v5 = Long.rotateRight(v5 ^ v9, 24);
    v1 += v5 + m14;
    v13 = Long.rotateRight(v13 ^ v1, 16);
    v9 += v13;
    v5 = Long.rotateRight(v5 ^ v9, 63);
    v2 += v6 + m12;
    v14 = Long.rotateRight(v14 ^ v2, 32);
    v10 += v14;
    v6 = Long.rotateRight(v6 ^ v10, 24);
    v2 += v6 + m1;
    v14 = Long.rotateRight(v14 ^ v2, 16);
    v10 += v14;
    v6 = Long.rotateRight(v6 ^ v10, 63);
    v3 += v7 + m3;
    v15 = Long.rotateRight(v15 ^ v3, 32);
    v11 += v15;
    v7 = Long.rotateRight(v7 ^ v11, 24);
    v3 += v7 + m9;
    v15 = Long.rotateRight(v15 ^ v3, 16);
    v11 += v15;
    v7 = Long.rotateRight(v7 ^ v11, 63);
    v0 += v5 + m5;
    v15 = Long.rotateRight(v15 ^ v0, 32);
    v10 += v15;
    v5 = Long.rotateRight(v5 ^ v10, 24);
    v0 += v5 + m0;
    v15 = Long.rotateRight(v15 ^ v0, 16);
    v10 += v15;
    v5 = Long.rotateRight(v5 ^ v10, 63);
    v1 += v6 + m15;
    v12 = Long.rotateRight(v12 ^ v1, 32);
    v11 += v12;
    v6 = Long.rotateRight(v6 ^ v11, 24);
    v1 += v6 + m4;
    v12 = Long.rotateRight(v12 ^ v1, 16);
    v11 += v12;
    v6 = Long.rotateRight(v6 ^ v11, 63);
    v2 += v7 + m8;
    v13 = Long.rotateRight(v13 ^ v2, 32);
    v8 += v13;
    v7 = Long.rotateRight(v7 ^ v8, 24);
    v2 += v7 + m6;
    v13 = Long.rotateRight(v13 ^ v2, 16);
    v8 += v13;
    v7 = Long.rotateRight(v7 ^ v8, 63);
    v3 += v4 + m2;
    v14 = Long.rotateRight(v14 ^ v3, 32);
    v9 += v14;
    v4 = Long.rotateRight(v4 ^ v9, 24);
    v3 += v4 + m10;
    v14 = Long.rotateRight(v14 ^ v3, 16);
    v9 += v14;
    v4 = Long.rotateRight(v4 ^ v9, 63);
    // round 8: sigma 8
    v0 += v4 + m6;
    v12 = Long.rotateRight(v12 ^ v0, 32);
    v8 += v12;
    v4 = Long.rotateRight(v4 ^ v8, 24);
    v0 += v4 + m15;
    v12 = Long.rotateRight(v12 ^ v0, 16);
    v8 += v12;
    v4 = Long.rotateRight(v4 ^ v8, 63);
    v1 += v5 + m14;
    v13 = Long.rotateRight(v13 ^ v1, 32);
    v9 += v13;
    v5 = Long.rotateRight(v5 ^ v9, 24);
    v1 += v5 + m9;
    v13 = Long.rotateRight(v13 ^ v1, 16);
    v9 += v13;
    v5 = Long.rotateRight(v5 ^ v9, 63);
    v2 += v6 + m11;
    v14 = Long.rotateRight(v14 ^ v2, 32);
    v10 += v14;
    v6 = Long.rotateRight(v6 ^ v10, 24);
    v2 += v6 + m3;
    v14 = Long.rotateRight(v14 ^ v2, 16);
    v10 += v14;
    v6 = Long.rotateRight(v6 ^ v10, 63);
    v3 += v7 + m0;
    v15 = Long.rotateRight(v15 ^ v3, 32);
    v11 += v15;
    v7 = Long.rotateRight(v7 ^ v11, 24);
    v3 += v7 + m8;
    v15 = Long.rotateRight(v15 ^ v3, 16);
    v11 += v15;
    v7 = Long.rotateRight(v7 ^ v11, 63);
    v0 += v5 + m12;
    v15 = Long.rotateRight(v15 ^ v0, 32);
    v10 += v15;
    v5 = Long.rotateRight(v5 ^ v10, 24);
    v0 += v5 + m2;
    v15 = Long.rotateRight(v15 ^ v0, 16);
    v10 += v15;
    v5 = Long.rotateRight(v5 ^ v10, 63);
    v1 += v6 + m13;
    v12 = Long.rotateRight(v12 ^ v1, 32);
    v11 += v12;
    v6 = Long.rotateRight(v6 ^ v11, 24);
    v1 += v6 + m7;
    v12 = Long.rotateRight(v12 ^ v1, 16);
    v11 += v12;
    v6 = Long.rotateRight(v6 ^ v11, 63);
    v2 += v7 + m1;
    v13 = Long.rotateRight(v13 ^ v2, 32);
    v8 += v13;
    v7 = Long.rotateRight(v7 ^ v8, 24);
    v2 += v7 + m4;
    v13 = Long.rotateRight(v13 ^ v2, 16);
    v8 += v13;
    v7 = Long.rotateRight(v7 ^ v8, 63);
    v3 += v4 + m10;
    v14 = Long.rotateRight(v14 ^ v3, 32);
    v9 += v14;
    v4 = Long.rotateRight(v4 ^ v9, 24);
    v3 += v4 + m5;
    v14 = Long.rotateRight(v14 ^ v3, 16);
    v9 += v14;
    v4 = Long.rotateRight(v4 ^ v9, 63);
    // round 9: sigma 9
    v0 += v4 + m10;
    v12 = Long.rotateRight(v12 ^ v0, 32);
    v8 += v12;
    v4 = Long.rotateRight(v4 ^ v8, 24);
    v0 += v4 + m2;
    v12 = Long.rotateRight(v12 ^ v0, 16);
    v8 += v12;
    v4 = Long.rotateRight(v4 ^ v8, 63);
    v1 += v5 + m8;
    v13 = Long.rotateRight(v13 ^ v1, 32);
    v9 += v13;
    v5 = Long.rotateRight(v5 ^ v9, 24);
    v1 += v5 + m4;
    v13 = Long.rotateRight(v13 ^ v1, 16);
    v9 += v13;
    v5 = Long.rotateRight(v5 ^ v9, 63);
    v2 += v6 + m7;
    v14 = Long.rotateRight(v14 ^ v2, 32);
    v10 += v14;
    v6 = Long.rotateRight(v6 ^ v10, 24);
    v2 += v6 + m6;
    v14 = Long.rotateRight(v14 ^ v2, 16);
    v10 += v14;
    v6 = Long.rotateRight(v6 ^ v10, 63);
    v3 += v7 + m1;
    v15 = Long.rotateRight(v15 ^ v3, 32);
    v11 += v15;
    v7 = Long.rotateRight(v7 ^ v11, 24);
    v3 += v7 + m5;
    v15 = Long.rotateRight(v15 ^ v3, 16);
    v11 += v15;
    v7 = Long.rotateRight(v7 ^ v11, 63);
    v0 += v5 + m15;
    v15 = Long.rotateRight(v15 ^ v0, 32);
    v10 += v15;
    v5 = Long.rotateRight(v5 ^ v10, 24);
    v0 += v5 + m11;
    v15 = Long.rotateRight(v15 ^ v0, 16);
    v10 += v15;
    v5 = Long.rotateRight(v5 ^ v10, 63);
    v1 += v6 + m9;
    v12 = Long.rotateRight(v12 ^ v1, 32);
    v11 += v12;
    v6 = Long.rotateRight(v6 ^ v11, 24);
    v1 += v6 + m14;
    v12 = Long.rotateRight(v12 ^ v1, 16);
    v11 += v12;
    v6 = Long.rotateRight(v6 ^ v11, 63);
    v2 += v7 + m3;
    v13 = Long.rotateRight(v13 ^ v2, 32);
    v8 += v13;
    v7 = Long.rotateRight(v7 ^ v8, 24);
    v2 += v7 + m12;
    v13 = Long.rotateRight(v13 ^ v2, 16);
    v8 += v13;
    v7 = Long.rotateRight(v7 ^ v8, 63);
    v3 += v4 + m13;
    v14 = Long.rotateRight(v14 ^ v3, 32);
    v9 += v14;
    v4 = Long.rotateRight(v4 ^ v9, 24);
    v3 += v4 + m0;
    v14 = Long.rotateRight(v14 ^ v3, 16);
    v9 += v14;
    v4 = Long.rotateRight(v4 ^ v9, 63);
    // round 10: sigma 0
    v0 += v4 + m0;
    v12 = Long.rotateRight(v12 ^ v0, 32);
    v8 += v12;
    v4 = Long.rotateRight(v4 ^ v8, 24);
    v0 += v4 + m1;
    v12 = Long.rotateRight(v12 ^ v0, 16);
    v8 += v12;
    v4 = Long.rotateRight(v4 ^ v8, 63);
    v1 += v5 + m2;
    v13 = Long.rotateRight(v13 ^ v1, 32);
    v9 += v13;
    v5 = Long.rotateRight(v5 ^ v9, 24);
    v1 += v5 + m3;
    v13 = Long.rotateRight(v13 ^ v1, 16);
    v9 += v13;
    v5 = Long.rotateRight(v5 ^ v9, 63);
    v2 += v6 + m4;
    v14 = Long.rotateRight(v14 ^ v2, 32);
    v10 += v14;
    v6 = Long.rotateRight(v6 ^ v10, 24);
    v2 += v6 + m5;
    v14 = Long.rotateRight(v14 ^ v2, 16);
    v10 += v14;
    v6 = Long.rotateRight(v6 ^ v10, 63);
    v3 += v7 + m6;
    v15 = Long.rotateRight(v15 ^ v3, 32);
    v11 += v15;
    v7 = Long.rotateRight(v7 ^ v11, 24);
    v3 += v7 + m7;
    v15 = Long.rotateRight(v15 ^ v3, 16);
    v11 += v15;
    v7 = Long.rotateRight(v7 ^ v11, 63);
    v0 += v5 + m8;
    v15 = Long.rotateRight(v15 ^ v0, 32);
    v10 += v15;
    v5 = Long.rotateRight(v5 ^ v10, 24);
    v0 += v5 + m9;
    v15 = Long.rotateRight(v15 ^ v0, 16);
    v10 += v15;
    v5 = Long.rotateRight(v5 ^ v10, 63);
    v1 += v6 + m10;
    v12 = Long.rotateRight(v12 ^ v1, 32);
    v11 += v12;
    v6 = Long.rotateRight(v6 ^ v11, 24);
    v1 += v6 + m11;
    v12 = Long.rotateRight(v12 ^ v1, 16);
    v11 += v12;
    v6 = Long.rotateRight(v6 ^ v11, 63);
    v2 += v7 + m12;
    v13 = Long.rotateRight(v13 ^ v2, 32);
    v8 += v13;
    v7 = Long.rotateRight(v7 ^ v8, 24);
    v2 += v7 + m13;
    v13 = Long.rotateRight(v13 ^ v2, 16);
    v8 += v13;
    v7 = Long.rotateRight(v7 ^ v8, 63);
    v3 += v4 + m14;
    v14 = Long.rotateRight(v14 ^ v3, 32);
    v9 += v14;
    v4 = Long.rotateRight(v4 ^ v9, 24);
    v3 += v4 + m15;
    v14 = Long.rotateRight(v14 ^ v3, 16);
    v9 += v14;
    v4 = Long.rotateRight(v4 ^ v9, 63);
    // round 11: sigma 1
    v0 += v4 + m14;
    v12 = Long.rotateRight(v12 ^ v0, 32);
    v8 += v12;
    v4 = Long.rotateRight(v4 ^ v8, 24);
    v0 += v4 + m10;
    v12 = Long.rotateRight(v12 ^ v0, 16);
    v8 += v12;
    v4 = Long.rotateRight(v4 ^ v8, 63);
    v1 += v5 + m4;
    v13 = Long.rotateRight(v13 ^ v1, 32);
    v9 += v13;
    v5 = Long.rotateRight(v5 ^ v9, 24);
    v1 += v5 + m8;
    v13 = Long.rotateRight(v13 ^ v1, 16);
    v9 += v13;
    v5 = Long.rotateRight(v5 ^ v9, 63);
    v2 += v6 + m9;
    v14 = Long.rotateRight(v14 ^ v2, 32);
    v10 += v14;
    v6 = Long.rotateRight(v6 ^ v10, 24);
    v2 += v6 + m15;
    v14 = Long.rotateRight(v14 ^ v2, 16);
    v10 += v14;
    v6 = Long.rotateRight(v6 ^ v10, 63);
    v3 += v7 + m13;
    v15 = Long.rotateRight(v15 ^ v3, 32);
    v11 += v15;
    v7 = Long.rotateRight(v7 ^ v11, 24);
    v3 += v7 + m6;
    v15 = Long.rotateRight(v15 ^ v3, 16);
    v11 += v15;
    v7 = Long.rotateRight(v7 ^ v11, 63);
    v0 += v5 + m1;
    v15 = Long.rotateRight(v15 ^ v0, 32);
    v10 += v15;
    v5 = Long.rotateRight(v5 ^ v10, 24);
    v0 += v5 + m12;
    v15 = Long.rotateRight(v15 ^ v0, 16);
    v10 += v15;
    v5 = Long.rotateRight(v5 ^ v10, 63);
    v1 += v6 + m0;
    v12 = Long.rotateRight(v12 ^ v1, 32);
    v11 += v12;
    v6 = Long.rotateRight(v6 ^ v11, 24);
    v1 += v6 + m2;
    v12 = Long.rotateRight(v12 ^ v1, 16);
    v11 += v12;
    v6 = Long.rotateRight(v6 ^ v11, 63);
    v2 += v7 + m11;
    v13 = Long.rotateRight(v13 ^ v2, 32);
    v8 += v13;
    v7 = Long.rotateRight(v7 ^ v8, 24);
    v2 += v7 + m7;
    v13 = Long.rotateRight(v13 ^ v2, 16);
    v8 += v13;
    v7 = Long.rotateRight(v7 ^ v8, 63);
    v3 += v4 + m5;
    v14 = Long.rotateRight(v14 ^ v3, 32);
    v9 += v14;
    v4 = Long.rotateRight(v4 ^ v9, 24);
    v3 += v4 + m3;
    v14 = Long.rotateRight(v14 ^ v3, 16);
    v9 += v14;
    v4 = Long.rotateRight(v4 ^ v9, 63);
    v[0] = v0;
    v[1] = v1;
    v[2] = v2;
    v[3] = v3;
    v[4] = v4;
    v[5] = v5;
    v[6] = v6;
    v[7] = v7;
    v[8] = v8;
    v[9] = v9;
    v[10] = v10;
    v[11] = v11;
    v[12] = v12;
    v[13] = v13;
    v[14] = v14;
    v[15] = v15;
  }

  /** Clears the working state (it held key-dependent values). */
  void wipe() {
    Arrays.fill(h, 0);
    Arrays.fill(v, 0);
    Arrays.fill(m, 0);
    Arrays.fill(block, (byte) 0);
  }

  static long littleEndianLong(byte[] b, int off) {
    return (long) LE_LONG.get(b, off);
  }
}
