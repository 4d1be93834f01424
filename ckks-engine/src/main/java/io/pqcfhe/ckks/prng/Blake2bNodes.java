package io.pqcfhe.ckks.prng;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * BLAKE2b-512 (RFC 7693) of one 64-byte message under up to {@link #MAX_NODES} parameter blocks
 * that differ only in their node offset: the output nodes of BLAKE2Xb, which are independent of
 * each other.
 *
 * <p>Speed: the nodes are computed side by side. Working word i of every node lives in array i,
 * and each G step is one loop over the nodes with nothing but additions, xors and rotations of
 * array elements at the loop index. HotSpot's superword pass turns such loops into vector
 * instructions (four nodes per instruction with AVX2, eight with AVX-512), where the compression of
 * one node ({@link Blake2bCore}) is a chain of dependent scalar operations. Two G steps in one loop
 * are no longer vectorized (the loop body outgrows the JIT's unrolling limit): 8.9 µs for 64 nodes
 * against 3.2 µs. On the 2-core AVX-512 machines we measure on, SEAL's stream took 535 µs per 256
 * KiB one node at a time, 250 µs this way.
 *
 * <p>Not thread-safe; the state is cleared by {@link #wipe()}.
 */
final class Blake2bNodes {

  static final int MAX_NODES = 64;

  private static final long[] IV = Blake2bCore.IV;

  /** The message schedule of rounds 0–9; rounds 10 and 11 reuse those of rounds 0 and 1. */
  private static final int[][] SIGMA = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
    {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
    {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
    {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
    {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0}
  };

  private static final VarHandle LE_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** Working word i of node l at {@code v[i][l]}. */
  private final long[][] v = new long[16][MAX_NODES];

  /** The sixteen message words: the 64-byte message, then the zero padding of its single block. */
  private final long[] m = new long[16];

  /** Chaining word 1 of each node before the compression: the one that holds the node offset. */
  private final long[] offsetWords = new long[MAX_NODES];

  /**
   * Hashes the message given as eight little-endian {@code words} under {@code parameterBlock},
   * once for each node offset {@code firstOffset … firstOffset + count − 1} (the low 32 bits of
   * parameter word 1; its high half, the XOF length, is kept). Node j's 64-byte digest goes to
   * {@code out} at {@code outOffset + 64·j}. All {@link #MAX_NODES} lanes are computed whatever
   * the count: loops of a constant length are the ones the JIT vectorizes best, and SEAL's blocks
   * are always 64 nodes.
   */
  void hash(
      long[] parameterBlock, int firstOffset, int count, long[] words, byte[] out, int outOffset) {
    if (count < 1 || count > MAX_NODES) {
      throw new IllegalArgumentException("between 1 and " + MAX_NODES + " nodes: " + count);
    }
    long xofHalf = parameterBlock[1] & 0xFFFFFFFF00000000L;
    for (int i = 0; i < 8; i++) {
      Arrays.fill(v[i], IV[i] ^ parameterBlock[i]);
    }
    for (int node = 0; node < MAX_NODES; node++) {
      offsetWords[node] = IV[1] ^ (xofHalf | ((firstOffset + node) & 0xFFFFFFFFL));
    }
    System.arraycopy(offsetWords, 0, v[1], 0, MAX_NODES);
    // a single, final block of 64 message bytes
    Arrays.fill(v[8], IV[0]);
    Arrays.fill(v[9], IV[1]);
    Arrays.fill(v[10], IV[2]);
    Arrays.fill(v[11], IV[3]);
    Arrays.fill(v[12], IV[4] ^ Blake2bCore.OUT_BYTES);
    Arrays.fill(v[13], IV[5]);
    Arrays.fill(v[14], ~IV[6]);
    Arrays.fill(v[15], IV[7]);
    System.arraycopy(words, 0, m, 0, 8);
    Arrays.fill(m, 8, 16, 0L);

    for (int round = 0; round < 12; round++) {
      int[] s = SIGMA[round % 10];
      g(0, 4, 8, 12, m[s[0]], m[s[1]]);
      g(1, 5, 9, 13, m[s[2]], m[s[3]]);
      g(2, 6, 10, 14, m[s[4]], m[s[5]]);
      g(3, 7, 11, 15, m[s[6]], m[s[7]]);
      g(0, 5, 10, 15, m[s[8]], m[s[9]]);
      g(1, 6, 11, 12, m[s[10]], m[s[11]]);
      g(2, 7, 8, 13, m[s[12]], m[s[13]]);
      g(3, 4, 9, 14, m[s[14]], m[s[15]]);
    }

    for (int i = 0; i < 8; i++) {
      long[] low = v[i];
      long[] high = v[i + 8];
      long chain = IV[i] ^ parameterBlock[i];
      int at = outOffset + 8 * i;
      for (int node = 0; node < count; node++) {
        long h = i == 1 ? offsetWords[node] : chain;
        LE_LONG.set(out, at + Blake2bCore.OUT_BYTES * node, h ^ low[node] ^ high[node]);
      }
    }
  }

  /** BLAKE2b's G on words a, b, c, d of every node, with message words x and y. */
  private void g(int a, int b, int c, int d, long x, long y) {
    long[] va = v[a];
    long[] vb = v[b];
    long[] vc = v[c];
    long[] vd = v[d];
    for (int l = 0; l < MAX_NODES; l++) {
      long wa = va[l] + vb[l] + x;
      long wd = Long.rotateRight(vd[l] ^ wa, 32);
      long wc = vc[l] + wd;
      long wb = Long.rotateRight(vb[l] ^ wc, 24);
      wa += wb + y;
      wd = Long.rotateRight(wd ^ wa, 16);
      wc += wd;
      va[l] = wa;
      vb[l] = Long.rotateRight(wb ^ wc, 63);
      vc[l] = wc;
      vd[l] = wd;
    }
  }

  /** Clears the working state (it held key-dependent values). */
  void wipe() {
    for (long[] word : v) {
      Arrays.fill(word, 0L);
    }
    Arrays.fill(m, 0L);
  }
}
