package io.pqcfhe.pqc;

import java.time.Duration;

/**
 * The limits of the handshake and the secure channel (PROTOCOL §4–5). The defaults are the contract's;
 * tests use small values to reach the limits quickly.
 *
 * @param keyIdLifetime how long a {@code key_id} may wait for its confirm (60 s)
 * @param maxWrongHashes wrong confirm hashes that invalidate a {@code key_id} (3)
 * @param maxPendingPerSession unconfirmed {@code key_id}s a session may hold; a new initiate beyond it
 *     evicts the session's oldest one
 * @param maxMessagesPerKey messages a key pair serves (1000)
 * @param rekeyWarningMessages messages after which {@code pqc.rekey_required} is sent (900)
 * @param keyLifetime age after which a key pair is expired (1 h)
 * @param rekeyWarningAge age after which {@code pqc.rekey_required} is sent (55 min)
 * @param timestampTolerance how far a {@code secure.send} timestamp may be from server time (5 min)
 * @param sweepInterval how often expired {@code key_id}s are swept and key ages checked
 */
public record PqcSettings(
    Duration keyIdLifetime,
    int maxWrongHashes,
    int maxPendingPerSession,
    int maxMessagesPerKey,
    int rekeyWarningMessages,
    Duration keyLifetime,
    Duration rekeyWarningAge,
    Duration timestampTolerance,
    Duration sweepInterval) {

  public PqcSettings {
    requirePositive(keyIdLifetime, "key_id_lifetime");
    requirePositive(keyLifetime, "key_lifetime");
    requirePositive(rekeyWarningAge, "rekey_warning_age");
    requirePositive(timestampTolerance, "timestamp_tolerance");
    requirePositive(sweepInterval, "sweep_interval");
    if (maxWrongHashes < 1) {
      throw new IllegalArgumentException("max_wrong_hashes must be at least 1");
    }
    if (maxPendingPerSession < 1) {
      throw new IllegalArgumentException("max_pending_per_session must be at least 1");
    }
    if (maxMessagesPerKey < 2) {
      throw new IllegalArgumentException("max_messages_per_key must be at least 2");
    }
    if (rekeyWarningMessages < 1 || rekeyWarningMessages > maxMessagesPerKey) {
      throw new IllegalArgumentException("rekey_warning_messages must be between 1 and max_messages_per_key");
    }
    if (rekeyWarningAge.compareTo(keyLifetime) > 0) {
      throw new IllegalArgumentException("rekey_warning_age must not exceed key_lifetime");
    }
  }

  /** The contract's values. */
  public static PqcSettings defaults() {
    return new PqcSettings(
        Duration.ofSeconds(60), 3, 4, 1000, 900, Duration.ofHours(1), Duration.ofMinutes(55),
        Duration.ofMinutes(5), Duration.ofSeconds(5));
  }

  public PqcSettings withMessageLimits(int maxMessages, int warningAt) {
    return new PqcSettings(keyIdLifetime, maxWrongHashes, maxPendingPerSession, maxMessages, warningAt,
        keyLifetime, rekeyWarningAge, timestampTolerance, sweepInterval);
  }

  public PqcSettings withKeyAges(Duration lifetime, Duration warningAge) {
    return new PqcSettings(keyIdLifetime, maxWrongHashes, maxPendingPerSession, maxMessagesPerKey,
        rekeyWarningMessages, lifetime, warningAge, timestampTolerance, sweepInterval);
  }

  private static void requirePositive(Duration d, String name) {
    if (d == null || d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
