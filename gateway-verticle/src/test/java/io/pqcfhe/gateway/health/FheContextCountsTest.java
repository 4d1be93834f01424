package io.pqcfhe.gateway.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.pqcfhe.gateway.testing.MutableClock;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FheContextCountsTest {
  @Test
  void zeroUntilReportedThenLatestPerWorkerUntilStale() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    FheContextCounts counts = new FheContextCounts(clock);
    assertEquals(0, counts.total());
    counts.accept(new JsonObject().put("worker_id", "a").put("active_contexts", 2));
    counts.accept(new JsonObject().put("worker_id", "b").put("active_contexts", 5));
    counts.accept(new JsonObject().put("worker_id", "a").put("active_contexts", 1));
    counts.accept(new JsonObject().put("worker_id", "c").put("active_contexts", -1));
    counts.accept("garbage");
    assertEquals(6, counts.total());
    clock.advance(FheContextCounts.STALE_AFTER.plus(Duration.ofSeconds(1)));
    assertEquals(0, counts.total());
  }

  @Test
  void healthStatus() {
    assertEquals("healthy", HealthReport.of(false, 10, 100, 0, 100, 1000, 5).status());
    assertEquals("degraded", HealthReport.of(false, 90, 100, 0, 100, 1000, 5).status());
    assertEquals("degraded", HealthReport.of(false, 1, 100, 0, 950, 1000, 5).status());
    assertEquals("unhealthy", HealthReport.of(true, 1, 100, 0, 100, 1000, 5).status());
    assertEquals(503, HealthReport.of(true, 1, 100, 0, 100, 1000, 5).httpStatus());
  }

  @Test
  void inAClusterHealthCountsNodesAndWorkersAndIsDegradedWithoutWorkers() {
    HealthReport healthy = HealthReport.of(false, 10, 100, 0, 100, 1000, 5);
    HealthReport withWorkers = healthy.inCluster(new HealthReport.ClusterCounts(3, 2));
    assertEquals("healthy", withWorkers.status());
    assertEquals(3, withWorkers.toJson().getInteger("nodes"));
    assertEquals(2, withWorkers.toJson().getInteger("fhe_workers"));
    HealthReport noWorker = healthy.inCluster(new HealthReport.ClusterCounts(1, 0));
    assertEquals("degraded", noWorker.status());
    assertEquals(200, noWorker.httpStatus());
    assertEquals("unhealthy", HealthReport.of(true, 1, 100, 0, 100, 1000, 5)
        .inCluster(new HealthReport.ClusterCounts(1, 0)).status());
    assertFalse(healthy.toJson().containsKey("nodes"), "outside a cluster, no cluster fields");
  }
}
