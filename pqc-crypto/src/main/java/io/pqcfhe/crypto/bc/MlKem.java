package io.pqcfhe.crypto.bc;

import io.pqcfhe.crypto.Encapsulation;
import io.pqcfhe.crypto.InvalidKeyMaterialException;
import io.pqcfhe.crypto.MlKemKeyPair;
import io.pqcfhe.crypto.MlKemParameterSet;
import io.pqcfhe.crypto.SecretBytes;
import java.security.SecureRandom;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.kems.MLKEMExtractor;
import org.bouncycastle.crypto.kems.MLKEMGenerator;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLKEMPublicKeyParameters;

/**
 * ML-KEM (FIPS 203) on raw encodings through BouncyCastle's lightweight API, which returns the raw
 * 32-byte shared secret (the JCA route's convenience specs would run it through a KDF).
 *
 * <p>Every encapsulation key is checked as FIPS 203 §7.2 requires before use: exact length, and the
 * modulus check (each 12-bit coefficient of t̂ below q = 3329, i.e. ByteEncode12(ByteDecode12(ek)) = ek).
 * We do it ourselves rather than rely on the library's behaviour (BouncyCastle 1.87 happens to check
 * too). Decapsulation keys are kept as their 64-byte seed and expanded on use, so the §7.3 hash check of
 * an imported expanded key never arises; ciphertexts are checked for their exact length.
 */
public final class MlKem {
  /** The ML-KEM modulus q. */
  public static final int Q = 3329;

  /** The random message m of encapsulation (FIPS 203 Algorithm 20). */
  static final int MESSAGE_BYTES = 32;

  private static final int POLY_BYTES = 384;

  private MlKem() {}

  /** A fresh key pair (client side), kept as its 64-byte seed. */
  public static MlKemKeyPair generateKeyPair(MlKemParameterSet set, SecureRandom random) {
    byte[] seed = new byte[MlKemParameterSet.SEED_BYTES];
    random.nextBytes(seed);
    return keyPairFromSeed(set, SecretBytes.wrap(seed));
  }

  /** The key pair expanded from a 64-byte seed d ‖ z (FIPS 203 ML-KEM.KeyGen_internal). */
  public static MlKemKeyPair keyPairFromSeed(MlKemParameterSet set, SecretBytes seed) {
    if (seed.size() != MlKemParameterSet.SEED_BYTES) {
      throw new IllegalArgumentException("ML-KEM seed must be " + MlKemParameterSet.SEED_BYTES + " bytes");
    }
    MLKEMPrivateKeyParameters key = privateKey(set, seed);
    return new MlKemKeyPair(set, key.getPublicKey(), seed);
  }

  /**
   * FIPS 203 §7.2 encapsulation-key check: exact length and modulus check.
   *
   * @throws InvalidKeyMaterialException naming the failed check
   */
  public static void checkEncapsulationKey(MlKemParameterSet set, byte[] encapsulationKey)
      throws InvalidKeyMaterialException {
    if (encapsulationKey.length != set.encapsulationKeyBytes()) {
      throw new InvalidKeyMaterialException(
          set.wireName() + " encapsulation key must be " + set.encapsulationKeyBytes() + " bytes");
    }
    int end = POLY_BYTES * set.rank();
    for (int i = 0; i < end; i += 3) {
      int b0 = encapsulationKey[i] & 0xFF;
      int b1 = encapsulationKey[i + 1] & 0xFF;
      int b2 = encapsulationKey[i + 2] & 0xFF;
      int c0 = b0 | (b1 & 0x0F) << 8;
      int c1 = b1 >>> 4 | b2 << 4;
      if (c0 >= Q || c1 >= Q) {
        throw new InvalidKeyMaterialException(set.wireName() + " encapsulation key fails the modulus check");
      }
    }
  }

  /** Encapsulates to a checked encapsulation key: the ciphertext and the 32-byte shared secret. */
  public static Encapsulation encapsulate(MlKemParameterSet set, byte[] encapsulationKey, SecureRandom random)
      throws InvalidKeyMaterialException {
    checkEncapsulationKey(set, encapsulationKey);
    return result(new MLKEMGenerator(random).generateEncapsulated(publicKey(set, encapsulationKey)));
  }

  /** Deterministic encapsulation with a given m (FIPS 203 ML-KEM.Encaps_internal): for test vectors only. */
  static Encapsulation encapsulate(MlKemParameterSet set, byte[] encapsulationKey, byte[] m)
      throws InvalidKeyMaterialException {
    checkEncapsulationKey(set, encapsulationKey);
    if (m.length != MESSAGE_BYTES) {
      throw new IllegalArgumentException("ML-KEM message must be " + MESSAGE_BYTES + " bytes");
    }
    return result(MLKEMGenerator.internalGenerateEncapsulated(publicKey(set, encapsulationKey), m));
  }

  /**
   * Decapsulates a ciphertext of exactly the parameter set's length. A wrong ciphertext of the right
   * length yields the implicit-rejection secret, as FIPS 203 specifies, not an error.
   *
   * @throws InvalidKeyMaterialException when the ciphertext has the wrong length
   */
  public static SecretBytes decapsulate(MlKemKeyPair keyPair, byte[] ciphertext) throws InvalidKeyMaterialException {
    MlKemParameterSet set = keyPair.parameterSet();
    if (ciphertext.length != set.ciphertextBytes()) {
      throw new InvalidKeyMaterialException(set.wireName() + " ciphertext must be " + set.ciphertextBytes() + " bytes");
    }
    MLKEMPrivateKeyParameters key = privateKey(set, keyPair.seed());
    try {
      return SecretBytes.wrap(new MLKEMExtractor(key).extractSecret(ciphertext));
    } finally {
      key.destroy();
    }
  }

  private static Encapsulation result(SecretWithEncapsulation generated) {
    try {
      return new Encapsulation(generated.getEncapsulation(), SecretBytes.wrap(generated.getSecret()));
    } finally {
      try {
        generated.destroy();
      } catch (javax.security.auth.DestroyFailedException ignored) {
        // BouncyCastle's implementation wipes without failing; nothing secret is lost if it ever did not.
      }
    }
  }

  private static MLKEMPublicKeyParameters publicKey(MlKemParameterSet set, byte[] encapsulationKey) {
    return new MLKEMPublicKeyParameters(parameters(set), encapsulationKey);
  }

  private static MLKEMPrivateKeyParameters privateKey(MlKemParameterSet set, SecretBytes seed) {
    return seed.reveal(bytes -> new MLKEMPrivateKeyParameters(parameters(set), bytes));
  }

  private static MLKEMParameters parameters(MlKemParameterSet set) {
    return switch (set) {
      case ML_KEM_512 -> MLKEMParameters.ml_kem_512;
      case ML_KEM_768 -> MLKEMParameters.ml_kem_768;
      case ML_KEM_1024 -> MLKEMParameters.ml_kem_1024;
    };
  }
}
