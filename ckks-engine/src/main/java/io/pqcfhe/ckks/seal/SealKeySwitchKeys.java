package io.pqcfhe.ckks.seal;

import java.util.List;

/**
 * SEAL's {@code KSwitchKeys}, the shape of both relinearization and Galois keys: at the key level,
 * a list of entries, each a list of public keys (one per prime of the first data level) or empty.
 * Relinearization keys have one entry; Galois keys have N entries, entry {@code (g − 1) / 2}
 * holding the key of Galois element g.
 */
public record SealKeySwitchKeys(ParmsId parmsId, List<List<SealCiphertext>> keys) {

  public SealKeySwitchKeys {
    java.util.Objects.requireNonNull(parmsId);
    keys = keys.stream().map(List::copyOf).toList();
  }

  /** The same keys, each saved in full rather than seeded. */
  public SealKeySwitchKeys unseeded() {
    return new SealKeySwitchKeys(
        parmsId,
        keys.stream().map(entry -> entry.stream().map(SealCiphertext::unseeded).toList()).toList());
  }

  /** The Galois element whose key sits at entry {@code index}. */
  public static int galoisElement(int index) {
    return 2 * index + 1;
  }

  /** The entry of Galois element {@code g} (odd). */
  public static int galoisIndex(int g) {
    return (g - 1) / 2;
  }

  /** The Galois elements with a key here, in increasing order (for Galois keys). */
  public List<Integer> galoisElements() {
    java.util.ArrayList<Integer> present = new java.util.ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      if (!keys.get(i).isEmpty()) {
        present.add(galoisElement(i));
      }
    }
    return present;
  }

  @Override
  public String toString() {
    return "SealKeySwitchKeys[parmsId=" + parmsId.hex() + ", entries=" + keys.size() + "]";
  }
}
