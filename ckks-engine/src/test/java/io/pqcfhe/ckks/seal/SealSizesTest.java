package io.pqcfhe.ckks.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SEAL's uncompressed sizes for N = 8192 [60, 40, 40, 60], as SEAL 4.1.2 writes them. */
class SealSizesTest {

  private static final SyntheticObjects REF = SyntheticObjects.reference();
  private static final SealCodec CODEC = new SealCodec(REF.chain, 1L << 30);

  @Test
  void ciphertextsAndPublicKeys() {
    SealLevel first = REF.chain.firstDataLevel();
    SealLevel afterRescale = REF.chain.levels().get(2);
    assertEquals(393_329, CODEC.save(REF.ciphertext(first, 2, 1 << 30), ComprMode.NONE).length);
    assertEquals(
        262_257, CODEC.save(REF.ciphertext(afterRescale, 2, 1 << 30), ComprMode.NONE).length);
    assertEquals(196_802, CODEC.save(REF.seeded(first, 1 << 30), ComprMode.NONE).length);
    assertEquals(
        524_401, CODEC.save(REF.ciphertext(REF.chain.keyLevel(), 2, 1.0), ComprMode.NONE).length);
  }

  @Test
  void relinKeys() {
    assertEquals(
        1_573_267, CODEC.save(REF.keySwitchKeys(1, new int[] {0}, false), ComprMode.NONE).length);
    assertEquals(
        787_078, CODEC.save(REF.keySwitchKeys(1, new int[] {0}, true), ComprMode.NONE).length);
  }

  @Test
  void defaultGaloisKeys() {
    // 24 keys; every entry shares one key (the size does not depend on the values).
    for (boolean seeded : new boolean[] {false, true}) {
      SealKeySwitchKeys one = REF.keySwitchKeys(1, new int[] {0}, seeded);
      List<List<SealCiphertext>> keys =
          new java.util.ArrayList<>(Collections.nCopies(8192, List.of()));
      for (int i = 0; i < 24; i++) {
        keys.set(i * 7, one.keys().get(0));
      }
      byte[] saved = CODEC.save(new SealKeySwitchKeys(one.parmsId(), keys), ComprMode.NONE);
      assertEquals(seeded ? 18_953_928 : 37_822_464, saved.length);
    }
  }
}
