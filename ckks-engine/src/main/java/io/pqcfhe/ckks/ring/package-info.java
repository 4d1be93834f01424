/**
 * Lowest layer: word-size modular arithmetic for primes below 2^61 (Barrett, Shoup), SEAL's
 * negacyclic NTT (Harvey's lazy butterflies), the RNS context of a modulus chain (rescaling and
 * key-switching constants, Galois permutations), exact CRT composition, and the small-noise
 * samplers. Knows nothing of keys or CKKS. Every class is immutable and thread-safe except {@link
 * io.pqcfhe.ckks.ring.NoiseSource} (one per operation).
 */
package io.pqcfhe.ckks.ring;
