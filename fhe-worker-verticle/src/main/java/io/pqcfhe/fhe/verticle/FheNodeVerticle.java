package io.pqcfhe.fhe.verticle;

import io.pqcfhe.fhe.service.FheService;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;

/**
 * The FHE side of a node: deploys the worker verticle instances (children, undeployed with it) and
 * publishes the node's context count periodically.
 */
final class FheNodeVerticle extends VerticleBase {
  /** Well inside the two minutes after which gateways forget a silent worker. */
  static final long REPORT_PERIOD_MS = 30_000;

  private final FheService service;
  private final ContextCountReporter reporter;
  private final int instances;
  private final Runnable onStop;

  FheNodeVerticle(FheService service, ContextCountReporter reporter, int instances, Runnable onStop) {
    this.service = service;
    this.reporter = reporter;
    this.instances = instances;
    this.onStop = onStop;
  }

  @Override
  public Future<?> start() {
    DeploymentOptions workers =
        new DeploymentOptions()
            .setThreadingModel(ThreadingModel.WORKER)
            .setInstances(instances)
            .setWorkerPoolName("pqcfhe-fhe")
            .setWorkerPoolSize(instances);
    return vertx
        .deployVerticle(() -> new FheWorkerVerticle(service, reporter), workers)
        .onSuccess(id -> {
          reporter.report(vertx.eventBus(), true);
          vertx.setPeriodic(REPORT_PERIOD_MS, timer -> reporter.report(vertx.eventBus(), true));
        });
  }

  /** Runs after the worker instances (children) are undeployed: nothing uses the store any more. */
  @Override
  public Future<?> stop() {
    onStop.run();
    return Future.succeededFuture();
  }
}
