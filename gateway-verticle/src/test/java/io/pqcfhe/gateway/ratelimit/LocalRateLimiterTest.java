package io.pqcfhe.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.gateway.config.AdaptiveLimits;
import io.pqcfhe.gateway.config.GatewayConfig;
import io.pqcfhe.gateway.testing.MutableClock;
import io.pqcfhe.protocol.RateBucket;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LocalRateLimiterTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final LocalRateLimiter limiter =
      new LocalRateLimiter(GatewayConfig.defaultRates(), Duration.ofMinutes(1), AdaptiveLimits.defaults(), clock);

  @Test
  void slidingWindowAdmitsTheLimitThenRefusesUntilTheOldestLeaves() {
    for (int i = 0; i < 5; i++) {
      RateDecision decision = limiter.decide("a", "1.2.3.4", RateBucket.PQC);
      assertTrue(decision.allowed());
      assertEquals(4 - i, decision.remaining(), "remaining counts this request");
      clock.advance(Duration.ofSeconds(10));
    }
    RateDecision refused = limiter.decide("a", "1.2.3.4", RateBucket.PQC);
    assertFalse(refused.allowed());
    assertEquals(0, refused.remaining());
    // Attempts at 0, 10, 20, 30, 40 and this refused one at 50 all count: one more is admitted once only
    // four remain in the window, i.e. when the attempt at t=10 s leaves it, at t=70 s.
    assertEquals(Instant.parse("2026-01-01T00:01:10Z"), refused.resetAt());
    assertEquals(Duration.ofSeconds(20), refused.retryAfter(clock.instant()));
    clock.advance(Duration.ofSeconds(20));
    assertTrue(limiter.decide("a", "1.2.3.4", RateBucket.PQC).allowed(), "admitted exactly at reset_at");
  }

  @Test
  void refusedAttemptsCountToo() {
    for (int i = 0; i < 5; i++) {
      limiter.decide("a", "x", RateBucket.PQC);
    }
    clock.advance(Duration.ofSeconds(30));
    assertFalse(limiter.decide("a", "x", RateBucket.PQC).allowed()); // t=30, refused, counted
    clock.advance(Duration.ofSeconds(31)); // t=61: the five from t=0 left, the refused one from t=30 stays
    RateDecision next = limiter.decide("a", "x", RateBucket.PQC);
    assertTrue(next.allowed());
    assertEquals(3, next.remaining());
  }

  @Test
  void windowsArePerClientIdAndBucket() {
    for (int i = 0; i < 5; i++) {
      limiter.decide("a", "x", RateBucket.PQC);
    }
    assertFalse(limiter.decide("a", "x", RateBucket.PQC).allowed());
    assertTrue(limiter.decide("b", "x", RateBucket.PQC).allowed());
    assertTrue(limiter.decide("a", "x", RateBucket.FHE_SETUP).allowed());
  }

  @Test
  void nearLimitBelowTwentyPercent() {
    RateDecision decision = null;
    for (int i = 0; i < 80; i++) {
      decision = limiter.decide("a", "x", RateBucket.FHE_ENCRYPT);
    }
    assertEquals(20, decision.remaining());
    assertFalse(decision.nearLimit(), "20 of 100 is not fewer than 20%");
    assertTrue(limiter.decide("a", "x", RateBucket.FHE_ENCRYPT).nearLimit());
  }

  @Test
  void fiveFailuresHalveForTheClientAndTheAddressForTenMinutes() {
    for (int i = 0; i < 4; i++) {
      limiter.recordFailure("victim", "9.9.9.9");
    }
    assertEquals(5, limiter.decide("victim", "1.1.1.1", RateBucket.PQC).limit(), "four failures are not enough");
    limiter.recordFailure("victim", "9.9.9.9");
    assertEquals(2, limiter.decide("victim", "1.1.1.1", RateBucket.PQC).limit(), "5 halved, rounded down");
    assertEquals(1, limiter.decide("other", "9.9.9.9", RateBucket.FHE_SETUP).limit(), "the address too");
    assertEquals(5, limiter.decide("other", "8.8.8.8", RateBucket.PQC).limit(), "others untouched");
    clock.advance(Duration.ofMinutes(10));
    assertEquals(5, limiter.decide("fresh", "9.9.9.9", RateBucket.PQC).limit(), "penalty over");
  }

  @Test
  void failuresOutsideTheWindowDoNotAddUp() {
    for (int i = 0; i < 4; i++) {
      limiter.recordFailure("slow", "7.7.7.7");
      clock.advance(Duration.ofSeconds(20));
    }
    limiter.recordFailure("slow", "7.7.7.7");
    assertEquals(5, limiter.decide("slow", "7.7.7.7", RateBucket.PQC).limit());
  }

  @Test
  void idleEntriesAreEvicted() {
    for (int i = 0; i < 1000; i++) {
      limiter.decide("client-" + i, "addr", RateBucket.PQC);
      limiter.recordFailure("client-" + i, "addr-" + i);
    }
    assertTrue(limiter.trackedEntries() >= 2000);
    clock.advance(Duration.ofMinutes(2));
    limiter.decide("late", "addr", RateBucket.PQC);
    assertEquals(1, limiter.trackedEntries());
  }

  @Test
  void largeLimitsDoNotPreallocate() {
    SlidingWindow window = new SlidingWindow(1000);
    for (int i = 0; i < 1000; i++) {
      assertTrue(window.attempt(i, 60_000, 1000).allowed());
    }
    assertFalse(window.attempt(1000, 60_000, 1000).allowed());
    assertTrue(window.attempt(60_001, 60_000, 1000).allowed(), "the first attempts left");
  }
}
