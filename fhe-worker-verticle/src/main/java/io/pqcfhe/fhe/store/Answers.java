package io.pqcfhe.fhe.store;

import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * The answers already given to operations that changed a session's state, by operation id: a retried
 * operation (its worker died before answering) gets the same answer instead of running twice. Kept for a
 * while only. Thread-safe.
 */
public interface Answers {

  /** The answer given to the session's operation, if it succeeded and is still remembered. */
  Optional<JsonObject> find(String sessionId, String operationId);

  void keep(String sessionId, String operationId, JsonObject answer);

  /** Remembers nothing: for a single process, where nothing is retried. */
  static Answers none() {
    return new Answers() {
      @Override
      public Optional<JsonObject> find(String sessionId, String operationId) {
        return Optional.empty();
      }

      @Override
      public void keep(String sessionId, String operationId, JsonObject answer) {}
    };
  }
}
