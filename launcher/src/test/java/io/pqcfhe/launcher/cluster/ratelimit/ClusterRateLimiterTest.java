package io.pqcfhe.launcher.cluster.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.pqcfhe.gateway.config.AdaptiveLimits;
import io.pqcfhe.gateway.ratelimit.RateDecision;
import io.pqcfhe.launcher.cluster.HazelcastConfigs;
import io.pqcfhe.launcher.config.ClusterSettings;
import io.pqcfhe.protocol.RateBucket;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two gateways' limiters on two Hazelcast members count one client id's attempts together. */
class ClusterRateLimiterTest {
  private static final AtomicLong NOW = new AtomicLong(1_800_000_000_000L);
  private static final Clock CLOCK = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(NOW.get());
    }
  };
  private static final AdaptiveLimits ADAPTIVE = new AdaptiveLimits(3, Duration.ofMinutes(1), Duration.ofMinutes(10));

  private static HazelcastInstance memberA;
  private static HazelcastInstance memberB;
  private static Vertx vertx;
  private static ClusterRateLimiter gatewayA;
  private static ClusterRateLimiter gatewayB;

  @BeforeAll
  static void startMembers() throws Exception {
    String name = "ratelimit-test-" + UUID.randomUUID();
    memberA = Hazelcast.newHazelcastInstance(config(name));
    memberB = Hazelcast.newHazelcastInstance(config(name));
    assertEquals(2, memberA.getCluster().getMembers().size());
    vertx = Vertx.vertx();
    Map<RateBucket, Integer> limits = new EnumMap<>(RateBucket.class);
    for (RateBucket bucket : RateBucket.values()) {
      limits.put(bucket, 10);
    }
    limits.put(RateBucket.FHE_SETUP, 4);
    gatewayA = new ClusterRateLimiter(vertx, memberA, limits, Duration.ofMinutes(1), ADAPTIVE, CLOCK);
    gatewayB = new ClusterRateLimiter(vertx, memberB, limits, Duration.ofMinutes(1), ADAPTIVE, CLOCK);
  }

  @AfterAll
  static void stopMembers() {
    vertx.close();
    memberA.shutdown();
    memberB.shutdown();
  }

  @Test
  void attemptsOnBothGatewaysShareOneSlidingWindow() {
    String client = "client-" + UUID.randomUUID();
    assertTrue(gatewayA.decide(client, "10.0.0.1", RateBucket.FHE_SETUP).allowed());
    NOW.addAndGet(20_000);
    assertTrue(gatewayB.decide(client, "10.0.0.2", RateBucket.FHE_SETUP).allowed());
    assertTrue(gatewayA.decide(client, "10.0.0.1", RateBucket.FHE_SETUP).allowed());
    RateDecision fourth = gatewayB.decide(client, "10.0.0.2", RateBucket.FHE_SETUP);
    assertTrue(fourth.allowed());
    assertEquals(0, fourth.remaining());
    RateDecision fifth = gatewayA.decide(client, "10.0.0.1", RateBucket.FHE_SETUP);
    assertFalse(fifth.allowed(), "the limit of 4 holds across gateways");
    // Refused attempts count too: four attempts of the last minute are 20 s old, the window frees in a minute.
    assertEquals(Instant.ofEpochMilli(NOW.get() + 60_000), fifth.resetAt());
    NOW.addAndGet(40_001);
    assertFalse(gatewayB.decide(client, "10.0.0.2", RateBucket.FHE_SETUP).allowed(), "the first attempt left, not enough");
    NOW.addAndGet(60_000);
    assertTrue(gatewayB.decide(client, "10.0.0.2", RateBucket.FHE_SETUP).allowed());
    // Another bucket and another client id are counted apart.
    assertTrue(gatewayA.decide(client, "10.0.0.1", RateBucket.FHE_COMPUTE).allowed());
    assertTrue(gatewayA.decide("other-" + client, "10.0.0.1", RateBucket.FHE_SETUP).allowed());
  }

  @Test
  void concurrentAttemptsFromBothGatewaysAreAllCounted() throws Exception {
    String client = "client-" + UUID.randomUUID();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        ClusterRateLimiter gateway = i % 2 == 0 ? gatewayA : gatewayB;
        Callable<Boolean> attempt = () -> gateway.decide(client, "10.0.0.9", RateBucket.FHE_COMPUTE).allowed();
        results.add(pool.submit(attempt));
      }
      int allowed = 0;
      for (Future<Boolean> result : results) {
        allowed += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertEquals(10, allowed, "exactly the limit, never more, never fewer");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void failuresOnOneGatewayHalveTheLimitsOnTheOther() throws Exception {
    String client = "client-" + UUID.randomUUID();
    for (int i = 0; i < ADAPTIVE.failures(); i++) {
      (i % 2 == 0 ? gatewayA : gatewayB).recordFailure(client, "10.0.0.3");
    }
    // recordFailure runs on a worker thread; the decision after it sees the penalty.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    RateDecision decision = gatewayB.decide(client, "10.0.0.4", RateBucket.FHE_SETUP);
    while (decision.limit() != 2 && System.nanoTime() < deadline) {
      Thread.sleep(50);
      decision = gatewayB.decide(client, "10.0.0.4", RateBucket.FHE_SETUP);
    }
    assertEquals(2, decision.limit(), "4 halved");
    // The address is penalized too, whatever client id comes from it.
    assertEquals(5, gatewayA.decide("fresh-" + client, "10.0.0.3", RateBucket.FHE_COMPUTE).limit());
  }

  @Test
  void acquireAnswersOffTheEventLoop() throws Exception {
    RateDecision decision = gatewayA.acquire("client-" + UUID.randomUUID(), "10.0.0.5", RateBucket.SECURE)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertTrue(decision.allowed());
    assertEquals(9, decision.remaining());
  }

  private static Config config(String name) throws Exception {
    Path file = Path.of(ClusterRateLimiterTest.class.getResource("/io/pqcfhe/launcher/cluster/test-cluster.xml").toURI());
    return HazelcastConfigs.of(new ClusterSettings(name, "127.0.0.1", 5921, List.of("127.0.0.1"), 0,
        Optional.of(file), Optional.empty(), Optional.empty(), Duration.ofHours(1)));
  }
}
