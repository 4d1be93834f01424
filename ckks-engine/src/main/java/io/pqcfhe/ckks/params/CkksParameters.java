package io.pqcfhe.ckks.params;

import io.pqcfhe.ckks.security.SecurityLevel;
import java.util.Arrays;

/**
 * Validated, immutable CKKS parameters as SEAL 4.1 builds them: the degree N, the primes q0 …
 * q(k−1) (the last one is the special key-switching prime P; the others are data primes, dropped
 * from the end one per level), the default scale, and the security level whose HE-standard bound
 * was enforced.
 *
 * <p>Levels are SEAL chain indices: the key level is k − 1, data levels run from {@link
 * #maxLevel()} = k − 2 (fresh ciphertexts) down to 0; level ℓ uses the primes q0 … qℓ. Invalid
 * inputs raise {@link IllegalArgumentException} naming the offending field with the protocol's
 * names.
 */
public final class CkksParameters {

  public static final int MIN_DEGREE = 4096;
  public static final int MAX_DEGREE = 32768;

  private final int degree;
  private final long[] primes;
  private final double defaultScale;
  private final SecurityLevel securityLevel;

  private CkksParameters(
      int degree, long[] primes, double defaultScale, SecurityLevel securityLevel) {
    this.degree = degree;
    this.primes = primes;
    this.defaultScale = defaultScale;
    this.securityLevel = securityLevel;
  }

  /** Parameters with primes chosen by {@link CoeffModulus#create} from the bit sizes. */
  public static CkksParameters create(
      int degree, int[] coeffModulusBits, double scale, SecurityLevel level) {
    checkDegree(degree);
    return fromPrimes(degree, CoeffModulus.create(degree, coeffModulusBits), scale, level);
  }

  /**
   * Parameters from explicit primes (e.g. read from SEAL EncryptionParameters), fully validated.
   */
  public static CkksParameters fromPrimes(
      int degree, long[] primes, double scale, SecurityLevel level) {
    checkDegree(degree);
    if (level == null) {
      throw new IllegalArgumentException("security_level must be given");
    }
    if (primes.length < 2) {
      throw new IllegalArgumentException(
          "coeff_modulus_bits needs at least 2 primes (data primes and the special prime)");
    }
    long[] copy = primes.clone();
    int totalBits = 0;
    for (int i = 0; i < copy.length; i++) {
      long q = copy[i];
      int bits = 64 - Long.numberOfLeadingZeros(q);
      if (bits < CoeffModulus.MIN_BITS || bits > CoeffModulus.MAX_BITS) {
        throw new IllegalArgumentException(
            "coeff_modulus[" + i + "] must have 20 to 60 bits: " + q);
      }
      if ((q - 1) % (2L * degree) != 0 || !CoeffModulus.isPrime(q)) {
        throw new IllegalArgumentException(
            "coeff_modulus[" + i + "] is not a prime ≡ 1 mod 2N: " + q);
      }
      for (int j = 0; j < i; j++) {
        if (copy[j] == q) {
          throw new IllegalArgumentException("coeff_modulus[" + i + "] repeats a prime: " + q);
        }
      }
      totalBits += bits;
    }
    int bound = level.maxModulusBits(degree);
    if (totalBits > bound) {
      throw new IllegalArgumentException(
          "coeff_modulus_bits total "
              + totalBits
              + " exceeds the "
              + level.bits()
              + "-bit security bound "
              + bound
              + " for poly_modulus_degree "
              + degree);
    }
    double dataBits = 0;
    for (int i = 0; i < copy.length - 1; i++) {
      dataBits += Math.log(copy[i]) / Math.log(2);
    }
    if (!(scale >= 1.0) || Double.isInfinite(scale) || Math.log(scale) / Math.log(2) >= dataBits) {
      throw new IllegalArgumentException(
          "scale must be finite, at least 1 and below the data modulus: " + scale);
    }
    return new CkksParameters(degree, copy, scale, level);
  }

  private static void checkDegree(int degree) {
    if (degree < MIN_DEGREE || degree > MAX_DEGREE || Integer.bitCount(degree) != 1) {
      throw new IllegalArgumentException(
          "poly_modulus_degree must be 4096, 8192, 16384 or 32768: " + degree);
    }
  }

  public int degree() {
    return degree;
  }

  public int slotCount() {
    return degree / 2;
  }

  /** All primes, the special prime last (a copy). */
  public long[] primes() {
    return primes.clone();
  }

  public long prime(int index) {
    return primes[index];
  }

  public int primeCount() {
    return primes.length;
  }

  /** The level of fresh ciphertexts (k − 2), SEAL's first data level; also the maximum depth. */
  public int maxLevel() {
    return primes.length - 2;
  }

  /** The chain index of keys (k − 1): all primes including the special prime. */
  public int keyLevel() {
    return primes.length - 1;
  }

  public double defaultScale() {
    return defaultScale;
  }

  public SecurityLevel securityLevel() {
    return securityLevel;
  }

  /** Σ log2 q_i over the primes of a data level. */
  public double log2Modulus(int level) {
    double bits = 0;
    for (int i = 0; i <= level; i++) {
      bits += Math.log(primes[i]) / Math.log(2);
    }
    return bits;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CkksParameters p
        && p.degree == degree
        && Arrays.equals(p.primes, primes)
        && Double.compare(p.defaultScale, defaultScale) == 0
        && p.securityLevel == securityLevel;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * degree + Arrays.hashCode(primes)) + Double.hashCode(defaultScale);
  }

  @Override
  public String toString() {
    return "CkksParameters[N="
        + degree
        + ", primes="
        + Arrays.toString(primes)
        + ", scale="
        + defaultScale
        + ", security="
        + securityLevel
        + "]";
  }
}
