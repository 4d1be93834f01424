package io.pqcfhe.fhe.store;

import io.pqcfhe.ckks.rlwe.Ciphertext;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A ciphertext held for a session, with what the server knows about it. Stored ciphertexts are never
 * modified: every operation writes a new one, so a stored value may be read by several workers at once.
 *
 * @param length how many values were encrypted (the default {@code expected_size} of {@code fhe.decrypt});
 *     empty when unknown (uploaded, rotated, summed)
 */
public record StoredCiphertext(Ciphertext ciphertext, ErrorEstimate estimate, OptionalInt length) {

  public StoredCiphertext {
    Objects.requireNonNull(ciphertext, "ciphertext");
    Objects.requireNonNull(estimate, "estimate");
    Objects.requireNonNull(length, "length");
  }

  /** The memory the ciphertext's values take (what the per-session byte quota counts). */
  public long sizeBytes() {
    return (long) ciphertext.size() * ciphertext.limbCount() * ciphertext.degree() * Long.BYTES;
  }
}
