package io.pqcfhe.gateway.ratelimit;

import java.util.ArrayDeque;

/**
 * Authentication failures of one client id or one address, and the penalty they earned (§7). Not
 * thread-safe; {@link LocalRateLimiter} guards it.
 */
final class FailureTracker {
  private final ArrayDeque<Long> recentFailures = new ArrayDeque<>();
  private long penalizedUntilMs;

  /** Records a failure; returns true when it starts (or extends) a penalty. */
  boolean fail(long nowMs, int threshold, long windowMs, long penaltyMs) {
    evictBefore(nowMs - windowMs);
    recentFailures.addLast(nowMs);
    if (recentFailures.size() >= threshold) {
      penalizedUntilMs = nowMs + penaltyMs;
      recentFailures.clear();
      return true;
    }
    return false;
  }

  boolean penalized(long nowMs) {
    return nowMs < penalizedUntilMs;
  }

  boolean isIdle(long nowMs, long windowMs) {
    evictBefore(nowMs - windowMs);
    return recentFailures.isEmpty() && !penalized(nowMs);
  }

  private void evictBefore(long cutoffMs) {
    while (!recentFailures.isEmpty() && recentFailures.peekFirst() <= cutoffMs) {
      recentFailures.removeFirst();
    }
  }
}
