package io.pqcfhe.crypto.bc;

import static io.pqcfhe.crypto.bc.Wycheproof.ACCEPTED;
import static io.pqcfhe.crypto.bc.Wycheproof.REJECTED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.crypto.Encapsulation;
import io.pqcfhe.crypto.InvalidKeyMaterialException;
import io.pqcfhe.crypto.MlKemKeyPair;
import io.pqcfhe.crypto.MlKemParameterSet;
import io.pqcfhe.crypto.SecretBytes;
import java.security.SecureRandom;
import java.util.stream.Stream;
import org.bouncycastle.crypto.kems.MLKEMGenerator;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPublicKeyParameters;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** ML-KEM against Wycheproof: decapsulation from seeds, and encapsulation including modulus-overflow keys. */
class MlKemWycheproofTest {

  @TestFactory
  Stream<DynamicTest> decapsulate512() {
    return decapsulation("mlkem_512_test.json");
  }

  @TestFactory
  Stream<DynamicTest> decapsulate768() {
    return decapsulation("mlkem_768_test.json");
  }

  @TestFactory
  Stream<DynamicTest> decapsulate1024() {
    return decapsulation("mlkem_1024_test.json");
  }

  @TestFactory
  Stream<DynamicTest> encapsulate512() {
    return encapsulation("mlkem_512_encaps_test.json");
  }

  @TestFactory
  Stream<DynamicTest> encapsulate768() {
    return encapsulation("mlkem_768_encaps_test.json");
  }

  @TestFactory
  Stream<DynamicTest> encapsulate1024() {
    return encapsulation("mlkem_1024_encaps_test.json");
  }

  /**
   * Records why we check the modulus ourselves although BouncyCastle 1.87 also refuses such keys: the
   * guarantee is part of our contract and must not depend on a library version.
   */
  @Test
  void bouncyCastleAloneAlsoRefusesModulusOverflow() {
    byte[] ek = new byte[MlKemParameterSet.ML_KEM_768.encapsulationKeyBytes()];
    ek[0] = (byte) 0xFF;
    ek[1] = (byte) 0x0F; // first coefficient 4095 >= q
    assertThrows(InvalidKeyMaterialException.class,
        () -> MlKem.checkEncapsulationKey(MlKemParameterSet.ML_KEM_768, ek));
    assertThrows(IllegalArgumentException.class, () -> new MLKEMGenerator(new SecureRandom())
        .generateEncapsulated(new MLKEMPublicKeyParameters(MLKEMParameters.ml_kem_768, ek)));
  }

  @Test
  void largestCoefficientBelowTheModulusIsAccepted() throws InvalidKeyMaterialException {
    byte[] ek = new byte[MlKemParameterSet.ML_KEM_512.encapsulationKeyBytes()];
    // Coefficients 3328 (0xD00) in both halves of every 3-byte group: 00 0D D0.
    for (int i = 0; i < 384 * 2; i += 3) {
      ek[i] = 0x00;
      ek[i + 1] = 0x0D;
      ek[i + 2] = (byte) 0xD0;
    }
    MlKem.checkEncapsulationKey(MlKemParameterSet.ML_KEM_512, ek);
    ek[2] = (byte) 0xD1; // second coefficient 3344
    assertThrows(InvalidKeyMaterialException.class, () -> MlKem.checkEncapsulationKey(MlKemParameterSet.ML_KEM_512, ek));
  }

  private static Stream<DynamicTest> decapsulation(String file) {
    return Wycheproof.cases(file, c -> {
      MlKemParameterSet set = parameterSet(c);
      byte[] seed = c.bytes("seed");
      if (seed.length != MlKemParameterSet.SEED_BYTES) {
        assertEquals("invalid", c.result(), "a badly sized seed must be an invalid case");
        assertThrows(IllegalArgumentException.class, () -> MlKem.keyPairFromSeed(set, SecretBytes.wrap(seed)));
        return REJECTED;
      }
      MlKemKeyPair keyPair = MlKem.keyPairFromSeed(set, SecretBytes.wrap(seed));
      if (c.has("ek")) {
        assertArrayEquals(c.bytes("ek"), keyPair.encapsulationKey(), "encapsulation key from seed");
      }
      byte[] ciphertext = c.bytes("c");
      if (!c.valid()) {
        assertThrows(InvalidKeyMaterialException.class, () -> MlKem.decapsulate(keyPair, ciphertext));
        return REJECTED;
      }
      try {
        assertArrayEquals(c.bytes("K"), MlKem.decapsulate(keyPair, ciphertext).revealCopy(), "shared secret");
      } catch (InvalidKeyMaterialException e) {
        throw new AssertionError("valid ciphertext refused", e);
      }
      return ACCEPTED;
    });
  }

  private static Stream<DynamicTest> encapsulation(String file) {
    return Wycheproof.cases(file, c -> {
      MlKemParameterSet set = parameterSet(c);
      byte[] ek = c.bytes("ek");
      byte[] m = c.bytes("m");
      if (!c.valid()) {
        assertThrows(InvalidKeyMaterialException.class, () -> MlKem.encapsulate(set, ek, m));
        assertThrows(InvalidKeyMaterialException.class, () -> MlKem.checkEncapsulationKey(set, ek));
        return REJECTED;
      }
      try {
        Encapsulation result = MlKem.encapsulate(set, ek, m);
        assertArrayEquals(c.bytes("c"), result.ciphertext(), "ciphertext");
        assertArrayEquals(c.bytes("K"), result.sharedSecret().revealCopy(), "shared secret");
        assertTrue(result.ciphertext().length == set.ciphertextBytes());
      } catch (InvalidKeyMaterialException e) {
        throw new AssertionError("valid encapsulation key refused", e);
      }
      return ACCEPTED;
    });
  }

  private static MlKemParameterSet parameterSet(Wycheproof.Case c) {
    return MlKemParameterSet.fromWire(c.group().getString("parameterSet"))
        .orElseThrow(() -> new AssertionError("unknown parameter set"));
  }
}
