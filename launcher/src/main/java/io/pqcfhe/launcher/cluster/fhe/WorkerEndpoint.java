package io.pqcfhe.launcher.cluster.fhe;

import io.pqcfhe.protocol.ActionReply;
import io.pqcfhe.protocol.ActionRequest;
import io.pqcfhe.protocol.Addresses;
import io.pqcfhe.protocol.ErrorCode;
import io.pqcfhe.protocol.ProtocolError;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Duration;

/**
 * On an FHE worker node: takes the requests gateways route to this node ({@link Addresses#fheWorker}) and hands
 * them to the node's own FHE worker verticles ({@link Addresses#FHE}, consumed node-locally) with the request's
 * operation id ({@link Addresses#OPERATION_ID_HEADER}), replying with their answer. Only wiring: the event loop
 * never waits.
 */
public final class WorkerEndpoint extends VerticleBase {
  private final String nodeId;
  private final DeliveryOptions local;
  private MessageConsumer<ActionRequest> consumer;

  public WorkerEndpoint(String nodeId, Duration requestTimeout) {
    this.nodeId = nodeId;
    this.local = new DeliveryOptions().setLocalOnly(true).setSendTimeout(requestTimeout.toMillis());
  }

  @Override
  public Future<?> start() {
    consumer = vertx.eventBus().consumer(Addresses.fheWorker(nodeId), this::handle);
    return consumer.completion();
  }

  private void handle(Message<ActionRequest> message) {
    DeliveryOptions options = new DeliveryOptions(local);
    String operationId = message.headers().get(Addresses.OPERATION_ID_HEADER);
    if (operationId != null) {
      // Only cluster members can send here (mutual TLS); a malformed id is a bug, never worth running with.
      if (!Addresses.isOperationId(operationId)) {
        message.reply(serverError());
        return;
      }
      options.addHeader(Addresses.OPERATION_ID_HEADER, operationId);
    }
    vertx.eventBus().<Object>request(Addresses.FHE, message.body(), options)
        .map(reply -> reply.body() instanceof ActionReply actionReply ? actionReply : serverError())
        .otherwise(failure -> ActionReply.failure(ProtocolError.withReason(ErrorCode.SERVICE_UNAVAILABLE,
            "no_service", "Service unavailable, try again later")))
        .onSuccess(message::reply);
  }

  private static ActionReply serverError() {
    return ActionReply.failure(ProtocolError.of(ErrorCode.SERVER_ERROR, "Internal server error"));
  }
}
