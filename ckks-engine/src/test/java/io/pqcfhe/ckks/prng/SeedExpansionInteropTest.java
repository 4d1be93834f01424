package io.pqcfhe.ckks.prng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pqcfhe.ckks.seal.NodeSeal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The golden test of the PRNG: SEAL writes seeded objects as (first polynomial, seed); expanding
 * the seed with our PRNG and sampler must give exactly the second polynomial SEAL writes when it
 * saves the same object un-seeded. The SEAL layout is read here by fixed offsets on purpose,
 * independently of our codec.
 */
class SeedExpansionInteropTest {

  private static final int N = 4096;
  // Ciphertext save: 16-byte header, 73 bytes of metadata, then the nested array (16-byte header,
  // count).
  private static final int ARRAY_COUNT_OFFSET = 16 + 73 + 16;
  private static NodeSeal seal;
  private static long[] moduli;

  @BeforeAll
  static void start() {
    seal = NodeSeal.start(N, 40, 20, 40);
    moduli = seal.moduli();
  }

  @AfterAll
  static void stop() {
    seal.close();
  }

  @Test
  void symmetricSeededCiphertextExpandsToSealsSecondPolynomial() {
    Map<String, String> keys = seal.call("keygen");
    String seeded =
        seal.call(
                "encrypt",
                "values",
                "1.5,-2,3",
                "scale",
                "1048576",
                "secretKey",
                keys.get("secretKey"),
                "seeded",
                "true")
            .get("ciphertext");
    String full = seal.call("resave", "type", "ciphertext", "data", seeded).get("data");
    // A fresh ciphertext lives at the first data level: all primes but the special one.
    assertExpandsTo(
        NodeSeal.bytes(seeded), NodeSeal.bytes(full), Arrays.copyOf(moduli, moduli.length - 1));
  }

  @Test
  void seededPublicKeyExpandsToSealsSecondPolynomial() {
    Map<String, String> keys = seal.call("keygen");
    String full =
        seal.call("resave", "type", "publicKey", "data", keys.get("publicKeySeeded")).get("data");
    assertExpandsTo(NodeSeal.bytes(keys.get("publicKeySeeded")), NodeSeal.bytes(full), moduli);
  }

  private static void assertExpandsTo(byte[] seeded, byte[] full, long[] levelModuli) {
    ByteBuffer s = ByteBuffer.wrap(seeded).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer f = ByteBuffer.wrap(full).order(ByteOrder.LITTLE_ENDIAN);
    int polyWords = levelModuli.length * N;
    assertEquals(polyWords, s.getLong(ARRAY_COUNT_OFFSET), "seeded form holds one polynomial");
    assertEquals(2L * polyWords, f.getLong(ARRAY_COUNT_OFFSET), "full form holds two");

    int seedInfo = ARRAY_COUNT_OFFSET + 8 + polyWords * 8;
    assertEquals(16 + 1 + 64, seeded.length - seedInfo, "seed info: header, type, seed");
    assertEquals(PrngType.BLAKE2XB.code(), seeded[seedInfo + 16]);
    PrngSeed seed = PrngSeed.of(Arrays.copyOfRange(seeded, seedInfo + 17, seedInfo + 17 + 64));

    long[] expanded = new long[polyWords];
    UniformModSampler.sample(SealPrng.create(PrngType.BLAKE2XB, seed), levelModuli, N, expanded, 0);

    long[] second = new long[polyWords];
    f.position(ARRAY_COUNT_OFFSET + 8 + polyWords * 8);
    f.asLongBuffer().get(second);
    assertArrayEquals(second, expanded);

    // The first polynomial is carried over unchanged.
    assertArrayEquals(
        Arrays.copyOfRange(seeded, ARRAY_COUNT_OFFSET + 8, seedInfo),
        Arrays.copyOfRange(full, ARRAY_COUNT_OFFSET + 8, seedInfo));
  }
}
