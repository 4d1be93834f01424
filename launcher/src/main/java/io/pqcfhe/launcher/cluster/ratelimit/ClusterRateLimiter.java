package io.pqcfhe.launcher.cluster.ratelimit;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.pqcfhe.gateway.config.AdaptiveLimits;
import io.pqcfhe.gateway.ratelimit.RateDecision;
import io.pqcfhe.gateway.ratelimit.RateLimiter;
import io.pqcfhe.protocol.RateBucket;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * §7 limits per client id across every gateway of the cluster: the sliding windows and failure records live
 * in a Hazelcast map (one backup), each updated by compare-and-set so that concurrent attempts on several
 * gateways are all counted and never lost. Entries expire once idle, so memory follows active clients. The map
 * calls block, so they run on Vert.x worker threads, never on an event loop.
 *
 * <p>The values are {@code long[]} (epoch milliseconds), which Hazelcast serializes natively; client ids and
 * addresses appear only in map keys, on the private cluster network.
 */
public final class ClusterRateLimiter implements RateLimiter {
  /** The cluster map; its entries are keyed {@code w|bucket|clientId}, {@code fc|clientId}, {@code fa|address}. */
  public static final String MAP_NAME = "pqcfhe.ratelimit";

  private final Vertx vertx;
  private final IMap<String, long[]> map;
  private final Map<RateBucket, Integer> limits;
  private final AdaptiveLimits adaptive;
  private final Duration window;
  private final Clock clock;

  public ClusterRateLimiter(Vertx vertx, HazelcastInstance hazelcast, Map<RateBucket, Integer> limits,
      Duration window, AdaptiveLimits adaptive, Clock clock) {
    this.vertx = vertx;
    this.map = hazelcast.getMap(MAP_NAME);
    this.limits = new EnumMap<>(limits);
    this.adaptive = adaptive;
    this.window = window;
    this.clock = clock;
  }

  @Override
  public Future<RateDecision> acquire(String clientId, String remoteAddress, RateBucket bucket) {
    return vertx.executeBlocking(() -> decide(clientId, remoteAddress, bucket), false);
  }

  @Override
  public void recordFailure(String clientId, String remoteAddress) {
    vertx.executeBlocking(() -> {
      long now = clock.millis();
      long ttl = Math.max(adaptive.window().toMillis(), adaptive.penalty().toMillis());
      UnaryOperator<long[]> fail = record -> AttemptLog.fail(record, now, adaptive.failures(),
          adaptive.window().toMillis(), adaptive.penalty().toMillis());
      update("fa|" + remoteAddress, fail, ttl);
      update("fc|" + clientId, fail, ttl);
      return null;
    }, false);
  }

  /** The blocking decision behind {@link #acquire}. */
  RateDecision decide(String clientId, String remoteAddress, RateBucket bucket) {
    long now = clock.millis();
    int configured = limits.get(bucket);
    boolean penalized = AttemptLog.penalized(map.get("fc|" + clientId), now)
        || AttemptLog.penalized(map.get("fa|" + remoteAddress), now);
    int limit = penalized ? Math.max(1, configured / 2) : configured;
    long windowMs = window.toMillis();
    AttemptLog.Step[] step = new AttemptLog.Step[1];
    update("w|" + bucket.name() + "|" + clientId, times -> {
      step[0] = AttemptLog.attempt(times, now, windowMs, limit, configured);
      return step[0].times();
    }, windowMs);
    return new RateDecision(step[0].allowed(), limit, step[0].remaining(), Instant.ofEpochMilli(step[0].resetAtMs()));
  }

  /** Applies {@code change} atomically: retried until no other gateway changed the entry in between. */
  private void update(String key, UnaryOperator<long[]> change, long ttlMs) {
    while (true) {
      long[] current = map.get(key);
      long[] next = change.apply(current);
      if (current == null) {
        if (map.putIfAbsent(key, next, ttlMs, TimeUnit.MILLISECONDS) == null) {
          return;
        }
      } else if (map.replace(key, current, next)) {
        // replace keeps the old expiry; refresh it so an active client's entry outlives its window.
        map.setTtl(key, ttlMs, TimeUnit.MILLISECONDS);
        return;
      }
    }
  }
}
