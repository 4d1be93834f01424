package io.pqcfhe.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {
  @Test
  void nearestRankPercentilesInMilliseconds() {
    LatencyRecorder r = new LatencyRecorder();
    for (int i = 100; i >= 1; i--) {
      r.record(i * 1_000_000L); // 1..100 ms, out of order
    }
    LatencyRecorder.Summary s = r.summary();
    assertEquals(100, s.count());
    assertEquals(50.0, s.p50Millis());
    assertEquals(99.0, s.p99Millis());
    assertEquals(100.0, s.maxMillis());
  }

  @Test
  void growsPastItsInitialCapacityAndSummarisesNothingAsZero() {
    LatencyRecorder r = new LatencyRecorder();
    assertEquals(0, r.summary().count());
    for (int i = 0; i < 5000; i++) {
      r.record(1_000_000L);
    }
    assertEquals(5000, r.summary().count());
    assertEquals(1.0, r.summary().p99Millis());
  }
}
