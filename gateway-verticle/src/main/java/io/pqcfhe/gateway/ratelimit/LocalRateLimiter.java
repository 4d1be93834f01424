package io.pqcfhe.gateway.ratelimit;

import io.pqcfhe.gateway.config.AdaptiveLimits;
import io.pqcfhe.protocol.RateBucket;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The in-memory limiter of one gateway: sliding one-minute windows per client id and bucket, adaptive
 * halving per client id and per remote address. Idle windows and trackers are swept at most once per window,
 * and the number of failure trackers is capped, so memory stays bounded whatever ids clients present.
 * Thread-safe (one lock; every operation is a few array steps).
 */
public final class LocalRateLimiter implements RateLimiter {
  /** Upper bound on failure trackers per kind (client ids, addresses). */
  static final int MAX_FAILURE_TRACKERS = 100_000;

  private final Map<RateBucket, Integer> limits;
  private final AdaptiveLimits adaptive;
  private final Clock clock;
  private final long windowMs;
  private final Map<WindowKey, SlidingWindow> windows = new HashMap<>();
  private final Map<String, FailureTracker> clientFailures = new HashMap<>();
  private final Map<String, FailureTracker> addressFailures = new HashMap<>();
  private long lastSweepMs;

  public LocalRateLimiter(Map<RateBucket, Integer> limits, Duration window, AdaptiveLimits adaptive, Clock clock) {
    this.limits = new EnumMap<>(limits);
    this.adaptive = adaptive;
    this.clock = clock;
    this.windowMs = window.toMillis();
    this.lastSweepMs = clock.millis();
  }

  @Override
  public Future<RateDecision> acquire(String clientId, String remoteAddress, RateBucket bucket) {
    return Future.succeededFuture(decide(clientId, remoteAddress, bucket));
  }

  /** The synchronous decision behind {@link #acquire}. */
  public synchronized RateDecision decide(String clientId, String remoteAddress, RateBucket bucket) {
    long now = clock.millis();
    sweepIfDue(now);
    int configured = limits.get(bucket);
    int limit = penalized(clientId, remoteAddress, now) ? Math.max(1, configured / 2) : configured;
    SlidingWindow window = windows.computeIfAbsent(new WindowKey(clientId, bucket), k -> new SlidingWindow(configured));
    SlidingWindow.Verdict verdict = window.attempt(now, windowMs, limit);
    return new RateDecision(verdict.allowed(), limit, verdict.remaining(), Instant.ofEpochMilli(verdict.resetAtMs()));
  }

  @Override
  public synchronized void recordFailure(String clientId, String remoteAddress) {
    long now = clock.millis();
    sweepIfDue(now);
    fail(addressFailures, remoteAddress, now);
    fail(clientFailures, clientId, now);
  }

  /** Number of windows and trackers held: for tests of the bounded-memory promise. */
  synchronized int trackedEntries() {
    return windows.size() + clientFailures.size() + addressFailures.size();
  }

  private void fail(Map<String, FailureTracker> trackers, String key, long now) {
    if (trackers.size() >= MAX_FAILURE_TRACKERS && !trackers.containsKey(key)) {
      return; // a flood of distinct ids or addresses cannot grow memory; the other key still counts
    }
    trackers.computeIfAbsent(key, k -> new FailureTracker())
        .fail(now, adaptive.failures(), adaptive.window().toMillis(), adaptive.penalty().toMillis());
  }

  private boolean penalized(String clientId, String remoteAddress, long now) {
    FailureTracker byClient = clientFailures.get(clientId);
    FailureTracker byAddress = addressFailures.get(remoteAddress);
    return (byClient != null && byClient.penalized(now)) || (byAddress != null && byAddress.penalized(now));
  }

  private void sweepIfDue(long now) {
    if (now - lastSweepMs < windowMs) {
      return;
    }
    lastSweepMs = now;
    long failureWindowMs = adaptive.window().toMillis();
    windows.values().removeIf(w -> w.isIdle(now, windowMs));
    clientFailures.values().removeIf(t -> t.isIdle(now, failureWindowMs));
    addressFailures.values().removeIf(t -> t.isIdle(now, failureWindowMs));
  }

  private record WindowKey(String clientId, RateBucket bucket) {}
}
