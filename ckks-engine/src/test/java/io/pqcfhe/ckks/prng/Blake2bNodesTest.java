package io.pqcfhe.ckks.prng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Side by side, each node's digest must be the one-node compression's (itself checked against BouncyCastle). */
class Blake2bNodesTest {

  @ParameterizedTest(name = "{1} nodes from offset {0}")
  @CsvSource({"0, 1", "0, 7", "0, 64", "60, 64", "4294967280, 33"})
  void everyNodeIsTheBlake2bOfItsParameterBlock(long firstOffset, int count) {
    Random random = new Random(firstOffset * 131 + count);
    long[] words = new long[8];
    byte[] message = new byte[64];
    for (int i = 0; i < 8; i++) {
      words[i] = random.nextLong();
      for (int b = 0; b < 8; b++) {
        message[8 * i + b] = (byte) (words[i] >>> (8 * b));
      }
    }
    long[] params = new long[8];
    for (int i = 0; i < 8; i++) {
      params[i] = random.nextLong();
    }
    params[0] = 64 | (long) 64 << 32; // digest length 64, no key, fanout and depth 0, leaf length 64

    byte[] together = new byte[64 * count + 5];
    new Blake2bNodes().hash(params, (int) firstOffset, count, words, together, 5);

    for (int node = 0; node < count; node++) {
      long[] own = params.clone();
      own[1] = (params[1] & 0xFFFFFFFF00000000L) | ((firstOffset + node) & 0xFFFFFFFFL);
      byte[] alone = new byte[64];
      new Blake2bCore().hash(own, new byte[0], message, message.length, alone, 0, 64);
      assertArrayEquals(alone, Arrays.copyOfRange(together, 5 + 64 * node, 5 + 64 * (node + 1)), "node " + node);
    }
  }

  @Test
  void nodeCountsOutsideTheLanesAreRefused() {
    Blake2bNodes nodes = new Blake2bNodes();
    long[] params = new long[8];
    assertThrows(IllegalArgumentException.class, () -> nodes.hash(params, 0, 0, new long[8], new byte[64], 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> nodes.hash(params, 0, Blake2bNodes.MAX_NODES + 1, new long[8], new byte[64 * 65], 0));
  }
}
