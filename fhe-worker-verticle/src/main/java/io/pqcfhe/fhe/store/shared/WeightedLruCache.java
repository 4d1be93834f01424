package io.pqcfhe.fhe.store.shared;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A bounded map of this worker's deserialized copies, least recently used first out, bounded by the sum of
 * the values' weights (their bytes). A value heavier than the whole budget is not kept. Thread-safe (one
 * lock: every operation is a few map steps; loading happens outside).
 */
final class WeightedLruCache<V> {
  private final long budget;
  private final ToLongFunction<V> weight;
  private final LinkedHashMap<String, V> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long used;

  WeightedLruCache(long budget, ToLongFunction<V> weight) {
    if (budget < 0) {
      throw new IllegalArgumentException("budget must not be negative");
    }
    this.budget = budget;
    this.weight = weight;
  }

  synchronized V get(String key) {
    return entries.get(key);
  }

  /**
   * Keeps {@code value} under {@code key}; returns what left the cache for it (a value it replaced, the least
   * recently used ones evicted, or {@code value} itself when it is too heavy to keep), for the caller to
   * retire.
   */
  synchronized List<V> put(String key, V value) {
    List<V> out = new ArrayList<>(1);
    long w = weight.applyAsLong(value);
    if (w > budget) {
      V replaced = remove(key);
      if (replaced != null) {
        out.add(replaced);
      }
      out.add(value);
      return out;
    }
    V replaced = entries.put(key, value);
    used += w;
    if (replaced != null && replaced != value) {
      used -= weight.applyAsLong(replaced);
      out.add(replaced);
    } else if (replaced == value) {
      used -= w;
    }
    for (Iterator<Map.Entry<String, V>> it = entries.entrySet().iterator(); used > budget && it.hasNext(); ) {
      Map.Entry<String, V> eldest = it.next();
      if (!eldest.getKey().equals(key)) {
        it.remove();
        used -= weight.applyAsLong(eldest.getValue());
        out.add(eldest.getValue());
      }
    }
    return out;
  }

  synchronized V remove(String key) {
    V removed = entries.remove(key);
    if (removed != null) {
      used -= weight.applyAsLong(removed);
    }
    return removed;
  }

  /** Removes and returns every value whose key starts with {@code prefix}. */
  synchronized List<V> removeByPrefix(String prefix) {
    List<V> removed = new ArrayList<>();
    for (Iterator<Map.Entry<String, V>> it = entries.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, V> entry = it.next();
      if (entry.getKey().startsWith(prefix)) {
        it.remove();
        used -= weight.applyAsLong(entry.getValue());
        removed.add(entry.getValue());
      }
    }
    return removed;
  }

  synchronized long usedBytes() {
    return used;
  }

  synchronized List<V> removeAll() {
    List<V> all = new ArrayList<>(entries.values());
    entries.clear();
    used = 0;
    return all;
  }
}
