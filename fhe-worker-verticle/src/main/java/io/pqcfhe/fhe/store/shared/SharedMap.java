package io.pqcfhe.fhe.store.shared;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A map every FHE worker of a cluster sees, holding opaque bytes under string keys: in a cluster a Hazelcast
 * map with at least one backup, so that what a worker wrote outlives it. Implementations are thread-safe, and
 * a write has reached the backups when it returns.
 */
public interface SharedMap {

  Optional<byte[]> get(String key);

  void set(String key, byte[] value);

  /** Sets a value that disappears by itself after {@code timeToLive}. */
  void set(String key, byte[] value, Duration timeToLive);

  /** Atomically stores {@code value} when the key has none; true when it was stored. */
  boolean putIfAbsent(String key, byte[] value);

  /** Atomically replaces the value when it still equals {@code expected} byte for byte; true when replaced. */
  boolean replace(String key, byte[] expected, byte[] value);

  void delete(String key);

  /** Entries whose primary copy is on this node: summed over the nodes, every entry is counted once. */
  int localSize();

  /**
   * Calls {@code listener} with the key of every entry removed or expired anywhere in the cluster,
   * asynchronously and on no particular thread (for dropping cached copies).
   */
  void onRemoved(Consumer<String> listener);
}
