package io.pqcfhe.ckks.prng;

/**
 * BLAKE2Xb, the extendable-output mode of BLAKE2b (Aumasson et al., "BLAKE2X", 2016): a keyed
 * BLAKE2b root hash whose parameter block carries the requested output length, then one BLAKE2b of
 * that root per 64-byte output block, each with its own node offset.
 *
 * <p>Only the output lengths SEAL uses are needed here (a multiple of 64 bytes, at most 2^32 − 2).
 * Not thread-safe.
 */
final class Blake2xb {

  private final Blake2bCore core = new Blake2bCore();
  private final Blake2bNodes nodes = new Blake2bNodes();
  private final long[] params = new long[8];
  private final byte[] root = new byte[Blake2bCore.OUT_BYTES];
  private final long[] rootWords = new long[Blake2bCore.OUT_BYTES / Long.BYTES];

  /** Fills {@code out} (its whole length) with BLAKE2Xb(key, message). */
  void generate(byte[] key, byte[] message, int messageLength, byte[] out) {
    int xofLength = out.length;
    if (xofLength == 0 || xofLength % Blake2bCore.OUT_BYTES != 0) {
      throw new IllegalArgumentException("output length must be a positive multiple of 64");
    }
    if (key.length > Blake2bCore.OUT_BYTES) {
      throw new IllegalArgumentException("key longer than 64 bytes");
    }
    // Root: digest length 64, key length, fanout 1, depth 1, leaf length 0; node offset 0 and the
    // XOF length in the second word; node depth 0, inner length 0.
    params[0] = Blake2bCore.OUT_BYTES | (long) key.length << 8 | 1L << 16 | 1L << 24;
    params[1] = (xofLength & 0xFFFFFFFFL) << 32;
    params[2] = 0;
    core.hash(params, key, message, messageLength, root, 0, Blake2bCore.OUT_BYTES);

    // Output nodes: unkeyed, fanout 0, depth 0, leaf length 64, node offset i, the same XOF length,
    // node depth 0, inner length 64; each hashes the root. They are independent: computed side by
    // side, up to 64 at a time.
    params[0] = Blake2bCore.OUT_BYTES | (long) Blake2bCore.OUT_BYTES << 32;
    params[1] = (xofLength & 0xFFFFFFFFL) << 32;
    params[2] = (long) Blake2bCore.OUT_BYTES << 8;
    int blocks = xofLength / Blake2bCore.OUT_BYTES;
    for (int w = 0; w < 8; w++) {
      rootWords[w] = Blake2bCore.littleEndianLong(root, 8 * w);
    }
    for (int first = 0; first < blocks; first += Blake2bNodes.MAX_NODES) {
      int count = Math.min(Blake2bNodes.MAX_NODES, blocks - first);
      nodes.hash(params, first, count, rootWords, out, first * Blake2bCore.OUT_BYTES);
    }
    java.util.Arrays.fill(root, (byte) 0);
    java.util.Arrays.fill(rootWords, 0L);
    core.wipe();
    nodes.wipe();
  }
}
