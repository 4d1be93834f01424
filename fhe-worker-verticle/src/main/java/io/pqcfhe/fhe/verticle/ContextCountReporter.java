package io.pqcfhe.fhe.verticle;

import io.pqcfhe.fhe.store.FheStore;
import io.pqcfhe.protocol.Addresses;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publishes this node's number of live contexts on {@link Addresses#FHE_CONTEXT_COUNTS} (for health's
 * {@code active_fhe_contexts}): when it changes, and periodically so gateways that start later learn it.
 * One reporter per store: the count is the store's, whatever the number of worker instances. Thread-safe.
 */
final class ContextCountReporter {
  private final FheStore store;
  private final String workerId = "fhe-" + UUID.randomUUID();
  private final AtomicInteger lastReported = new AtomicInteger(-1);

  ContextCountReporter(FheStore store) {
    this.store = store;
  }

  /** Publishes the count if it differs from the last one published (or always, when {@code force}). */
  void report(EventBus eventBus, boolean force) {
    int count = store.activeContexts();
    if (lastReported.getAndSet(count) != count || force) {
      eventBus.publish(
          Addresses.FHE_CONTEXT_COUNTS, new JsonObject().put("worker_id", workerId).put("active_contexts", count));
    }
  }
}
