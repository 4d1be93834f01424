package io.pqcfhe.fhe.store.shared;

import java.util.Objects;

/**
 * The maps a cluster keeps the FHE state in.
 *
 * @param sessions per session: its contexts and ciphertexts with their sizes (the quotas), and whether it ended
 * @param contexts per context: parameters and keys, secret keys sealed under the cluster state key
 * @param ciphertexts per ciphertext: its context and its SEAL bytes
 * @param answers per operation id: the answer already given, for a retried request (entries expire)
 */
public record SharedState(SharedMap sessions, SharedMap contexts, SharedMap ciphertexts, SharedMap answers) {

  public SharedState {
    Objects.requireNonNull(sessions, "sessions");
    Objects.requireNonNull(contexts, "contexts");
    Objects.requireNonNull(ciphertexts, "ciphertexts");
    Objects.requireNonNull(answers, "answers");
  }
}
