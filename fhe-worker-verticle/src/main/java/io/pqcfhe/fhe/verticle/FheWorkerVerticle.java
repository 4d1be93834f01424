package io.pqcfhe.fhe.verticle;

import io.pqcfhe.fhe.service.EngineErrors;
import io.pqcfhe.fhe.service.FheService;
import io.pqcfhe.protocol.Action;
import io.pqcfhe.protocol.ActionReply;
import io.pqcfhe.protocol.ActionRequest;
import io.pqcfhe.protocol.Addresses;
import io.pqcfhe.protocol.ErrorCode;
import io.pqcfhe.protocol.ProtocolError;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Serves the {@code fhe.*} actions ({@link Addresses#FHE}). Deployed as a worker verticle, several instances per node sharing one
 * {@link FheService} (see {@link FheWorkers}); it only wires: the work is the service's, to which it passes the
 * request's operation id ({@link Addresses#OPERATION_ID_HEADER}) when the cluster's router set one. The consumer
 * of {@link Addresses#FHE} is local: in a cluster the router sends to a chosen worker node, which forwards to it.
 */
public final class FheWorkerVerticle extends VerticleBase {
  private static final System.Logger LOG = System.getLogger(FheWorkerVerticle.class.getName());

  private final FheService service;
  private final ContextCountReporter reporter;

  FheWorkerVerticle(FheService service, ContextCountReporter reporter) {
    this.service = Objects.requireNonNull(service, "service");
    this.reporter = Objects.requireNonNull(reporter, "reporter");
  }

  @Override
  public Future<?> start() {
    return vertx.eventBus().localConsumer(Addresses.FHE, this::onAction).completion();
  }

  private void onAction(Message<ActionRequest> message) {
    ActionRequest request = message.body();
    message.reply(answer(request, Optional.ofNullable(message.headers().get(Addresses.OPERATION_ID_HEADER))));
    if (request.action().equals(Action.FHE_SETUP.wireName()) || request.action().equals(Action.FHE_RELEASE.wireName())) {
      reporter.report(vertx.eventBus(), false);
    }
  }

  private ActionReply answer(ActionRequest request, Optional<String> operationId) {
    Action action = Action.fromWire(request.action()).orElse(null);
    if (action == null || !request.action().startsWith("fhe.")) {
      return ActionReply.failure(
          ProtocolError.withReason(ErrorCode.INVALID_REQUEST, "unknown_action", "not an fhe action"));
    }
    try {
      // Encoded here, on the worker thread: a returned ciphertext is hundreds of kilobytes of JSON, which the
      // gateway then writes without touching it on its event loop.
      return ActionReply.encoded(
          service.answer(action, request.payload(), request.session().sessionId(), operationId).utf8(), List.of());
    } catch (RuntimeException | Error e) {
      // Errors too (an OutOfMemoryError while generating keys): the client gets SERVER_ERROR at once
      // instead of waiting for the gateway's timeout.
      ProtocolError error = EngineErrors.toProtocolError(e);
      if (error.code() == ErrorCode.SERVER_ERROR) {
        // The class only: messages and stack traces stay out of logs and answers.
        LOG.log(System.Logger.Level.ERROR, "{0} failed: {1}", action.wireName(), e.getClass().getName());
      }
      return ActionReply.failure(error);
    }
  }
}
