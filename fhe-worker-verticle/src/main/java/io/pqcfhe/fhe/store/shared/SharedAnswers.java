package io.pqcfhe.fhe.store.shared;

import io.pqcfhe.fhe.store.Answers;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers kept in the cluster's answers map under {@code sessionId/operationId} as their JSON (UTF-8),
 * expiring after {@link #TIME_TO_LIVE}: well past the gateway's deadline for the request, after which nobody
 * retries it.
 */
public final class SharedAnswers implements Answers {
  static final Duration TIME_TO_LIVE = Duration.ofMinutes(10);

  private final SharedMap answers;

  public SharedAnswers(SharedMap answers) {
    this.answers = Objects.requireNonNull(answers, "answers");
  }

  @Override
  public Optional<JsonObject> find(String sessionId, String operationId) {
    return answers.get(sessionId + "/" + operationId).map(bytes -> new JsonObject(Buffer.buffer(bytes)));
  }

  @Override
  public void keep(String sessionId, String operationId, JsonObject answer) {
    answers.set(sessionId + "/" + operationId, answer.toBuffer().getBytes(), TIME_TO_LIVE);
  }
}
