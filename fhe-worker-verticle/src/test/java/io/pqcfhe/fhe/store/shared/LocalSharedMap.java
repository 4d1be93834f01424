package io.pqcfhe.fhe.store.shared;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A {@link SharedMap} over a {@link ConcurrentHashMap}: what one cluster map is to the workers, in one JVM.
 * Values are copied in and out (as a cluster map serializes them), entries with a time to live expire when
 * next touched, removal listeners are called synchronously, and reads and writes are counted.
 */
public final class LocalSharedMap implements SharedMap {
  private record Entry(byte[] value, long expiresAtNanos) {
    boolean expired() {
      return expiresAtNanos != Long.MAX_VALUE && System.nanoTime() - expiresAtNanos > 0;
    }
  }

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
  final AtomicLong reads = new AtomicLong();
  final AtomicLong writes = new AtomicLong();

  /** Four maps, as a cluster has them. */
  public static SharedState state() {
    return new SharedState(new LocalSharedMap(), new LocalSharedMap(), new LocalSharedMap(), new LocalSharedMap());
  }

  @Override
  public Optional<byte[]> get(String key) {
    reads.incrementAndGet();
    return Optional.ofNullable(live(key)).map(e -> e.value().clone());
  }

  @Override
  public void set(String key, byte[] value) {
    writes.incrementAndGet();
    entries.put(key, new Entry(value.clone(), Long.MAX_VALUE));
  }

  @Override
  public void set(String key, byte[] value, Duration timeToLive) {
    writes.incrementAndGet();
    entries.put(key, new Entry(value.clone(), System.nanoTime() + timeToLive.toNanos()));
  }

  @Override
  public boolean putIfAbsent(String key, byte[] value) {
    writes.incrementAndGet();
    live(key);
    return entries.putIfAbsent(key, new Entry(value.clone(), Long.MAX_VALUE)) == null;
  }

  @Override
  public boolean replace(String key, byte[] expected, byte[] value) {
    writes.incrementAndGet();
    Entry current = live(key);
    return current != null
        && Arrays.equals(current.value(), expected)
        && entries.replace(key, current, new Entry(value.clone(), Long.MAX_VALUE));
  }

  @Override
  public void delete(String key) {
    writes.incrementAndGet();
    if (entries.remove(key) != null) {
      listeners.forEach(l -> l.accept(key));
    }
  }

  @Override
  public int localSize() {
    return (int) entries.values().stream().filter(e -> !e.expired()).count();
  }

  @Override
  public void onRemoved(Consumer<String> listener) {
    listeners.add(listener);
  }

  int size() {
    return localSize();
  }

  /** The raw stored value (no copy, not counted), for tests that look at or alter what is stored. */
  byte[] raw(String key) {
    Entry entry = live(key);
    return entry == null ? null : entry.value();
  }

  /** Stores bytes directly (not counted), as an attacker with access to the map could. */
  void put(String key, byte[] value) {
    entries.put(key, new Entry(value, Long.MAX_VALUE));
  }

  private Entry live(String key) {
    Entry entry = entries.get(key);
    if (entry != null && entry.expired()) {
      if (entries.remove(key, entry)) {
        listeners.forEach(l -> l.accept(key));
      }
      return null;
    }
    return entry;
  }
}
