package io.pqcfhe.ckks.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pqcfhe.ckks.ckks.CkksContext;
import io.pqcfhe.ckks.ckks.CkksEncoder;
import io.pqcfhe.ckks.ckks.CkksEvaluator;
import io.pqcfhe.ckks.params.CkksParameters;
import io.pqcfhe.ckks.rlwe.Ciphertext;
import io.pqcfhe.ckks.rlwe.Encryptor;
import io.pqcfhe.ckks.rlwe.GaloisKeys;
import io.pqcfhe.ckks.rlwe.KeyGenerator;
import io.pqcfhe.ckks.rlwe.PublicKey;
import io.pqcfhe.ckks.rlwe.RelinKeys;
import io.pqcfhe.ckks.rlwe.SecretKey;
import io.pqcfhe.ckks.security.SecurityLevel;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** Engine objects through SEAL records and bytes and back, without SEAL in the loop. */
class SealObjectsTest {

  private static final CkksParameters PARAMS =
      CkksParameters.create(4096, new int[] {40, 20, 40}, 0x1p20, SecurityLevel.BITS_128);
  private final CkksContext context = new CkksContext(PARAMS);
  private final SealObjects objects = new SealObjects(PARAMS, 64L << 20);
  private final SecureRandom random = new SecureRandom();
  private final KeyGenerator keygen = new KeyGenerator(context.rns(), random);
  private final SecretKey sk = keygen.secretKey();

  @Test
  void ciphertextsKeepValuesLevelScaleAndSeed() {
    CkksEncoder encoder = new CkksEncoder(context);
    Ciphertext seeded =
        Encryptor.withSecretKey(context.rns(), sk, random)
            .encryptSymmetric(encoder.encode(new double[] {1, 2}, context.maxLevel(), 0x1p20));
    for (ComprMode mode : ComprMode.values()) {
      byte[] bytes = objects.save(seeded, mode);
      SealCiphertext record = objects.codec().loadCiphertext(bytes);
      assertNotNull(record.seed());
      Ciphertext back = objects.loadCiphertext(bytes);
      assertEquals(seeded.level(), back.level());
      assertEquals(seeded.scale(), back.scale());
      assertArrayEquals(seeded.copyData(), back.copyData());
    }
    CkksEvaluator evaluator = new CkksEvaluator(context, keygen.relinKeys(sk), null);
    Ciphertext rescaled = evaluator.multiplyRelinRescaleNew(seeded, seeded);
    SealCiphertext record = objects.toSeal(rescaled);
    assertNull(record.seed(), "a computed ciphertext has no seed");
    assertEquals(objects.chain().levels().get(2).parmsId(), record.parmsId());
    assertArrayEquals(rescaled.copyData(), objects.fromSeal(record).copyData());
  }

  @Test
  void saveSizeIsTheLengthOfTheSavedBytes() {
    CkksEncoder encoder = new CkksEncoder(context);
    Ciphertext seeded =
        Encryptor.withSecretKey(context.rns(), sk, random)
            .encryptSymmetric(encoder.encode(new double[] {1, 2}, context.maxLevel(), 0x1p20));
    Ciphertext fresh =
        Encryptor.withPublicKey(context.rns(), keygen.publicKey(sk), random)
            .encrypt(encoder.encode(new double[] {3}, context.maxLevel(), 0x1p20));
    CkksEvaluator evaluator = new CkksEvaluator(context, keygen.relinKeys(sk), null);
    Ciphertext unrelinearized = evaluator.multiplyNew(fresh, fresh);
    Ciphertext rescaled = evaluator.multiplyRelinRescaleNew(fresh, fresh);
    for (Ciphertext ct : new Ciphertext[] {seeded, fresh, unrelinearized, rescaled}) {
      for (ComprMode mode : ComprMode.values()) {
        assertEquals(objects.save(ct, mode).length, objects.saveSize(ct, mode), mode + ", size " + ct.size());
      }
    }
  }

  @Test
  void keysRoundTrip() {
    PublicKey pk = keygen.publicKey(sk);
    PublicKey pkBack = objects.loadPublicKey(objects.save(pk, ComprMode.ZSTD));
    assertArrayEquals(pk.data(), pkBack.data());
    assertEquals(pk.seed(), pkBack.seed());

    SecretKey skBack = objects.loadSecretKey(objects.save(sk, ComprMode.ZLIB));
    assertArrayEquals(sk.copyValues(), skBack.copyValues());

    RelinKeys rk = keygen.relinKeys(sk);
    RelinKeys rkBack = objects.loadRelinKeys(objects.save(rk, ComprMode.NONE));
    for (int j = 0; j < rk.key().size(); j++) {
      assertArrayEquals(rk.key().parts().get(j).data(), rkBack.key().parts().get(j).data());
    }

    int[] elements = {context.rns().galoisElementForStep(1), context.rns().conjugationElement()};
    GaloisKeys gk = keygen.galoisKeys(sk, elements);
    SealKeySwitchKeys record = objects.toSeal(gk);
    assertEquals(4096, record.keys().size());
    GaloisKeys gkBack = objects.loadGaloisKeys(objects.save(gk, ComprMode.ZSTD));
    assertEquals(gk.elements(), gkBack.elements());
    for (int g : elements) {
      assertArrayEquals(gk.get(g).parts().get(1).data(), gkBack.get(g).parts().get(1).data());
    }
  }

  @Test
  void recordsOfOtherParametersAreRefused() {
    CkksParameters other =
        CkksParameters.create(4096, new int[] {40, 29, 40}, 0x1p20, SecurityLevel.BITS_128);
    SealObjects foreign = new SealObjects(other, 64L << 20);
    KeyGenerator otherKeygen = new KeyGenerator(new CkksContext(other).rns(), random);
    PublicKey pk = otherKeygen.publicKey(otherKeygen.secretKey());
    byte[] bytes = foreign.save(pk, ComprMode.NONE);
    assertEquals(
        SealFormatException.Reason.PARMS_MISMATCH,
        assertThrows(SealFormatException.class, () -> objects.loadPublicKey(bytes)).reason());
    assertEquals(
        SealFormatException.Reason.PARMS_MISMATCH,
        assertThrows(SealFormatException.class, () -> objects.publicKeyFromSeal(foreign.toSeal(pk)))
            .reason());
  }
}
