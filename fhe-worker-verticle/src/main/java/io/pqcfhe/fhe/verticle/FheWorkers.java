package io.pqcfhe.fhe.verticle;

import io.pqcfhe.fhe.service.FheService;
import io.pqcfhe.fhe.store.FheStore;
import io.pqcfhe.fhe.store.InMemoryFheStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.SecureRandom;

/** Deploys a node's FHE workers: one store and one service, shared by every worker verticle instance. */
public final class FheWorkers {
  private final FheService service;
  private final FheStore store;
  private final int instances;

  private FheWorkers(FheStore store, FheService service, int instances) {
    this.store = store;
    this.service = service;
    this.instances = instances;
  }

  /** The workers of a node with a node-local in-memory store. */
  public static FheWorkers create(FheWorkerConfig config) {
    SecureRandom random = new SecureRandom();
    FheStore store = new InMemoryFheStore(config.quotas(), random);
    return new FheWorkers(store, new FheService(store, config.limits(), random), config.instances());
  }

  /**
   * Deploys the instances as worker verticles, under one parent that also reports the context count. The protocol's event-bus codecs must already be registered
   * ({@code ProtocolCodecs.register}).
   *
   * @return the deployment id
   */
  public Future<String> deploy(Vertx vertx) {
    return vertx.deployVerticle(new FheNodeVerticle(service, new ContextCountReporter(store), instances));
  }

  /** The service the verticles share (for in-process callers and tests). */
  public FheService service() {
    return service;
  }

  /** Contexts alive on this node (for health's {@code active_fhe_contexts}). */
  public int activeContexts() {
    return store.activeContexts();
  }
}
