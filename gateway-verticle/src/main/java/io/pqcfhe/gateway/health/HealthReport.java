package io.pqcfhe.gateway.health;

import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * {@code GET /ws/health} (§9). {@code unhealthy} while the gateway is stopping; {@code degraded} when
 * connections or heap use reach 90% of their maximum, or, in a cluster, when no FHE worker is a member;
 * {@code healthy} otherwise.
 *
 * @param cluster in a cluster, its member count and FHE worker count ({@code nodes}, {@code fhe_workers})
 */
public record HealthReport(String status, int activeSessions, long activeFheContexts, long memoryUsageMb, long uptimeSeconds,
    Optional<ClusterCounts> cluster) {

  /** A snapshot of {@link ClusterView}. */
  public record ClusterCounts(int nodes, int fheWorkers) {}

  static final double DEGRADED_FRACTION = 0.9;

  public static HealthReport of(
      boolean stopping, int sessions, int maxConnections, long fheContexts, long heapUsedBytes, long heapMaxBytes, long uptimeSeconds) {
    String status;
    if (stopping) {
      status = "unhealthy";
    } else if (sessions >= DEGRADED_FRACTION * maxConnections
        || (heapMaxBytes > 0 && heapUsedBytes >= DEGRADED_FRACTION * heapMaxBytes)) {
      status = "degraded";
    } else {
      status = "healthy";
    }
    return new HealthReport(status, sessions, fheContexts, heapUsedBytes / (1024 * 1024), uptimeSeconds,
        Optional.empty());
  }

  /** This report with the cluster's counts; without any FHE worker a healthy gateway is degraded. */
  public HealthReport inCluster(ClusterCounts counts) {
    String adjusted = status.equals("healthy") && counts.fheWorkers() == 0 ? "degraded" : status;
    return new HealthReport(adjusted, activeSessions, activeFheContexts, memoryUsageMb, uptimeSeconds,
        Optional.of(counts));
  }

  /** 200 when healthy or degraded, 503 when unhealthy. */
  public int httpStatus() {
    return status.equals("unhealthy") ? 503 : 200;
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("status", status)
        .put("active_sessions", activeSessions)
        .put("active_fhe_contexts", activeFheContexts)
        .put("memory_usage_mb", memoryUsageMb)
        .put("uptime_seconds", uptimeSeconds);
    cluster.ifPresent(c -> json.put("nodes", c.nodes()).put("fhe_workers", c.fheWorkers()));
    return json;
  }
}
