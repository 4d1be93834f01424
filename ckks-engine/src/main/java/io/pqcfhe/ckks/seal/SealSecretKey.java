package io.pqcfhe.ckks.seal;

import java.util.Arrays;

/**
 * A SEAL secret key: a Plaintext at the key level in NTT form, {@code primeCount · N} values
 * limb-major (value i of prime j at {@code j · N + i}). The record owns the array (no copy) and
 * {@link #wipe()} zeroes it; it is never printed.
 */
public record SealSecretKey(ParmsId parmsId, int polyModulusDegree, int primeCount, long[] data) {

  public SealSecretKey {
    java.util.Objects.requireNonNull(parmsId);
    if (polyModulusDegree < 1
        || primeCount < 1
        || (long) primeCount * polyModulusDegree != data.length) {
      throw new IllegalArgumentException("data must hold primes · N values");
    }
  }

  /** Overwrites the key material with zeros. */
  public void wipe() {
    Arrays.fill(data, 0);
  }

  @Override
  public boolean equals(Object o) {
    // Constant time in the key values: accumulate differences instead of stopping at the first.
    if (!(o instanceof SealSecretKey k)
        || !parmsId.equals(k.parmsId)
        || data.length != k.data.length) {
      return false;
    }
    long diff = 0;
    for (int i = 0; i < data.length; i++) {
      diff |= data[i] ^ k.data[i];
    }
    return diff == 0;
  }

  @Override
  public int hashCode() {
    return parmsId.hashCode();
  }

  @Override
  public String toString() {
    return "SealSecretKey[parmsId="
        + parmsId.hex()
        + ", n="
        + polyModulusDegree
        + ", primes="
        + primeCount
        + "]";
  }
}
