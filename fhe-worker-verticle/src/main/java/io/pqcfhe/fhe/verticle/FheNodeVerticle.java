package io.pqcfhe.fhe.verticle;

import io.pqcfhe.fhe.service.FheService;
import io.pqcfhe.protocol.Addresses;
import io.pqcfhe.protocol.SessionInfo;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;

/**
 * The FHE side of a node: deploys the worker verticle instances (children, undeployed with it), frees a
 * session's state when it ends ({@link Addresses#SESSION_ENDED}, once per node rather than once per instance:
 * the instances share one store), and publishes the node's context count periodically.
 */
final class FheNodeVerticle extends VerticleBase {
  private static final System.Logger LOG = System.getLogger(FheNodeVerticle.class.getName());
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
        .compose(id -> vertx.eventBus().<SessionInfo>consumer(Addresses.SESSION_ENDED, this::onSessionEnded).completion())
        .onSuccess(registered -> {
          reporter.report(vertx.eventBus(), true);
          vertx.setPeriodic(REPORT_PERIOD_MS, timer -> reporter.report(vertx.eventBus(), true));
        });
  }

  /** Off the event loop: freeing a session's state may wait for the cluster's maps. */
  private void onSessionEnded(Message<SessionInfo> message) {
    String sessionId = message.body().sessionId();
    vertx.executeBlocking(() -> {
          service.endSession(sessionId);
          return null;
        }, false)
        .onComplete(done -> {
          if (done.failed()) {
            // The class only, as elsewhere; another node's worker, or the maps' expiry, completes the end.
            LOG.log(System.Logger.Level.ERROR, "freeing an ended session failed: {0}", done.cause().getClass().getName());
          }
          reporter.report(vertx.eventBus(), false);
        });
  }

  /** Runs after the worker instances (children) are undeployed: nothing uses the store any more. */
  @Override
  public Future<?> stop() {
    onStop.run();
    return Future.succeededFuture();
  }
}
