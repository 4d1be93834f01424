package io.pqcfhe.client.cli;

import java.util.Arrays;

/** Collects latencies (nanoseconds) from many threads; summarises them as percentiles at the end. */
final class LatencyRecorder {
  private long[] samples = new long[1024];
  private int count;

  synchronized void record(long nanos) {
    if (count == samples.length) {
      samples = Arrays.copyOf(samples, count * 2);
    }
    samples[count++] = nanos;
  }

  /** Count, p50, p99 and max in milliseconds (nearest-rank percentiles). */
  record Summary(int count, double p50Millis, double p99Millis, double maxMillis) {
    String describe() {
      return count == 0
          ? "no samples"
          : String.format("p50 %.2f ms   p99 %.2f ms   max %.2f ms", p50Millis, p99Millis, maxMillis);
    }
  }

  synchronized Summary summary() {
    if (count == 0) {
      return new Summary(0, 0, 0, 0);
    }
    long[] sorted = Arrays.copyOf(samples, count);
    Arrays.sort(sorted);
    return new Summary(count, millis(rank(sorted, 0.50)), millis(rank(sorted, 0.99)), millis(sorted[count - 1]));
  }

  private static long rank(long[] sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }
}
