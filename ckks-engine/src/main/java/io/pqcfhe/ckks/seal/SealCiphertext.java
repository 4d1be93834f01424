package io.pqcfhe.ckks.seal;

/**
 * A SEAL CKKS ciphertext as it travels, also the form of a public key (size 2, key level, scale
 * 1.0) and of each key inside key-switching keys. Always in NTT form with correction factor 1, as
 * CKKS requires.
 *
 * <p>{@code data} holds {@code size · primeCount · N} values, value i of RNS component j of
 * polynomial p at index {@code (p · primeCount + j) · N + i}, each below its prime. The record
 * takes the array as it is (no copy: a key-switching key set runs to tens of megabytes) and hands
 * it out as it is; treat it as read-only.
 *
 * @param seed when not null, the object is saved in SEAL's seeded form: polynomial 1 must be the
 *     expansion of this seed (checked when saving); after loading a seeded object, the seed it came
 *     with
 */
public record SealCiphertext(
    ParmsId parmsId,
    int polyModulusDegree,
    int primeCount,
    int size,
    double scale,
    long[] data,
    SealSeed seed) {

  public SealCiphertext {
    java.util.Objects.requireNonNull(parmsId);
    if (polyModulusDegree < 1 || primeCount < 1 || size < 1) {
      throw new IllegalArgumentException("degree, prime count and size must be positive");
    }
    if ((long) size * primeCount * polyModulusDegree != data.length) {
      throw new IllegalArgumentException("data must hold size · primes · N values");
    }
    if (seed != null && size != 2) {
      throw new IllegalArgumentException("only a two-polynomial ciphertext can be seeded");
    }
  }

  /** The same ciphertext without its seed: saved in full. */
  public SealCiphertext unseeded() {
    return seed == null
        ? this
        : new SealCiphertext(parmsId, polyModulusDegree, primeCount, size, scale, data, null);
  }

  /** The same ciphertext, saved seeded with {@code seed}. */
  public SealCiphertext withSeed(SealSeed newSeed) {
    return new SealCiphertext(parmsId, polyModulusDegree, primeCount, size, scale, data, newSeed);
  }

  /** Index of value i of RNS component j of polynomial p in {@link #data()}. */
  public int index(int p, int j, int i) {
    return (p * primeCount + j) * polyModulusDegree + i;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SealCiphertext c
        && parmsId.equals(c.parmsId)
        && size == c.size
        && polyModulusDegree == c.polyModulusDegree
        && primeCount == c.primeCount
        && Double.compare(scale, c.scale) == 0
        && java.util.Arrays.equals(data, c.data)
        && java.util.Objects.equals(seed, c.seed);
  }

  @Override
  public int hashCode() {
    return parmsId.hashCode() * 31 + java.util.Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "SealCiphertext[parmsId="
        + parmsId.hex()
        + ", n="
        + polyModulusDegree
        + ", primes="
        + primeCount
        + ", size="
        + size
        + ", scale="
        + scale
        + (seed != null ? ", seeded" : "")
        + "]";
  }
}
