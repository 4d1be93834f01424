package io.pqcfhe.ckks.rlwe;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Galois keys: for each Galois element g, the switching key from s(X^g) to s. Immutable and
 * thread-safe.
 */
public final class GaloisKeys {

  private final Map<Integer, KeySwitchKey> keys;

  public GaloisKeys(Map<Integer, KeySwitchKey> keys) {
    this.keys = Map.copyOf(keys);
  }

  public boolean has(int galoisElement) {
    return keys.containsKey(galoisElement);
  }

  /** The key for g, or null. */
  public KeySwitchKey get(int galoisElement) {
    return keys.get(galoisElement);
  }

  /** The Galois elements present, ascending. */
  public Set<Integer> elements() {
    return new TreeMap<>(keys).keySet();
  }

  public int count() {
    return keys.size();
  }
}
