package io.pqcfhe.gateway.pipeline;

import io.pqcfhe.protocol.ActionReply;
import io.pqcfhe.protocol.ActionRequest;
import io.pqcfhe.protocol.ErrorCode;
import io.pqcfhe.protocol.ProtocolError;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.time.Duration;

/**
 * Sends an action to the service that answers it and turns every way that can go wrong into a protocol
 * answer: no service or no answer in time is {@code SERVICE_UNAVAILABLE} (reason {@code no_service} or
 * {@code timeout}); anything else is a generic {@code SERVER_ERROR}, never the failure's own text.
 */
public final class ServiceDispatcher {
  private final EventBus eventBus;
  private final DeliveryOptions delivery;

  public ServiceDispatcher(EventBus eventBus, Duration timeout) {
    this.eventBus = eventBus;
    this.delivery = new DeliveryOptions().setSendTimeout(timeout.toMillis());
  }

  /** Always succeeds: failures become an {@link ActionReply} carrying the protocol error. */
  public Future<ActionReply> dispatch(String address, ActionRequest request) {
    return eventBus.<Object>request(address, request, delivery)
        .map(message -> message.body() instanceof ActionReply reply ? reply : ActionReply.failure(serverError()))
        .otherwise(ServiceDispatcher::replyFor);
  }

  static ActionReply replyFor(Throwable failure) {
    if (failure instanceof ReplyException reply) {
      if (reply.failureType() == ReplyFailure.NO_HANDLERS) {
        return ActionReply.failure(
            ProtocolError.withReason(ErrorCode.SERVICE_UNAVAILABLE, "no_service", "Service unavailable, try again later"));
      }
      if (reply.failureType() == ReplyFailure.TIMEOUT) {
        return ActionReply.failure(
            ProtocolError.withReason(ErrorCode.SERVICE_UNAVAILABLE, "timeout", "The service did not answer in time"));
      }
    }
    return ActionReply.failure(serverError());
  }

  static ProtocolError serverError() {
    return ProtocolError.of(ErrorCode.SERVER_ERROR, "Internal server error");
  }
}
