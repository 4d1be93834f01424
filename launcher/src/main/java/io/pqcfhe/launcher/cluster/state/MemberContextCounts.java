package io.pqcfhe.launcher.cluster.state;

import io.pqcfhe.fhe.store.shared.SharedMap;
import io.pqcfhe.protocol.Addresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * On a gateway node of a cluster: reports, on {@link Addresses#FHE_CONTEXT_COUNTS}, the FHE contexts whose primary
 * copy this member holds. Health's {@code active_fhe_contexts} sums such reports; worker nodes send theirs, but
 * gateways are Hazelcast members too and hold a share of the contexts map, which would otherwise be counted by
 * no one. Reported when it changes (looked at every {@link #PERIOD}), and every {@link #REFRESH} in any case, so
 * that gateways started later learn it and it never goes stale.
 */
public final class MemberContextCounts extends VerticleBase {
  static final Duration PERIOD = Duration.ofSeconds(5);
  static final Duration REFRESH = Duration.ofSeconds(30);

  private final SharedMap contexts;
  private final String reporterId;
  private final Duration period;
  private int lastReported = -1;
  private long lastReportAtMs;
  private long timer;

  /** @param nodeId this node's id, naming its reports */
  public MemberContextCounts(SharedMap contexts, String nodeId) {
    this(contexts, nodeId, PERIOD);
  }

  MemberContextCounts(SharedMap contexts, String nodeId, Duration period) {
    this.contexts = contexts;
    this.reporterId = "member-" + nodeId;
    this.period = period;
  }

  @Override
  public Future<?> start() {
    report();
    timer = vertx.setPeriodic(period.toMillis(), id -> report());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }

  /** Local statistics only (no network call): cheap enough for the event loop. */
  private void report() {
    int count = contexts.localSize();
    long now = System.currentTimeMillis();
    if (count != lastReported || now - lastReportAtMs >= REFRESH.toMillis()) {
      vertx.eventBus().publish(Addresses.FHE_CONTEXT_COUNTS,
          new JsonObject().put("worker_id", reporterId).put("active_contexts", count));
      lastReported = count;
      lastReportAtMs = now;
    }
  }
}
