package io.pqcfhe.client;

import io.pqcfhe.client.PqcFheException.LocalCode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests waiting for their answer, keyed by request id: answers may come in any order (PROTOCOL.md §2),
 * each waits at most its timeout, and closing fails all that remain. Thread-safe: a request is settled
 * exactly once, by whichever of answer, timeout or close comes first.
 */
final class PendingRequests {
  private final Vertx vertx;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private volatile PqcFheException closedWith;

  private record Pending(Promise<JsonObject> promise, long timerId) {}

  PendingRequests(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * Starts waiting for the answer to {@code id}. Register before sending, so that even an immediate answer
   * finds its request.
   */
  Future<JsonObject> register(String id, Duration timeout) {
    Promise<JsonObject> promise = Promise.promise();
    PqcFheException closed = closedWith;
    if (closed != null) {
      promise.fail(closed);
      return promise.future();
    }
    long timerId =
        vertx.setTimer(
            Math.max(1, timeout.toMillis()),
            t ->
                fail(
                    id,
                    PqcFheException.local(
                        LocalCode.TIMEOUT, "no answer to request " + id + " within " + timeout.toMillis() + " ms")));
    if (pending.putIfAbsent(id, new Pending(promise, timerId)) != null) {
      vertx.cancelTimer(timerId);
      throw new IllegalStateException("request id already pending: " + id);
    }
    // close() may have run between the check above and the insertion; settle what it missed.
    closed = closedWith;
    if (closed != null) {
      fail(id, closed);
    }
    return promise.future();
  }

  /** Completes the request {@code id}; false when no such request waits (late, unknown or duplicate). */
  boolean complete(String id, JsonObject payload) {
    Pending p = take(id);
    return p != null && p.promise.tryComplete(payload);
  }

  boolean fail(String id, Throwable error) {
    Pending p = take(id);
    return p != null && p.promise.tryFail(error);
  }

  /** Fails everything that waits, and every later registration, with {@code error}. */
  void failAll(PqcFheException error) {
    closedWith = error;
    List<String> ids = new ArrayList<>(pending.keySet());
    ids.forEach(id -> fail(id, error));
  }

  int size() {
    return pending.size();
  }

  private Pending take(String id) {
    if (id == null) {
      return null;
    }
    Pending p = pending.remove(id);
    if (p != null) {
      vertx.cancelTimer(p.timerId);
    }
    return p;
  }
}
