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
 * <p>A session sticks to one worker (its contexts, ciphertexts and quotas live there, in that worker's memory);
 * a session's first request goes to the next live worker in round robin, which spreads sessions over the
 * workers. When a session's worker leaves the cluster, its contexts are gone with it: an {@code fhe.setup} in
 * flight is sent once more to another worker (nothing of it survived, so nothing is duplicated), any other
 * request is answered {@code SERVICE_UNAVAILABLE} reason {@code worker_lost}, and so are the session's later
 * requests until it sets up a new context, which goes to a live worker. An answer always comes before the
 * gateway's own timeout: the worker's, or {@code SERVICE_UNAVAILABLE} ({@code no_worker}, {@code worker_lost},
 * {@code timeout}).
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
  /** Sessions whose worker died with their contexts, until they set up a new one. */
  private final Set<String> orphaned = new HashSet<>();
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
        message -> {
          workerOfSession.remove(message.body().sessionId());
          orphaned.remove(message.body().sessionId());
        });
    return Future.all(requests.completion(), sessionEnds.completion());
  }

  @Override
  public Future<?> stop() {
    directory.close();
    return Future.all(requests.unregister(), sessionEnds.unregister());
  }

  private void route(Message<ActionRequest> message) {
    ActionRequest request = message.body();
    String sessionId = request.session().sessionId();
    if (orphaned.contains(sessionId)) {
      if (!isSetup(request)) {
        message.reply(workerLost());
        return;
      }
      orphaned.remove(sessionId);
    }
    long deadline = System.nanoTime() + budget.toNanos();
    attempt(request, new HashSet<>(), deadline).onSuccess(message::reply);
  }

  private static boolean isSetup(ActionRequest request) {
    return "fhe.setup".equals(request.action());
  }

  private static ActionReply workerLost() {
    return unavailable("worker_lost", "The FHE worker holding this session's contexts was lost; set up a new context");
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
            if (isSetup(request)) {
              orphaned.remove(sessionId);
            }
            return Future.succeededFuture(result.result());
          }
          Throwable failure = result.cause();
          boolean gone = failure instanceof WorkerLostException
              || failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS;
          counter.count(worker, gone ? "worker_lost" : "timeout");
          if (!gone) {
            return Future.succeededFuture(unavailable("timeout", "The service did not answer in time"));
          }
          if (worker.equals(workerOfSession.get(sessionId))) {
            workerOfSession.remove(sessionId);
          }
          if (isSetup(request) && excluded.isEmpty()) {
            Set<String> without = new HashSet<>(excluded);
            without.add(worker);
            return attempt(request, without, deadline);
          }
          if (!isSetup(request)) {
            orphaned.add(sessionId);
          }
          return Future.succeededFuture(workerLost());
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
    workerOfSession.entrySet().removeIf(entry -> {
      if (entry.getValue().equals(nodeId)) {
        orphaned.add(entry.getKey());
        return true;
      }
      return false;
    });
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
