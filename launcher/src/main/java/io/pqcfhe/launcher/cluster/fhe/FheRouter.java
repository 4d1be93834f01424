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
import java.security.SecureRandom;
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
 * <p>Every worker can serve every session: the FHE state lives in the cluster's maps, each worker caching what it
 * used. A session still sticks to one worker while that worker lives, so that its contexts stay warm in one cache;
 * a session's first request, and its first one after its worker left, goes to the next live worker in round
 * robin, which spreads sessions over the workers and gives a worker that joins later its share of new sessions.
 *
 * <p>Each request carries a fresh operation id ({@link Addresses#OPERATION_ID_HEADER}). When its worker leaves
 * the cluster with it in flight, or is not there to take it, the request is sent once more, with the same id, to
 * another live worker: the worker derives every id it creates from the operation id and keeps the answer under
 * it, so whether or not the first worker finished, the retry duplicates nothing and answers what the first would
 * have. One retry only, and never past the deadline: an answer always comes before the gateway's own timeout,
 * the worker's or {@code SERVICE_UNAVAILABLE} ({@code no_worker}, {@code worker_lost}, {@code timeout}).
 *
 * <p>Every field is touched on this verticle's event loop only.
 */
public final class FheRouter extends VerticleBase {
  /** The router answers this long before the gateway would time out, so that its answer is the one sent. */
  static final Duration ANSWER_MARGIN = Duration.ofMillis(500);

  private final WorkerDirectory directory;
  private final Duration budget;
  private final WorkerRequestCounter counter;
  private final OperationIds operationIds;
  private final Map<String, String> workerOfSession = new HashMap<>();
  private final Map<String, Set<Promise<ActionReply>>> inFlight = new HashMap<>();
  private int nextWorker;
  private Context context;
  private MessageConsumer<ActionRequest> requests;
  private MessageConsumer<SessionInfo> sessionEnds;

  /**
   * @param requestTimeout the gateway's request timeout; the router answers within it
   */
  public FheRouter(WorkerDirectory directory, Duration requestTimeout, WorkerRequestCounter counter,
      SecureRandom random) {
    this.directory = directory;
    Duration budget = requestTimeout.minus(ANSWER_MARGIN);
    this.budget = budget.isNegative() || budget.isZero() ? requestTimeout : budget;
    this.counter = counter;
    this.operationIds = new OperationIds(random);
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
    directory.close();
    return Future.all(requests.unregister(), sessionEnds.unregister());
  }

  private void route(Message<ActionRequest> message) {
    long deadline = System.nanoTime() + budget.toNanos();
    attempt(message.body(), operationIds.next(), null, deadline).onSuccess(message::reply);
  }

  /**
   * One try on one worker, and one more on another when the first is gone ({@code failed} is then the first).
   * Never fails: every outcome is an answer.
   */
  private Future<ActionReply> attempt(ActionRequest request, String operationId, String failed, long deadline) {
    String sessionId = request.session().sessionId();
    String worker = chooseWorker(sessionId, failed);
    if (worker == null) {
      return Future.succeededFuture(unavailable(failed == null ? "no_worker" : "worker_lost",
          "No FHE worker is available, try again later"));
    }
    long remainingMs = (deadline - System.nanoTime()) / 1_000_000;
    if (remainingMs <= 0) {
      return Future.succeededFuture(timedOut());
    }
    workerOfSession.put(sessionId, worker);
    Promise<ActionReply> answer = Promise.promise();
    inFlight.computeIfAbsent(worker, w -> new HashSet<>()).add(answer);
    vertx.eventBus().<Object>request(Addresses.fheWorker(worker), request, new DeliveryOptions()
            .setSendTimeout(remainingMs)
            .addHeader(Addresses.OPERATION_ID_HEADER, operationId))
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
          if (result.cause() instanceof ReplyException reply && reply.failureType() == ReplyFailure.TIMEOUT) {
            // The deadline has come (the send timeout was what remained of it): no time for another try.
            counter.count(worker, "timeout");
            return Future.succeededFuture(timedOut());
          }
          // The worker left with the request (WorkerLostException), had no consumer any more (NO_HANDLERS), or
          // could not be reached: whatever it did of the request, the retry with the same id completes it.
          counter.count(worker, "worker_lost");
          if (worker.equals(workerOfSession.get(sessionId))) {
            workerOfSession.remove(sessionId);
          }
          return failed == null ? attempt(request, operationId, worker, deadline)
              : Future.succeededFuture(unavailable("worker_lost",
                  "The FHE workers were lost while answering, try again later"));
        });
  }

  /** The session's worker while it lives, else the next live one in round robin; never {@code excluded}. */
  private String chooseWorker(String sessionId, String excluded) {
    List<String> live = directory.liveWorkers().stream().filter(w -> !w.equals(excluded)).toList();
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

  /** Fails the requests in flight to a departed worker (they are retried) and unsticks its sessions. */
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

  private static ActionReply timedOut() {
    return unavailable("timeout", "The service did not answer in time");
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
