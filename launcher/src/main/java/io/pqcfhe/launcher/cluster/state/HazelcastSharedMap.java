package io.pqcfhe.launcher.cluster.state;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import io.pqcfhe.fhe.store.shared.SharedMap;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A {@link SharedMap} over a Hazelcast {@link IMap}. Every call blocks until the partition owner has applied it
 * and its synchronous backups have acknowledged it; callers run on worker threads, never on an event loop.
 *
 * <p>The map must keep its values in {@code BINARY} form (enforced by {@code HazelcastConfigs}): the
 * compare-and-set of {@link #replace} then compares the serialized bytes, i.e. the arrays' contents, where an
 * {@code OBJECT} map would compare {@code byte[]} references and never match.
 */
public final class HazelcastSharedMap implements SharedMap {
  private final IMap<String, byte[]> map;

  public HazelcastSharedMap(IMap<String, byte[]> map) {
    this.map = Objects.requireNonNull(map, "map");
  }

  @Override
  public Optional<byte[]> get(String key) {
    return Optional.ofNullable(map.get(key));
  }

  /** {@code set}, not {@code put}: no old value is fetched and sent back over the network. */
  @Override
  public void set(String key, byte[] value) {
    map.set(key, value);
  }

  @Override
  public void set(String key, byte[] value, Duration timeToLive) {
    // Hazelcast reads 0 as "forever" and a negative value as "the map's default": neither is what was asked.
    if (timeToLive.isNegative() || timeToLive.isZero()) {
      throw new IllegalArgumentException("time to live must be positive: " + timeToLive);
    }
    map.set(key, value, Math.max(1, timeToLive.toMillis()), TimeUnit.MILLISECONDS);
  }

  @Override
  public boolean putIfAbsent(String key, byte[] value) {
    return map.putIfAbsent(key, value) == null;
  }

  @Override
  public boolean replace(String key, byte[] expected, byte[] value) {
    return map.replace(key, expected, value);
  }

  @Override
  public void delete(String key) {
    map.delete(key);
  }

  @Override
  public int localSize() {
    return (int) Math.min(Integer.MAX_VALUE, map.getLocalMapStats().getOwnedEntryCount());
  }

  @Override
  public void onRemoved(Consumer<String> listener) {
    Objects.requireNonNull(listener, "listener");
    map.addEntryListener(new RemovalListener(listener), false);
  }

  /** Every way one entry leaves the map: removed or deleted, expired (time to live), evicted. */
  private record RemovalListener(Consumer<String> listener) implements EntryRemovedListener<String, byte[]>,
      EntryExpiredListener<String, byte[]>, EntryEvictedListener<String, byte[]> {
    @Override
    public void entryRemoved(EntryEvent<String, byte[]> event) {
      listener.accept(event.getKey());
    }

    @Override
    public void entryExpired(EntryEvent<String, byte[]> event) {
      listener.accept(event.getKey());
    }

    @Override
    public void entryEvicted(EntryEvent<String, byte[]> event) {
      listener.accept(event.getKey());
    }
  }
}
