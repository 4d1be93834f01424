package io.pqcfhe.ckks.rlwe;

import io.pqcfhe.ckks.error.MissingPublicKeyException;
import io.pqcfhe.ckks.ring.Modulus;
import io.pqcfhe.ckks.ring.RnsContext;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Encrypts plaintexts as SEAL 4.1: with the public key (an encryption of zero made one level above
 * the plaintext's level, then divided by that level's last prime with rounding, which also shrinks
 * the noise), or with the secret key (symmetric, the polynomial {@code a} expanded from a seed so
 * the ciphertext can be saved in SEAL's seeded form, half the size).
 *
 * <p>Thread-safe.
 */
public final class Encryptor {

  private final RnsContext ctx;
  private final PublicKey publicKey;
  private final SecretKey secretKey;
  private final SecureRandom random;

  private Encryptor(RnsContext ctx, PublicKey publicKey, SecretKey secretKey, SecureRandom random) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.publicKey = publicKey;
    this.secretKey = secretKey;
    this.random = Objects.requireNonNull(random, "random");
  }

  /** Public-key encryption; {@code publicKey} may be null, then {@link #encrypt} refuses. */
  public static Encryptor withPublicKey(RnsContext ctx, PublicKey publicKey, SecureRandom random) {
    return new Encryptor(ctx, publicKey, null, random);
  }

  /** Symmetric (seeded) encryption under the secret key. */
  public static Encryptor withSecretKey(RnsContext ctx, SecretKey secretKey, SecureRandom random) {
    return new Encryptor(ctx, null, Objects.requireNonNull(secretKey, "secretKey"), random);
  }

  /** Public-key encryption of {@code pt} at its level and scale. */
  public Ciphertext encrypt(Plaintext pt) {
    Ciphertext ct = encryptZero(pt.level(), pt.scale());
    addPlain(ct, pt);
    return ct;
  }

  /** A public-key encryption of zero at a data level. */
  public Ciphertext encryptZero(int level, double scale) {
    if (publicKey == null) {
      throw new MissingPublicKeyException("public-key encryption needs a public key");
    }
    int n = ctx.degree();
    int k = ctx.primeCount();
    if (level < 0 || level > k - 2) {
      throw new IllegalArgumentException("not a data level: " + level);
    }
    int limbs = level + 1;
    int upper = limbs + 1;
    long[] work = new long[2 * upper * n];
    long[] errors = new long[2 * limbs * n];
    Rlwe.encryptZeroAsymmetricForDivision(ctx, publicKey.values(), upper, random, work, 0, errors);
    long[] scratch = new long[n];
    long[] out = new long[2 * limbs * n];
    try {
      for (int p = 0; p < 2; p++) {
        int polyOff = p * upper * n;
        ctx.divideRoundByPrimeWithAddend(
            work, polyOff, limbs, work, polyOff + limbs * n, limbs, errors, p * limbs * n, scratch);
        System.arraycopy(work, polyOff, out, p * limbs * n, limbs * n);
      }
    } finally {
      java.util.Arrays.fill(errors, 0L);
    }
    Ciphertext ct = new Ciphertext(n);
    ct.replace(out, 2, level, scale);
    return ct;
  }

  /** Symmetric encryption of {@code pt}; the result carries the seed of its second polynomial. */
  public Ciphertext encryptSymmetric(Plaintext pt) {
    if (secretKey == null) {
      throw new IllegalStateException("symmetric encryption needs the secret key");
    }
    int n = ctx.degree();
    int limbs = pt.level() + 1;
    long[] out = new long[2 * limbs * n];
    UniformSeed seed = Rlwe.encryptZeroSymmetric(ctx, secretKey.live(), null, limbs, random, out, 0);
    Ciphertext ct = new Ciphertext(n);
    ct.replace(out, 2, pt.level(), pt.scale());
    addPlain(ct, pt);
    ct.setSeed(seed);
    return ct;
  }

  private void addPlain(Ciphertext ct, Plaintext pt) {
    long[] c = ct.data();
    long[] m = pt.values();
    int n = ctx.degree();
    for (int j = 0; j <= pt.level(); j++) {
      Modulus q = ctx.modulus(j);
      for (int i = j * n, end = i + n; i < end; i++) {
        c[i] = q.add(c[i], m[i]);
      }
    }
  }
}
