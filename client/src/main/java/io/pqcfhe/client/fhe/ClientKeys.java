package io.pqcfhe.client.fhe;

import io.pqcfhe.ckks.ckks.CkksContext;
import io.pqcfhe.ckks.ckks.CkksEncoder;
import io.pqcfhe.ckks.params.CkksParameters;
import io.pqcfhe.ckks.rlwe.Ciphertext;
import io.pqcfhe.ckks.rlwe.Decryptor;
import io.pqcfhe.ckks.rlwe.Encryptor;
import io.pqcfhe.ckks.rlwe.KeyGenerator;
import io.pqcfhe.ckks.rlwe.PublicKey;
import io.pqcfhe.ckks.rlwe.SecretKey;
import io.pqcfhe.ckks.seal.ComprMode;
import io.pqcfhe.ckks.seal.SealObjects;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * CKKS keys made and kept by the client. The secret key stays in this object and is wiped by {@link
 * #close()}; only the public key, the relinearization keys and the Galois keys are ever serialized (SEAL
 * bytes, seeded form, zstd: the smallest upload SEAL reads).
 *
 * <p>Thread-safe: encryption and decryption are serialized. Key generation is CPU work (about a second for the reference parameters with a few Galois keys): do
 * not create one on an event loop.
 */
public final class ClientKeys implements AutoCloseable {
  /** The cap on one SEAL object the client loads from the server (a ciphertext of the largest degree). */
  private static final long MAX_OBJECT_BYTES = 64L << 20;

  private final CkksParameters parameters;
  private final CkksContext ckks;
  private final CkksEncoder encoder;
  private final SealObjects seal;
  private final SecretKey secretKey;
  private final Encryptor encryptor;
  private final Decryptor decryptor;
  private final byte[] publicKeyBytes;
  private final byte[] relinKeyBytes;
  private final byte[] galoisKeyBytes;

  private ClientKeys(FheParameters requested, int[] rotationSteps, SecureRandom random) {
    this.parameters = requested.engineParameters();
    this.ckks = new CkksContext(parameters);
    this.encoder = new CkksEncoder(ckks);
    this.seal = new SealObjects(parameters, MAX_OBJECT_BYTES);
    KeyGenerator keygen = new KeyGenerator(ckks.rns(), random);
    this.secretKey = keygen.secretKey();
    try {
      PublicKey publicKey = keygen.publicKey(secretKey);
      this.publicKeyBytes = seal.save(publicKey, ComprMode.ZSTD);
      this.relinKeyBytes = seal.save(keygen.relinKeys(secretKey), ComprMode.ZSTD);
      this.galoisKeyBytes =
          rotationSteps.length == 0
              ? null
              : seal.save(keygen.galoisKeys(secretKey, KeyGenerator.galoisElementsForSteps(ckks.rns(), rotationSteps, false)), ComprMode.ZSTD);
      this.encryptor = Encryptor.withPublicKey(ckks.rns(), publicKey, random);
      this.decryptor = new Decryptor(ckks.rns(), secretKey);
    } catch (RuntimeException e) {
      secretKey.destroy();
      throw e;
    }
  }

  /**
   * Generates a secret key, its public key, relinearization keys and, for each of {@code rotationSteps}
   * (SEAL's direction; none: no Galois keys), a Galois key.
   */
  public static ClientKeys generate(FheParameters parameters, int[] rotationSteps, SecureRandom random) {
    return new ClientKeys(parameters, rotationSteps.clone(), random);
  }

  /** SEAL's parms_id of the parameter set, lowercase hex, as {@code fhe.setup} must report it. */
  public String parmsId() {
    return seal.parmsId().hex();
  }

  public int slotCount() {
    return ckks.slotCount();
  }

  byte[] publicKeyBytes() {
    return publicKeyBytes.clone();
  }

  byte[] relinKeyBytes() {
    return relinKeyBytes.clone();
  }

  /** Null when no rotation steps were asked for. */
  byte[] galoisKeyBytes() {
    return galoisKeyBytes == null ? null : galoisKeyBytes.clone();
  }

  /** Encodes {@code values} in the slots at the parameters' scale and encrypts them with the public key. */
  public synchronized byte[] encrypt(double[] values) {
    if (values.length == 0 || values.length > ckks.slotCount()) {
      throw new IllegalArgumentException("between 1 and " + ckks.slotCount() + " values");
    }
    Ciphertext ct = encryptor.encrypt(encoder.encode(values, ckks.maxLevel(), parameters.defaultScale()));
    return seal.save(ct, ComprMode.ZSTD);
  }

  /** Loads SEAL bytes with the engine's validation (format, sizes, parms_id of these parameters). */
  public Ciphertext load(byte[] sealBytes) {
    return seal.loadCiphertext(sealBytes);
  }

  /** Decrypts and decodes; returns the first {@code count} slots. */
  public synchronized double[] decrypt(byte[] sealBytes, int count) {
    if (secretKey.isDestroyed()) {
      throw new IllegalStateException("the keys were closed");
    }
    double[] slots = encoder.decode(decryptor.decrypt(load(sealBytes)));
    return Arrays.copyOf(slots, Math.min(count, slots.length));
  }

  /** Wipes the secret key. */
  @Override
  public void close() {
    secretKey.destroy();
  }
}
