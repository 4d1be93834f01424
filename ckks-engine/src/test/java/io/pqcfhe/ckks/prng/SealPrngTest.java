package io.pqcfhe.ckks.prng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHAKEDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SealPrngTest {

  private static final PrngSeed SEED = PrngSeed.of(UniformModSamplerTest.sequence(64));

  @ParameterizedTest
  @EnumSource(PrngType.class)
  void theStreamDoesNotDependOnHowItIsRead(PrngType type) {
    byte[] whole = new byte[3 * 4096 + 100];
    SealPrng.create(type, SEED).nextBytes(whole, 0, whole.length);

    SealPrng pieces = SealPrng.create(type, SEED);
    byte[] assembled = new byte[whole.length];
    int pos = 0;
    for (int step = 1; pos < whole.length; step = step * 3 + 1) {
      int len = Math.min(step, whole.length - pos);
      pieces.nextBytes(assembled, pos, len);
      pos += len;
    }
    assertArrayEquals(whole, assembled);

    SealPrng longs = SealPrng.create(type, SEED);
    longs.nextBytes(new byte[3], 0, 3);
    for (int i = 3; i + 8 <= whole.length; i += 8) {
      assertEquals(Blake2bCore.littleEndianLong(whole, i), longs.nextLong(), "word at " + i);
    }

    // in bulk, across block ends, from an offset that is not a multiple of 8
    SealPrng bulk = SealPrng.create(type, SEED);
    bulk.nextBytes(new byte[3], 0, 3);
    long[] values = new long[(whole.length - 3) / 8 + 2];
    bulk.nextLongs(values, 1, 700);
    bulk.nextLongs(values, 701, values.length - 702);
    for (int v = 1; v < values.length - 1; v++) {
      assertEquals(Blake2bCore.littleEndianLong(whole, 3 + 8 * (v - 1)), values[v], "value " + v);
    }
    assertEquals(0, values[0]);
    assertEquals(0, values[values.length - 1]);
  }

  @Test
  void blake2xbBlocksDifferByCounterAndSeed() {
    byte[] two = new byte[8192];
    SealPrng.create(PrngType.BLAKE2XB, SEED).nextBytes(two, 0, two.length);
    assertNotEquals(
        Arrays.toString(Arrays.copyOf(two, 4096)),
        Arrays.toString(Arrays.copyOfRange(two, 4096, 8192)));
    byte[] other = new byte[4096];
    SealPrng.fresh(new SecureRandom()).nextBytes(other, 0, other.length);
    assertNotEquals(Arrays.toString(Arrays.copyOf(two, 4096)), Arrays.toString(other));
  }

  /**
   * node-seal only writes Blake2xb seeds, so SHAKE256 is checked against its definition in SEAL.
   */
  @Test
  void shake256BlockIsShakeOfSeedAndCounter() {
    byte[] stream = new byte[2 * 4096];
    SealPrng.create(PrngType.SHAKE256, SEED).nextBytes(stream, 0, stream.length);
    for (int counter = 0; counter < 2; counter++) {
      byte[] input = Arrays.copyOf(SEED.bytes(), 72);
      input[64] = (byte) counter;
      SHAKEDigest shake = new SHAKEDigest(256);
      shake.update(input, 0, input.length);
      byte[] expected = new byte[4096];
      shake.doFinal(expected, 0, expected.length);
      assertArrayEquals(expected, Arrays.copyOfRange(stream, counter * 4096, (counter + 1) * 4096));
    }
  }

  @Test
  void typesAndSeedsAreChecked() {
    assertEquals(PrngType.BLAKE2XB, PrngType.fromCode(1));
    assertEquals(PrngType.SHAKE256, PrngType.fromCode(2));
    assertNull(PrngType.fromCode(0));
    assertNull(PrngType.fromCode(3));
    assertThrows(IllegalArgumentException.class, () -> PrngSeed.of(new byte[63]));
    byte[] raw = UniformModSamplerTest.sequence(64);
    PrngSeed seed = PrngSeed.of(raw);
    raw[0] = 99;
    assertEquals(SEED, seed);
    assertEquals(PrngType.BLAKE2XB, SealPrng.fresh(new SecureRandom()).type());
  }
}
