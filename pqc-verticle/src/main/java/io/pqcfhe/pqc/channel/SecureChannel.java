package io.pqcfhe.pqc.channel;

import io.pqcfhe.crypto.AesGcm;
import io.pqcfhe.crypto.AuthenticationFailedException;
import io.pqcfhe.crypto.ChannelAad;
import io.pqcfhe.pqc.PayloadReader;
import io.pqcfhe.pqc.PqcSettings;
import io.pqcfhe.pqc.Timestamps;
import io.pqcfhe.protocol.ClientEvent;
import io.pqcfhe.protocol.ErrorCode;
import io.pqcfhe.protocol.ProtocolError;
import io.pqcfhe.protocol.ProtocolException;
import io.pqcfhe.protocol.SessionInfo;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The secure channel of one session (PROTOCOL §5): its id, its current key pair, the last accepted client
 * sequence number and the server's own counter. Both counters run on across rekeys; the used-IV set and
 * the message count belong to each key pair.
 *
 * <p>Thread-safe: every method holds the channel's lock, and no method calls into another channel, so
 * relays (which touch several channels one after the other) cannot deadlock.
 */
public final class SecureChannel {
  public static final String CHANNEL_ID_PREFIX = "chan-";

  private final SessionInfo session;
  private final String channelId;
  private final PqcSettings settings;
  private final SecureRandom random;
  private KeyEpoch keys;
  private long lastClientSequence;
  private long serverSequence;
  private boolean closed;

  SecureChannel(SessionInfo session, KeyEpoch keys, PqcSettings settings, SecureRandom random) {
    this.session = session;
    this.channelId = CHANNEL_ID_PREFIX + session.sessionId();
    this.keys = keys;
    this.settings = settings;
    this.random = random;
  }

  public String channelId() {
    return channelId;
  }

  SessionInfo session() {
    return session;
  }

  /**
   * The checks of §5 after the field checks, in the contract's order, then decryption. Nothing changes
   * unless every check passes; then the sequence number and the IV are spent and the message counts.
   *
   * @param slotsNeeded messages the keys must still be able to carry: this one plus its answer, if any
   * @return the plaintext
   */
  synchronized byte[] receive(SecureSend message, int slotsNeeded, Instant now) {
    if (closed) {
      throw refusal("channel_not_established", "no secure channel for this session");
    }
    if (!channelId.equals(message.channelId())) {
      throw refusal("unknown_channel", "channel_id is not this session's channel");
    }
    if (!keys.hasRoomFor(slotsNeeded, now, settings)) {
      throw refusal("key_expired", "the channel key is expired; run pqc.initiate and pqc.confirm again");
    }
    if (message.timestamp().isPresent()
        && Duration.between(message.timestamp().get(), now).abs().compareTo(settings.timestampTolerance()) > 0) {
      throw refusal("stale_timestamp", "timestamp is more than " + settings.timestampTolerance().toMinutes()
          + " minutes away from server time");
    }
    if (message.sequenceNumber() <= lastClientSequence) {
      throw refusal("replay", "sequence_number must be greater than the last accepted one");
    }
    if (keys.ivUsed(message.iv())) {
      throw refusal("replay", "iv already used under this key");
    }
    byte[] aad = ChannelAad.of(session.protocolVersion(), channelId, message.sequenceNumber());
    byte[] plaintext;
    try {
      plaintext = keys.open(message.iv(), message.ciphertext(), message.tag(), aad);
    } catch (AuthenticationFailedException e) {
      throw refusal("auth_failed", "message authentication failed");
    }
    lastClientSequence = message.sequenceNumber();
    keys.acceptClientMessage(message.iv());
    return plaintext;
  }

  /** Whether a server message can be sealed now (a live channel whose key has room for one more). */
  synchronized boolean canCarryServerMessage(Instant now) {
    return !closed && keys.hasRoomFor(1, now, settings);
  }

  /**
   * Seals {@code plaintext} as a {@code secure.message} under the server key, with a fresh random IV and
   * the next server sequence number; empty when the channel is closed or its key has no room left.
   *
   * @param sender the relaying client's id, or null
   */
  synchronized Optional<ClientEvent> seal(byte[] plaintext, String sender, Instant now) {
    if (closed || !keys.hasRoomFor(1, now, settings)) {
      return Optional.empty();
    }
    long sequence = serverSequence + 1;
    byte[] iv = new byte[AesGcm.IV_BYTES];
    random.nextBytes(iv);
    AesGcm.Sealed sealed =
        keys.sealServerMessage(iv, plaintext, ChannelAad.of(session.protocolVersion(), channelId, sequence));
    serverSequence = sequence;
    JsonObject data = new JsonObject()
        .put("channel_id", channelId)
        .put("encrypted_data", PayloadReader.encodeBase64(sealed.ciphertext()))
        .put("iv", PayloadReader.encodeBase64(iv))
        .put("tag", PayloadReader.encodeBase64(sealed.tag()))
        .put("sequence_number", sequence)
        .put("timestamp", Timestamps.format(now));
    if (sender != null) {
      data.put("sender", sender);
    }
    return Optional.of(new ClientEvent("secure.message", data));
  }

  /** {@code pqc.rekey_required}, once per key pair, when it reaches the warning count or age. */
  synchronized Optional<ClientEvent> rekeyWarningIfDue(Instant now) {
    if (closed || !keys.takeRekeyWarning(now, settings)) {
      return Optional.empty();
    }
    return Optional.of(new ClientEvent("pqc.rekey_required", new JsonObject()
        .put("channel_id", channelId)
        .put("key_id", keys.keyId())
        .put("messages_used", keys.messagesUsed())
        .put("expires_at", Timestamps.format(keys.expiresAt(settings)))));
  }

  /** From a rekey's confirm on, the new keys serve and the old ones are wiped. */
  synchronized void replaceKeys(KeyEpoch next) {
    KeyEpoch old = keys;
    keys = next;
    old.destroy();
    if (closed) {
      next.destroy();
    }
  }

  /** Ends the channel and wipes its keys. Idempotent. */
  synchronized void close() {
    closed = true;
    keys.destroy();
  }

  /** Whether the current keys are wiped: for the tests of key hygiene. */
  public synchronized boolean keysDestroyedForTest() {
    return keys.isDestroyed();
  }

  synchronized long lastClientSequence() {
    return lastClientSequence;
  }

  private static ProtocolException refusal(String reason, String message) {
    return ProtocolError.withReason(ErrorCode.SECURE_CHANNEL_ERROR, reason, message).asException();
  }
}
