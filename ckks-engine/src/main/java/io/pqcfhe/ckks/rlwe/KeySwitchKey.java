package io.pqcfhe.ckks.rlwe;

import java.util.List;

/**
 * A key-switching key from s′ to s, SEAL's form: one {@link PublicKey}-shaped pair per data prime
 * j, (−(a_j·s + e_j) + (P mod q_j)·s′ on component j, a_j), at the key level. Immutable and
 * thread-safe.
 */
public final class KeySwitchKey {

  private final List<PublicKey> parts;

  public KeySwitchKey(List<PublicKey> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("a key-switching key has at least one part");
    }
    this.parts = List.copyOf(parts);
  }

  /** The parts, one per data prime (SEAL's inner vector). */
  public List<PublicKey> parts() {
    return parts;
  }

  public int size() {
    return parts.size();
  }

  long[] part(int j) {
    return parts.get(j).values();
  }
}
