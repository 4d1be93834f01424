package io.pqcfhe.pqc.handshake;

import io.pqcfhe.crypto.ChannelKeys;
import java.time.Instant;

/**
 * A handshake answered by {@code pqc.initiate} and waiting for its {@code pqc.confirm}: the derived keys,
 * the session it belongs to, when it was issued, and how many wrong hashes it has seen.
 *
 * <p>Not thread-safe: {@link KeyExchangeService} accesses it under its lock.
 */
final class PendingHandshake {
  private final String keyId;
  private final String sessionId;
  private final ChannelKeys keys;
  private final Instant issuedAt;
  private int wrongHashes;

  PendingHandshake(String keyId, String sessionId, ChannelKeys keys, Instant issuedAt) {
    this.keyId = keyId;
    this.sessionId = sessionId;
    this.keys = keys;
    this.issuedAt = issuedAt;
  }

  String keyId() {
    return keyId;
  }

  String sessionId() {
    return sessionId;
  }

  ChannelKeys keys() {
    return keys;
  }

  Instant issuedAt() {
    return issuedAt;
  }

  /** Counts a wrong hash; returns how many this key_id has seen. */
  int recordWrongHash() {
    return ++wrongHashes;
  }

  void destroy() {
    keys.destroy();
  }
}
