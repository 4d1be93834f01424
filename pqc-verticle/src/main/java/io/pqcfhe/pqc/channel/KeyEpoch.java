package io.pqcfhe.pqc.channel;

import io.pqcfhe.crypto.AesGcm;
import io.pqcfhe.crypto.AuthenticationFailedException;
import io.pqcfhe.crypto.ChannelDirection;
import io.pqcfhe.crypto.ChannelKeys;
import io.pqcfhe.pqc.PqcSettings;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * One key pair of a channel, from the confirm that installed it to its replacement: the keys, how many
 * messages they served, and the client IVs already used under them. Holds the only reference to its
 * {@link ChannelKeys}; {@link #destroy()} wipes them.
 *
 * <p>Not thread-safe: the owning {@link SecureChannel} serialises access.
 */
final class KeyEpoch {
  private final String keyId;
  private final ChannelKeys keys;
  private final Instant establishedAt;
  private final Set<IvKey> usedClientIvs = new HashSet<>();
  private int messagesUsed;
  private boolean rekeyRequested;

  /** A 96-bit IV as two numbers, so the replay set stores no arrays. */
  private record IvKey(long high, int low) {
    static IvKey of(byte[] iv) {
      ByteBuffer b = ByteBuffer.wrap(iv);
      return new IvKey(b.getLong(), b.getInt());
    }
  }

  KeyEpoch(String keyId, ChannelKeys keys, Instant establishedAt) {
    this.keyId = keyId;
    this.keys = keys;
    this.establishedAt = establishedAt;
  }

  String keyId() {
    return keyId;
  }

  int messagesUsed() {
    return messagesUsed;
  }

  Instant expiresAt(PqcSettings settings) {
    return establishedAt.plus(settings.keyLifetime());
  }

  /** Whether the keys can still carry {@code messages} more messages at {@code now}. */
  boolean hasRoomFor(int messages, Instant now, PqcSettings settings) {
    return now.isBefore(expiresAt(settings)) && messagesUsed + messages <= settings.maxMessagesPerKey();
  }

  boolean ivUsed(byte[] iv) {
    return usedClientIvs.contains(IvKey.of(iv));
  }

  byte[] open(byte[] iv, byte[] ciphertext, byte[] tag, byte[] aad) throws AuthenticationFailedException {
    return keys.open(ChannelDirection.CLIENT_TO_SERVER, iv, ciphertext, tag, aad);
  }

  /** Records an accepted client message: its IV is spent and it counts against the key. */
  void acceptClientMessage(byte[] iv) {
    usedClientIvs.add(IvKey.of(iv));
    messagesUsed++;
  }

  /** Seals a server message (counted against the key). */
  AesGcm.Sealed sealServerMessage(byte[] iv, byte[] plaintext, byte[] aad) {
    AesGcm.Sealed sealed = keys.seal(ChannelDirection.SERVER_TO_CLIENT, iv, plaintext, aad);
    messagesUsed++;
    return sealed;
  }

  /**
   * True once, when the keys first reach the warning threshold (by count or by age): the moment to send
   * {@code pqc.rekey_required}.
   */
  boolean takeRekeyWarning(Instant now, PqcSettings settings) {
    if (rekeyRequested) {
      return false;
    }
    boolean byCount = messagesUsed >= settings.rekeyWarningMessages();
    boolean byAge = !Duration.between(establishedAt, now).minus(settings.rekeyWarningAge()).isNegative();
    rekeyRequested = byCount || byAge;
    return rekeyRequested;
  }

  /** Wipes the keys and forgets the IVs. Idempotent. */
  void destroy() {
    keys.destroy();
    usedClientIvs.clear();
  }

  boolean isDestroyed() {
    return keys.isDestroyed();
  }
}
