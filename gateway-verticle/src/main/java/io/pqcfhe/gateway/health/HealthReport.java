package io.pqcfhe.gateway.health;

import io.vertx.core.json.JsonObject;

/**
 * {@code GET /ws/health} (§9). {@code unhealthy} while the gateway is stopping; {@code degraded} when
 * connections or heap use reach 90% of their maximum; {@code healthy} otherwise.
 */
public record HealthReport(String status, int activeSessions, long activeFheContexts, long memoryUsageMb, long uptimeSeconds) {

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
    return new HealthReport(status, sessions, fheContexts, heapUsedBytes / (1024 * 1024), uptimeSeconds);
  }

  /** 200 when healthy or degraded, 503 when unhealthy. */
  public int httpStatus() {
    return status.equals("unhealthy") ? 503 : 200;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("status", status)
        .put("active_sessions", activeSessions)
        .put("active_fhe_contexts", activeFheContexts)
        .put("memory_usage_mb", memoryUsageMb)
        .put("uptime_seconds", uptimeSeconds);
  }
}
