package io.pqcfhe.gateway.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Adaptive tightening (§7): {@code failures} authentication failures within {@code window} halve the
 * limits of that client id and of that remote address for {@code penalty} (rounded down, at least 1).
 */
public record AdaptiveLimits(int failures, Duration window, Duration penalty) {

  public AdaptiveLimits {
    if (failures < 1) {
      throw new IllegalArgumentException("adaptive_failures must be positive");
    }
    if (Objects.requireNonNull(window, "adaptive window").isNegative() || window.isZero()) {
      throw new IllegalArgumentException("adaptive_window_seconds must be positive");
    }
    if (Objects.requireNonNull(penalty, "adaptive penalty").isNegative() || penalty.isZero()) {
      throw new IllegalArgumentException("adaptive_penalty_seconds must be positive");
    }
  }

  public static AdaptiveLimits defaults() {
    return new AdaptiveLimits(5, Duration.ofMinutes(1), Duration.ofMinutes(10));
  }
}
