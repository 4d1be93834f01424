package io.pqcfhe.gateway.health;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live FHE contexts as the FHE workers report them on {@code Addresses.FHE_CONTEXT_COUNTS}: the latest
 * count of each worker, forgotten when a worker has been silent for {@link #STALE_AFTER}. Zero until a
 * worker reports.
 */
public final class FheContextCounts {
  public static final Duration STALE_AFTER = Duration.ofMinutes(2);

  private final Clock clock;
  private final Map<String, Report> byWorker = new ConcurrentHashMap<>();

  public FheContextCounts(Clock clock) {
    this.clock = clock;
  }

  /** Takes a report; malformed ones are ignored. */
  public void accept(Object body) {
    if (body instanceof JsonObject json
        && json.getValue("worker_id") instanceof String worker
        && json.getValue("active_contexts") instanceof Number count
        && count.longValue() >= 0) {
      byWorker.put(worker, new Report(count.longValue(), clock.millis()));
    }
  }

  public long total() {
    long cutoff = clock.millis() - STALE_AFTER.toMillis();
    byWorker.values().removeIf(r -> r.atMs() < cutoff);
    return byWorker.values().stream().mapToLong(Report::count).sum();
  }

  private record Report(long count, long atMs) {}
}
