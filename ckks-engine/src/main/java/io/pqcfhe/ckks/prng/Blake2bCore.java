package io.pqcfhe.ckks.prng;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The BLAKE2b compression function (RFC 7693) driven by an explicit 64-byte parameter block.
 *
 * <p>Why not BouncyCastle's {@code Blake2bDigest}: its public constructors fix fanout = depth = 1 and
 * leave node offset, XOF length, node depth and inner length at zero. BLAKE2Xb needs all of those in the
 * parameter block (they enter the initial chaining value, which salt and personalization cannot reach),
 * and BouncyCastle ships no BLAKE2Xb. This class is the smallest core that lets {@link Blake2xb} build
 * them; it is checked against BouncyCastle for every ordinary parameter block in the tests.
 *
 * <p>Not thread-safe; instances are cheap and meant to be confined to one PRNG.
 */
final class Blake2bCore {

    static final int BLOCK_BYTES = 128;
    static final int OUT_BYTES = 64;

    private static final VarHandle LE_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long[] IV = {
        0x6a09e667f3bcc908L, 0xbb67ae8584caa73bL, 0x3c6ef372fe94f82bL, 0xa54ff53a5f1d36f1L,
        0x510e527fade682d1L, 0x9b05688c2b3e6c1fL, 0x1f83d9abfb41bd6bL, 0x5be0cd19137e2179L
    };

    private static final byte[][] SIGMA = {
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
        {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
        {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
        {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
        {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
        {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
        {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
        {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
        {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
        {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
    };

    private final long[] h = new long[8];
    private final long[] v = new long[16];
    private final long[] m = new long[16];
    private final byte[] block = new byte[BLOCK_BYTES];
    private long bytesCompressed;

    /**
     * Hashes {@code message} under the given parameter block (eight little-endian words: digest and key
     * length, fanout, depth, leaf length; node offset and XOF length; node depth and inner length;
     * reserved; salt; personalization). A non-empty key is processed as a zero-padded first block, as
     * BLAKE2 specifies; the key length must already be in the parameter block.
     */
    void hash(long[] parameterBlock, byte[] key, byte[] message, int messageLength,
              byte[] out, int outOffset, int outLength) {
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

    private void compress(boolean last) {
        for (int i = 0; i < 16; i++) {
            m[i] = littleEndianLong(block, i * 8);
        }
        System.arraycopy(h, 0, v, 0, 8);
        System.arraycopy(IV, 0, v, 8, 8);
        v[12] ^= bytesCompressed;
        // The high counter word stays zero: no message here comes near 2^64 bytes.
        if (last) {
            v[14] = ~v[14];
        }
        for (byte[] s : SIGMA) {
            g(0, 4, 8, 12, m[s[0]], m[s[1]]);
            g(1, 5, 9, 13, m[s[2]], m[s[3]]);
            g(2, 6, 10, 14, m[s[4]], m[s[5]]);
            g(3, 7, 11, 15, m[s[6]], m[s[7]]);
            g(0, 5, 10, 15, m[s[8]], m[s[9]]);
            g(1, 6, 11, 12, m[s[10]], m[s[11]]);
            g(2, 7, 8, 13, m[s[12]], m[s[13]]);
            g(3, 4, 9, 14, m[s[14]], m[s[15]]);
        }
        // BLAKE2b runs 12 rounds: the first two permutations are used again.
        for (int r = 0; r < 2; r++) {
            byte[] s = SIGMA[r];
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
            h[i] ^= v[i] ^ v[i + 8];
        }
    }

    private void g(int a, int b, int c, int d, long x, long y) {
        v[a] += v[b] + x;
        v[d] = Long.rotateRight(v[d] ^ v[a], 32);
        v[c] += v[d];
        v[b] = Long.rotateRight(v[b] ^ v[c], 24);
        v[a] += v[b] + y;
        v[d] = Long.rotateRight(v[d] ^ v[a], 16);
        v[c] += v[d];
        v[b] = Long.rotateRight(v[b] ^ v[c], 63);
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
