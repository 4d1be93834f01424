package io.pqcfhe.fhe.verticle;

import io.pqcfhe.fhe.service.FheService;
import io.pqcfhe.fhe.store.FheStore;
import io.pqcfhe.fhe.store.InMemoryFheStore;
import io.pqcfhe.fhe.store.shared.SharedAnswers;
import io.pqcfhe.fhe.store.shared.SharedFheStore;
import io.pqcfhe.fhe.store.shared.SharedState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.SecureRandom;

/** Deploys a node's FHE workers: one store and one service, shared by every worker verticle instance. */
public final class FheWorkers {
  private final FheService service;
  private final FheStore store;
  private final int instances;
  private final Runnable onUndeploy;

  private FheWorkers(FheStore store, FheService service, int instances, Runnable onUndeploy) {
    this.store = store;
    this.service = service;
    this.instances = instances;
    this.onUndeploy = onUndeploy;
  }

  /** The workers of a single process, with a node-local in-memory store. */
  public static FheWorkers create(FheWorkerConfig config) {
    SecureRandom random = new SecureRandom();
    FheStore store = new InMemoryFheStore(config.quotas());
    return new FheWorkers(store, new FheService(store, config.limits(), random), config.instances(), () -> {});
  }

  /**
   * The workers of a cluster node, keeping the FHE state in the cluster's maps ({@link SharedFheStore}) so
   * that any worker can serve any session, and answering retried operations idempotently (operation ids,
   * answers kept in {@code state.answers()}). Caches take at most a quarter (contexts) and an eighth
   * (ciphertexts) of the heap.
   *
   * @param stateKey the 32-byte cluster state key sealing secret keys: copied (the caller wipes its array),
   *     and the copy wiped when the workers are undeployed
   */
  public static FheWorkers shared(FheWorkerConfig config, SharedState state, byte[] stateKey) {
    SecureRandom random = new SecureRandom();
    SharedFheStore store =
        SharedFheStore.open(
            state,
            stateKey,
            config.quotas(),
            config.limits().maxSealObjectBytes(),
            SharedFheStore.CacheBudget.ofHeap(Runtime.getRuntime().maxMemory()),
            random);
    FheService service = new FheService(store, new SharedAnswers(state.answers()), config.limits(), random);
    return new FheWorkers(store, service, config.instances(), store::close);
  }

  /**
   * Deploys the instances as worker verticles, under one parent that also reports the context count; undeploying
   * it closes the store (a shared store wipes its copy of the state key). The protocol's event-bus codecs must
   * already be registered ({@code ProtocolCodecs.register}).
   *
   * @return the deployment id
   */
  public Future<String> deploy(Vertx vertx) {
    return vertx.deployVerticle(new FheNodeVerticle(service, new ContextCountReporter(store), instances, onUndeploy));
  }

  /** The service the verticles share (for in-process callers and tests). */
  public FheService service() {
    return service;
  }

  /**
   * Contexts alive on this node (for health's {@code active_fhe_contexts}); with a shared store, those whose
   * primary copy is on this node.
   */
  public int activeContexts() {
    return store.activeContexts();
  }
}
