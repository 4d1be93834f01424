package io.pqcfhe.ckks.rlwe;

import java.util.Objects;

/** Relinearization keys: the switching key from s² to s. Immutable and thread-safe. */
public record RelinKeys(KeySwitchKey key) {
  public RelinKeys {
    Objects.requireNonNull(key, "key");
  }
}
