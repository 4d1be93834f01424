package io.pqcfhe.ckks.prng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our BLAKE2b core must agree with BouncyCastle on every parameter block BouncyCastle can express.
 */
class Blake2bCoreTest {

  @ParameterizedTest(name = "key {0} bytes, message {1} bytes, digest {2} bytes")
  @CsvSource({
    "0, 0, 64", "0, 1, 64", "0, 127, 64", "0, 128, 64", "0, 129, 64", "0, 300, 32",
    "64, 0, 64", "64, 8, 64", "64, 128, 64", "64, 257, 64", "17, 3, 20", "1, 1000, 48"
  })
  void matchesBouncyCastle(int keyLength, int messageLength, int digestLength) {
    Random random = new Random(31L * keyLength + messageLength);
    byte[] key = new byte[keyLength];
    byte[] message = new byte[messageLength];
    random.nextBytes(key);
    random.nextBytes(message);

    Blake2bDigest bc = new Blake2bDigest(keyLength == 0 ? null : key, digestLength, null, null);
    bc.update(message, 0, message.length);
    byte[] expected = new byte[digestLength];
    bc.doFinal(expected, 0);

    long[] params = new long[8];
    params[0] = digestLength | (long) keyLength << 8 | 1L << 16 | 1L << 24;
    byte[] actual = new byte[digestLength];
    new Blake2bCore().hash(params, key, message, message.length, actual, 0, digestLength);

    assertArrayEquals(expected, actual);
  }
}
