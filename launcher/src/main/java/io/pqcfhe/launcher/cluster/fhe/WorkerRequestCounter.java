package io.pqcfhe.launcher.cluster.fhe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;

/**
 * {@code pqc_fhe_cluster_fhe_requests_total{worker, outcome}}: the fhe.* requests this gateway node sent to
 * each worker node, by outcome: {@code answered}; {@code worker_lost} (the worker left with it, had no endpoint
 * or could not be reached: the request was then sent once more to another worker, counted there too);
 * {@code timeout}.
 */
public final class WorkerRequestCounter {
  static final String NAME = "pqc_fhe_cluster_fhe_requests";

  private final Optional<MeterRegistry> registry;

  /** @param registry the gateway's registry; empty (tests without metrics) counts nothing */
  public WorkerRequestCounter(Optional<MeterRegistry> registry) {
    this.registry = registry;
  }

  void count(String workerNodeId, String outcome) {
    registry.ifPresent(r -> Counter.builder(NAME)
        .description("fhe.* requests sent by this gateway node to each FHE worker node")
        .tag("worker", workerNodeId)
        .tag("outcome", outcome)
        .register(r)
        .increment());
  }
}
