package io.pqcfhe.fhe.verticle;

import io.pqcfhe.fhe.request.RequestLimits;
import io.pqcfhe.fhe.store.Quotas;
import java.util.Objects;

/**
 * How a node runs its FHE workers.
 *
 * @param instances worker verticle instances (each serves one request at a time on a worker thread)
 * @param quotas per-session limits
 * @param limits payload bounds (largest SEAL object, expression limits)
 */
public record FheWorkerConfig(int instances, Quotas quotas, RequestLimits limits) {

  public FheWorkerConfig {
    Objects.requireNonNull(quotas, "quotas");
    Objects.requireNonNull(limits, "limits");
    if (instances < 1) {
      throw new IllegalArgumentException("fhe_workers must be at least 1");
    }
  }

  /** One instance per available processor, the default quotas and limits. */
  public static FheWorkerConfig defaults() {
    return new FheWorkerConfig(Runtime.getRuntime().availableProcessors(), Quotas.DEFAULT, RequestLimits.DEFAULT);
  }
}
