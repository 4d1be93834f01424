package io.pqcfhe.gateway.ratelimit;

/**
 * The attempt times of one client id in one bucket over a sliding window. "Fewer than {@code limit}
 * attempts in the last window" depends only on the {@code limit} most recent attempts, so the window keeps
 * at most {@code capacity} (the largest limit that can apply) and stays exact with bounded memory. The ring
 * grows on demand, so quiet clients cost little. Not thread-safe; {@link LocalRateLimiter} guards it.
 */
final class SlidingWindow {
  private static final int INITIAL_SLOTS = 8;

  private final int capacity;
  private long[] times;
  private int head;
  private int size;

  SlidingWindow(int capacity) {
    this.capacity = capacity;
    this.times = new long[Math.min(capacity, INITIAL_SLOTS)];
  }

  /** Records an attempt at {@code nowMs} and decides it against {@code limit} (at most the capacity). */
  Verdict attempt(long nowMs, long windowMs, int limit) {
    evictBefore(nowMs - windowMs);
    boolean allowed = size < limit;
    if (size == capacity) {
      // Only the most recent `capacity` attempts can decide anything: the oldest falls out.
      head = (head + 1) % times.length;
      size--;
    } else if (size == times.length) {
      grow();
    }
    times[(head + size) % times.length] = nowMs;
    size++;
    // The window admits one more attempt once all but limit-1 of its attempts have left it.
    int leaving = size >= limit ? size - limit : 0;
    long resetAtMs = times[(head + leaving) % times.length] + windowMs;
    return new Verdict(allowed, Math.max(0, limit - size), resetAtMs);
  }

  boolean isIdle(long nowMs, long windowMs) {
    evictBefore(nowMs - windowMs);
    return size == 0;
  }

  private void evictBefore(long cutoffMs) {
    while (size > 0 && times[head] <= cutoffMs) {
      head = (head + 1) % times.length;
      size--;
    }
  }

  private void grow() {
    long[] bigger = new long[Math.min(capacity, times.length * 2)];
    for (int i = 0; i < size; i++) {
      bigger[i] = times[(head + i) % times.length];
    }
    times = bigger;
    head = 0;
  }

  record Verdict(boolean allowed, int remaining, long resetAtMs) {}
}
