package io.pqcfhe.launcher.cluster.ratelimit;

import java.util.Arrays;

/**
 * Pure functions over the value a cluster map holds for one client id and bucket: the times (epoch ms,
 * ascending) of the most recent attempts inside the sliding window, at most {@code capacity} of them (whether
 * fewer than {@code limit} attempts fell in the window depends only on the {@code limit} most recent ones). The
 * arrays are never modified: every step returns a new one, which the caller swaps in atomically.
 */
final class AttemptLog {
  private AttemptLog() {}

  /** The log after one more attempt at {@code nowMs}, and the verdict on that attempt. */
  record Step(long[] times, boolean allowed, int remaining, long resetAtMs) {}

  static Step attempt(long[] times, long nowMs, long windowMs, int limit, int capacity) {
    long[] live = within(times, nowMs - windowMs);
    boolean allowed = live.length < limit;
    int keep = Math.min(live.length, capacity - 1);
    long[] next = Arrays.copyOfRange(live, live.length - keep, live.length + 1);
    next[keep] = nowMs;
    // The window admits one more attempt once all but limit-1 of its attempts have left it.
    int leaving = next.length >= limit ? next.length - limit : 0;
    return new Step(next, allowed, Math.max(0, limit - next.length), next[leaving] + windowMs);
  }

  /**
   * Failures of one client id or address: element 0 is the end of the current penalty (0: none), the rest the
   * recent failure times. Reaching {@code threshold} failures within the window starts (or extends) a penalty
   * and clears the count.
   */
  static long[] fail(long[] record, long nowMs, int threshold, long windowMs, long penaltyMs) {
    long penaltyUntil = record == null ? 0 : record[0];
    long[] failures = record == null ? new long[0] : Arrays.copyOfRange(record, 1, record.length);
    long[] live = within(failures, nowMs - windowMs);
    if (live.length + 1 >= threshold) {
      return new long[] {nowMs + penaltyMs};
    }
    long[] next = new long[live.length + 2];
    next[0] = penaltyUntil;
    System.arraycopy(live, 0, next, 1, live.length);
    next[next.length - 1] = nowMs;
    return next;
  }

  static boolean penalized(long[] record, long nowMs) {
    return record != null && record.length > 0 && nowMs < record[0];
  }

  private static long[] within(long[] times, long cutoffMs) {
    if (times == null) {
      return new long[0];
    }
    int first = 0;
    while (first < times.length && times[first] <= cutoffMs) {
      first++;
    }
    return first == 0 ? times : Arrays.copyOfRange(times, first, times.length);
  }
}
