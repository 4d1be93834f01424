package io.pqcfhe.ckks.seal;

/**
 * One level of a SEAL modulus chain: its parms_id, degree and primes.
 *
 * @param chainIndex SEAL's chain index: 0 for the last level, k−1 for the key level of k primes
 * @param keyLevel whether this is the key level (all primes, special prime included), where public
 *     and key-switching keys and the secret key live; ciphertexts never do when there are at least
 *     two primes
 */
public record SealLevel(
    ParmsId parmsId, int polyModulusDegree, long[] moduli, int chainIndex, boolean keyLevel) {

  public SealLevel {
    moduli = moduli.clone();
  }

  @Override
  public long[] moduli() {
    return moduli.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SealLevel other && parmsId.equals(other.parmsId);
  }

  @Override
  public int hashCode() {
    return parmsId.hashCode();
  }

  @Override
  public String toString() {
    return "SealLevel["
        + parmsId.hex()
        + ", n="
        + polyModulusDegree
        + ", primes="
        + moduli.length
        + ", chainIndex="
        + chainIndex
        + "]";
  }

  /** The number of primes at this level. */
  public int primeCount() {
    return moduli.length;
  }

  long modulus(int j) {
    return moduli[j];
  }

  /** SEAL's {@code total_coeff_modulus_bit_count}: the sum of the primes' bit lengths. */
  public int totalBits() {
    int bits = 0;
    for (long q : moduli) {
      bits += 64 - Long.numberOfLeadingZeros(q);
    }
    return bits;
  }
}
