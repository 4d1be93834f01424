package io.pqcfhe.gateway.ratelimit;

import io.pqcfhe.gateway.wire.Timestamps;
import io.pqcfhe.protocol.ErrorCode;
import io.pqcfhe.protocol.ProtocolError;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/**
 * The verdict on one attempt (§7).
 *
 * @param limit the limit in force (halved under an adaptive penalty)
 * @param remaining attempts left in the window, this one counted
 * @param resetAt when the window next admits one more attempt
 */
public record RateDecision(boolean allowed, int limit, int remaining, Instant resetAt) {

  /** §2: the {@code rate_limit} object is shown when fewer than 20% of the window remain. */
  public boolean nearLimit() {
    return remaining * 5 < limit;
  }

  public JsonObject toJson() {
    return new JsonObject().put("limit", limit).put("remaining", remaining).put("reset_at", Timestamps.format(resetAt));
  }

  public Duration retryAfter(Instant now) {
    Duration wait = Duration.between(now, resetAt);
    return wait.isNegative() ? Duration.ZERO : wait;
  }

  /** {@code RATE_LIMIT_EXCEEDED} with {@code details.limit}, {@code reset_at} and {@code retry_after_ms}. */
  public ProtocolError refusal(Instant now) {
    return ProtocolError.of(ErrorCode.RATE_LIMIT_EXCEEDED, "Rate limit exceeded")
        .withDetail("limit", limit)
        .withDetail("reset_at", Timestamps.format(resetAt))
        .withDetail("retry_after_ms", retryAfter(now).toMillis());
  }
}
