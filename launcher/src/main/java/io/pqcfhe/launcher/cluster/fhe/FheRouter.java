package io.pqcfhe.launcher.cluster.fhe;

import io.pqcfhe.protocol.ActionReply;
import io.pqcfhe.protocol.ActionRequest;
import io.pqcfhe.protocol.Addresses;
import io.pqcfhe.protocol.ErrorCode;
import io.pqcfhe.protocol.ProtocolError;
import io.pqcfhe.protocol.SessionInfo;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * On a gateway node of a cluster: the node-local consumer of {@link Addresses#FHE}, which sends each fhe.*
 * request on to one FHE worker node ({@link Addresses#fheWorker}).
 *
 * <p>A session sticks to one worker (its contexts, ciphertexts and quotas live there); a session's first
 * request goes to the next live worker in round robin, which spreads sessions over the workers. When that worker
 * leaves the cluster (or has no handler), the request is sent once more to another worker; an answer always
 * comes before the gateway's own timeout: the worker's, or {@code SERVICE_UNAVAILABLE} (reason
 * {@code no_worker}, {@code worker_lost} or {@code timeout}).
 *
 * <p>Every field is touched on this verticle's event loop only.
 */
public final class FheRouter extends VerticleBase {
  /** The router answers this long before the gateway would time out, so that its answer is the one sent. */
  static final Duration ANSWER_MARGIN = Duration.ofMillis(500);

  private final WorkerDirectory directory;
  private final Duration budget;
  private final WorkerRequestCounter counter;
  private final Map<String, String> workerOfSession = new HashMap<>();
  private final Map<String, Set<Promise<ActionReply>>> inFlight = new HashMap<>();
  private int nextWorker;
  private Context context;
  private MessageConsumer<ActionRequest> requests;
  private MessageConsumer<SessionInfo> sessionEnds;

  /**
   * @param requestTimeout the gateway's request timeout; the router answers within it
   */
  public FheRouter(WorkerDirectory directory, Duration requestTimeout, WorkerRequestCounter counter) {
    this.directory = directory;
    Duration budget = requestTimeout.minus(ANSWER_MARGIN);
    this.budget = budget.isNegative() || budget.isZero() ? requestTimeout : budget;
    this.counter = counter;
  }

  @Override
  public Future<?> start() {
    context = vertx.getOrCreateContext();
    directory.onDeparture(nodeId -> context.runOnContext(v -> workerLost(nodeId)));
    requests = vertx.eventBus().localConsumer(Addresses.FHE, this::route);
    sessionEnds = vertx.eventBus().localConsumer(Addresses.SESSION_ENDED,
        message -> workerOfSession.remove(message.body().sessionId()));
    return Future.all(requests.completion(), sessionEnds.completion());
  }

  @Override
  public Future<?> stop() {
    return Future.all(requests.unregister(), sessionEnds.unregister());
  }

  private void route(Message<ActionRequest> message) {
    long deadline = System.nanoTime() + budget.toNanos();
    attempt(message.body(), new HashSet<>(), deadline).onSuccess(message::reply);
  }

  /** One try on one worker; at most one more on another when the first is gone. Never fails. */
  private Future<ActionReply> attempt(ActionRequest request, Set<String> excluded, long deadline) {
    String sessionId = request.session().sessionId();
    String worker = chooseWorker(sessionId, excluded);
    if (worker == null) {
      return Future.succeededFuture(unavailable(excluded.isEmpty() ? "no_worker" : "worker_lost",
          "No FHE worker is available, try again later"));
    }
    long remainingMs = (deadline - System.nanoTime()) / 1_000_000;
    if (remainingMs <= 0) {
      return Future.succeededFuture(unavailable("timeout", "The service did not answer in time"));
    }
    workerOfSession.put(sessionId, worker);
    Promise<ActionReply> answer = Promise.promise();
    inFlight.computeIfAbsent(worker, w -> new HashSet<>()).add(answer);
    vertx.eventBus().<Object>request(Addresses.fheWorker(worker), request,
            new DeliveryOptions().setSendTimeout(remainingMs))
        .onComplete(result -> {
          if (result.succeeded()) {
            Object body = result.result().body();
            answer.tryComplete(body instanceof ActionReply reply ? reply
                : ActionReply.failure(ProtocolError.of(ErrorCode.SERVER_ERROR, "Internal server error")));
          } else {
            answer.tryFail(result.cause());
          }
        });
    return answer.future()
        .onComplete(done -> forget(worker, answer))
        .transform(result -> {
          if (result.succeeded()) {
            counter.count(worker, "answered");
            return Future.succeededFuture(result.result());
          }
          Throwable failure = result.cause();
          boolean gone = failure instanceof WorkerLostException
              || failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS;
          counter.count(worker, gone ? "worker_lost" : "timeout");
          if (gone && excluded.isEmpty()) {
            Set<String> without = new HashSet<>(excluded);
            without.add(worker);
            if (workerOfSession.get(sessionId) != null && workerOfSession.get(sessionId).equals(worker)) {
              workerOfSession.remove(sessionId);
            }
            return attempt(request, without, deadline);
          }
          return Future.succeededFuture(gone ? unavailable("worker_lost", "The FHE worker was lost, try again")
              : unavailable("timeout", "The service did not answer in time"));
        });
  }

  private String chooseWorker(String sessionId, Set<String> excluded) {
    List<String> live = directory.liveWorkers().stream().filter(w -> !excluded.contains(w)).toList();
    if (live.isEmpty()) {
      return null;
    }
    String sticky = workerOfSession.get(sessionId);
    if (sticky != null && live.contains(sticky)) {
      return sticky;
    }
    nextWorker = (nextWorker + 1) % live.size();
    return live.get(nextWorker);
  }

  private void workerLost(String nodeId) {
    Set<Promise<ActionReply>> pending = inFlight.remove(nodeId);
    if (pending != null) {
      List.copyOf(pending).forEach(p -> p.tryFail(new WorkerLostException()));
    }
    workerOfSession.values().removeIf(nodeId::equals);
  }

  private void forget(String worker, Promise<ActionReply> answer) {
    Set<Promise<ActionReply>> pending = inFlight.get(worker);
    if (pending != null) {
      pending.remove(answer);
      if (pending.isEmpty()) {
        inFlight.remove(worker);
      }
    }
  }

  private static ActionReply unavailable(String reason, String message) {
    return ActionReply.failure(ProtocolError.withReason(ErrorCode.SERVICE_UNAVAILABLE, reason, message));
  }

  /** The worker left the cluster while the request was in flight. */
  static final class WorkerLostException extends RuntimeException {
    WorkerLostException() {
      super("worker lost", null, false, false);
    }
  }
}
