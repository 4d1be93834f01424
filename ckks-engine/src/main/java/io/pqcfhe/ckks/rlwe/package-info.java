/**
 * RLWE layer, SEAL-compatible: keys ({@link io.pqcfhe.ckks.rlwe.SecretKey}, {@link
 * io.pqcfhe.ckks.rlwe.PublicKey}, {@link io.pqcfhe.ckks.rlwe.RelinKeys}, {@link
 * io.pqcfhe.ckks.rlwe.GaloisKeys}), their generation, public-key and seeded symmetric encryption,
 * decryption, and key switching (relinearization, Galois automorphisms). Data layouts are SEAL's
 * wire order, so the {@code seal} package converts without reshuffling. Uses {@code ring} and
 * SEAL's PRNG ({@code prng}) for the uniform polynomials.
 *
 * <p>Thread-safety: keys, plaintexts and the generator/encryptor/decryptor/key switcher are
 * immutable or stateless and may be shared; a {@link io.pqcfhe.ckks.rlwe.Ciphertext} is a mutable
 * working object and must not be shared while it may be written.
 */
package io.pqcfhe.ckks.rlwe;
