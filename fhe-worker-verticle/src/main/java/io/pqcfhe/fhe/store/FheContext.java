package io.pqcfhe.fhe.store;

import io.pqcfhe.ckks.ckks.CkksContext;
import io.pqcfhe.ckks.ckks.CkksEncoder;
import io.pqcfhe.ckks.ckks.CkksEvaluator;
import io.pqcfhe.ckks.params.CkksParameters;
import io.pqcfhe.ckks.rlwe.Decryptor;
import io.pqcfhe.ckks.rlwe.Encryptor;
import io.pqcfhe.ckks.rlwe.PublicKey;
import io.pqcfhe.ckks.rlwe.SecretKey;
import io.pqcfhe.ckks.seal.SealObjects;
import java.util.Objects;
import java.util.Optional;

/**
 * One CKKS context of a session: validated parameters with their precomputed tables, the keys the server
 * holds, and the engine objects built on them. Thread-safe (the engine objects are); {@link #destroy()}
 * zeroizes the secret key when the context is released or its session ends.
 *
 * @param keys which keys exist; ids are null for absent keys
 * @param secretKey present in server key mode only
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
    Objects.requireNonNull(keys, "keys");
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

  /** The memory of a key-switching key set of {@code count} keys (k − 1 parts of 2·k·N values each). */
  public static long keySwitchKeyBytes(CkksParameters parameters, int count) {
    long k = parameters.primeCount();
    return count * (k - 1) * 2 * k * parameters.degree() * Long.BYTES;
  }
}
