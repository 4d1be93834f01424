package io.pqcfhe.fhe.store;

import io.pqcfhe.ckks.ckks.CkksContext;
import io.pqcfhe.ckks.ckks.CkksEncoder;
import io.pqcfhe.ckks.ckks.CkksEvaluator;
import io.pqcfhe.ckks.params.CkksParameters;
import io.pqcfhe.ckks.rlwe.Decryptor;
import io.pqcfhe.ckks.rlwe.Encryptor;
import io.pqcfhe.ckks.rlwe.GaloisKeys;
import io.pqcfhe.ckks.rlwe.PublicKey;
import io.pqcfhe.ckks.rlwe.RelinKeys;
import io.pqcfhe.ckks.rlwe.SecretKey;
import io.pqcfhe.ckks.seal.SealObjects;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;

/**
 * One CKKS context of a session: validated parameters with their precomputed tables, the keys the server
 * holds, and the engine objects built on them. Thread-safe (the engine objects are); {@link #destroy()}
 * zeroizes the secret key when the context is released or its session ends.
 *
 * @param keys which keys exist; ids are null for absent keys
 * @param secretKey present in server key mode only
 * @param relinKeys kept (besides in the evaluator) so that a store can save them
 * @param sizeBytes the memory its keys take, counted against the session's byte quota
 */
public record FheContext(
    CkksContext ckks,
    SealObjects seal,
    CkksEncoder encoder,
    CkksEvaluator evaluator,
    Optional<Encryptor> encryptor,
    Optional<SecretKey> secretKey,
    Optional<PublicKey> publicKey,
    Optional<RelinKeys> relinKeys,
    Optional<GaloisKeys> galoisKeys,
    KeyIds keys,
    long sizeBytes) {

  /** The ids reported by {@code fhe.setup}; null when the key is absent. */
  public record KeyIds(String publicKeyId, String relinKeyId, String galoisKeyId) {}

  public FheContext {
    Objects.requireNonNull(ckks, "ckks");
    Objects.requireNonNull(seal, "seal");
    Objects.requireNonNull(encoder, "encoder");
    Objects.requireNonNull(evaluator, "evaluator");
    Objects.requireNonNull(encryptor, "encryptor");
    Objects.requireNonNull(secretKey, "secretKey");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(relinKeys, "relinKeys");
    Objects.requireNonNull(galoisKeys, "galoisKeys");
    Objects.requireNonNull(keys, "keys");
  }

  /**
   * The one way to build a context from its keys, whether just generated, uploaded by a client or reloaded
   * from a shared store: the encoder, evaluator and (with a public key) encryptor are derived from them.
   *
   * @param seal the SEAL bridge for the client's objects (its size cap is the request limit)
   */
  public static FheContext fromKeys(
      CkksContext ckks,
      SealObjects seal,
      Optional<SecretKey> secretKey,
      Optional<PublicKey> publicKey,
      Optional<RelinKeys> relinKeys,
      Optional<GaloisKeys> galoisKeys,
      KeyIds keys,
      long sizeBytes,
      SecureRandom random) {
    return new FheContext(
        ckks,
        seal,
        new CkksEncoder(ckks),
        new CkksEvaluator(ckks, relinKeys.orElse(null), galoisKeys.orElse(null)),
        publicKey.map(pk -> Encryptor.withPublicKey(ckks.rns(), pk, random)),
        secretKey,
        publicKey,
        relinKeys,
        galoisKeys,
        keys,
        sizeBytes);
  }

  public CkksParameters parameters() {
    return ckks.parameters();
  }

  /** Server key management: the server holds the secret key and can decrypt. */
  public boolean serverKeys() {
    return secretKey.isPresent();
  }

  public boolean hasRelinKeys() {
    return keys.relinKeyId() != null;
  }

  public boolean hasGaloisKeys() {
    return keys.galoisKeyId() != null;
  }

  /** A decryptor, in server key mode only. */
  public Optional<Decryptor> decryptor() {
    return secretKey.map(sk -> new Decryptor(ckks.rns(), sk));
  }

  /** Zeroizes the secret key; the context must not be used afterwards. */
  public void destroy() {
    secretKey.ifPresent(SecretKey::destroy);
  }

  /**
   * The memory the keys of a context take: a secret key is one polynomial over the k primes, a public key
   * two, a key-switching key set as {@link #keySwitchKeyBytes} says.
   */
  public static long keyBytes(CkksParameters parameters, boolean secretKey, boolean publicKey, boolean relinKeys, int galoisKeys) {
    long polynomial = (long) parameters.primeCount() * parameters.degree() * Long.BYTES;
    return (secretKey ? polynomial : 0)
        + (publicKey ? 2 * polynomial : 0)
        + keySwitchKeyBytes(parameters, (relinKeys ? 1 : 0) + galoisKeys);
  }

  /** The memory of a key-switching key set of {@code count} keys (k − 1 parts of 2·k·N values each). */
  public static long keySwitchKeyBytes(CkksParameters parameters, int count) {
    long k = parameters.primeCount();
    return count * (k - 1) * 2 * k * parameters.degree() * Long.BYTES;
  }
}
