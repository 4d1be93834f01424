package io.pqcfhe.ckks.ring;

/**
 * A seeded source of uniform RNS polynomials: the public polynomial {@code a} of keys and symmetric
 * encryptions. Implementations must be SEAL's PRNG and rejection sampler, so that a ciphertext or key
 * can be saved in SEAL's seeded form (only the seed instead of {@code a}).
 *
 * <p>One instance per sampled polynomial; not thread-safe.
 */
public interface UniformSource {

    /**
     * Writes {@code primes.length · n} values into {@code out} from {@code offset}, limb-major, value
     * {@code j·n + i} uniform in [0, primes[j]). Called once per instance.
     */
    void sample(long[] primes, int n, long[] out, int offset);

    /** The seed that regenerates the polynomial (a copy), as SEAL saves it. */
    byte[] seed();

    /** SEAL's PRNG type byte for the seed (1 = Blake2xb, 2 = Shake256). */
    int prngType();

    /** Creates a fresh source (new random seed) for each polynomial. */
    @FunctionalInterface
    interface Factory {
        UniformSource fresh();
    }
}
