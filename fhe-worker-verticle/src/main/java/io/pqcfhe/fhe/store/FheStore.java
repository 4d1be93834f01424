package io.pqcfhe.fhe.store;

import java.util.Collection;

/**
 * Where the contexts and ciphertexts of every session live. Everything is keyed by session: a lookup
 * only ever searches the asking session's own entries, so an id of another session and an id that never
 * existed take the same path and fail the same way ({@link StoreErrors#unknownContext()} and
 * {@link StoreErrors#unknownCiphertext()}, {@code FORBIDDEN}). Quotas ({@link Quotas}) are enforced here,
 * atomically with the insertion. Implementations are thread-safe.
 */
public interface FheStore {

  /**
   * Refuses early, before anything is allocated, when a session could not take {@code contexts} more
   * contexts, {@code ciphertexts} more ciphertexts and {@code bytes} more bytes. The insertion checks again.
   */
  void requireRoom(String sessionId, int contexts, int ciphertexts, long bytes);

  /**
   * Stores a context under {@code contextId} (chosen by the caller: random, or derived from an operation id
   * so that a retried operation writes the same ids). Returns the context now stored under the id: {@code
   * context}, or the one an earlier run of the same operation stored (then {@code context} is destroyed and
   * nothing is counted twice). On a refusal (quota, session ended) the context is destroyed.
   */
  FheContext addContext(String sessionId, String contextId, FheContext context);

  FheContext context(String sessionId, String contextId);

  /**
   * Stores a ciphertext in a context of the session under {@code ciphertextId} (chosen by the caller, as for
   * contexts); an id already stored by an earlier run of the same operation is replaced, not counted twice.
   */
  void addCiphertext(String sessionId, String contextId, String ciphertextId, StoredCiphertext ciphertext);

  /**
   * A ciphertext of the session that belongs to {@code contextId}: {@code FORBIDDEN} when the session has no
   * such ciphertext, {@code FHE_CONTEXT_ERROR} {@code context_mismatch} when it belongs to another context.
   */
  StoredCiphertext ciphertext(String sessionId, String contextId, String ciphertextId);

  /** Frees the named ciphertexts of the context (unknown ids are ignored); returns how many were freed. */
  int releaseCiphertexts(String sessionId, String contextId, Collection<String> ciphertextIds);

  /** Frees a context, its ciphertexts and keys (the secret key zeroized); returns the ciphertexts freed. */
  int releaseContext(String sessionId, String contextId);

  /** Frees everything of a session and zeroizes its secret keys. Idempotent. */
  void endSession(String sessionId);

  /**
   * Contexts alive on this node, all sessions together (for health): with a shared store, those whose
   * primary copy is here, so that the sum over the nodes counts each once.
   */
  int activeContexts();
}
