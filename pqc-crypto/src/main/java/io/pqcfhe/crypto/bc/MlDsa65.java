package io.pqcfhe.crypto.bc;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.params.MLDSAParameters;
import org.bouncycastle.crypto.params.MLDSAPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLDSAPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.MLDSASigner;

/**
 * ML-DSA-65 (FIPS 204, pure, empty context) on raw encodings. BouncyCastle stays inside this package.
 *
 * <p>A signing key is kept as its 32-byte seed (FIPS 204 ξ), the compact form to store.
 */
public final class MlDsa65 {
  public static final int SEED_BYTES = 32;
  public static final int PUBLIC_KEY_BYTES = 1952;
  public static final int SIGNATURE_BYTES = 3309;

  private static final MLDSAParameters PARAMETERS = MLDSAParameters.ml_dsa_65;

  private MlDsa65() {}

  /** A signing key expanded from its seed; {@link #destroy()} wipes what BouncyCastle lets us reach. */
  public static final class SigningKey {
    private final MLDSAPrivateKeyParameters key;

    private SigningKey(MLDSAPrivateKeyParameters key) {
      this.key = key;
    }

    public byte[] publicKey() {
      return key.getPublicKey();
    }

    /** Hedged signature (fresh randomness per signature, as FIPS 204 recommends). */
    public byte[] sign(byte[] message, SecureRandom random) {
      MLDSASigner signer = new MLDSASigner();
      signer.init(true, new ParametersWithRandom(key, random));
      signer.update(message, 0, message.length);
      try {
        return signer.generateSignature();
      } catch (CryptoException e) {
        throw new IllegalStateException("ML-DSA-65 signing failed", e);
      }
    }

    public void destroy() {
      key.destroy();
    }
  }

  public static SigningKey fromSeed(byte[] seed) {
    if (seed.length != SEED_BYTES) {
      throw new IllegalArgumentException("ML-DSA-65 seed must be " + SEED_BYTES + " bytes");
    }
    return new SigningKey(new MLDSAPrivateKeyParameters(PARAMETERS, seed));
  }

  public static byte[] newSeed(SecureRandom random) {
    byte[] seed = new byte[SEED_BYTES];
    random.nextBytes(seed);
    return seed;
  }

  /** Verifies a signature over a message with a raw public key; false for any malformed input. */
  public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    if (publicKey.length != PUBLIC_KEY_BYTES || signature.length != SIGNATURE_BYTES) {
      return false;
    }
    MLDSASigner verifier = new MLDSASigner();
    verifier.init(false, new MLDSAPublicKeyParameters(PARAMETERS, Arrays.copyOf(publicKey, publicKey.length)));
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(signature);
  }
}
