package io.pqcfhe.client.channel;

import io.pqcfhe.client.PqcFheException;
import io.pqcfhe.client.PqcFheException.LocalCode;
import io.pqcfhe.crypto.AesGcm;
import io.pqcfhe.crypto.AuthenticationFailedException;
import io.pqcfhe.crypto.ChannelAad;
import io.pqcfhe.crypto.ChannelDirection;
import io.pqcfhe.crypto.ChannelKeys;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The client's half of the secure channel (PROTOCOL.md §4–5): seals outgoing messages under the channel
 * key with strictly increasing sequence numbers, and opens the server's messages under the server key,
 * refusing any whose sequence number does not increase or whose IV was already used under that key.
 * The AAD follows the protocol version: empty in 1.0, {@code channel_id:sequence_number} in 1.1.
 *
 * <p>Rekeying keeps the channel id and both sequence counters. The server switches keys when it accepts
 * {@code pqc.confirm}, so around that moment its messages may come under either key: the new keys are
 * tried from {@link #beginRekey} on, and the old server key stays usable after {@link #completeRekey}
 * until the first message under the new one proves the server has moved — then it is wiped. Sending
 * switches to the new channel key at {@link #completeRekey}.
 *
 * <p>Thread-safe: every method is synchronized, and a refused message changes no state.
 */
public final class SecureChannel {
  private final String channelId;
  private final String protocolVersion;
  private final SecureRandom random;

  private ChannelKeys current;
  /** New keys whose confirm is in flight: only tried for opening. */
  private ChannelKeys next;
  /** Keys replaced by the last rekey, kept to open the server's stragglers. */
  private ChannelKeys previous;
  private long lastSent;
  private long lastReceived;
  /** IVs the server used, per key: a repeat is a replay (in protocol 1.0 the AAD does not bind the sequence). */
  private final Map<ChannelKeys, Set<ByteBuffer>> ivsSeen = new IdentityHashMap<>();
  private boolean destroyed;

  public SecureChannel(String channelId, String protocolVersion, ChannelKeys keys, SecureRandom random) {
    ChannelAad.of(protocolVersion, channelId, 1); // refuses an unknown version now, not at the first message
    this.channelId = channelId;
    this.protocolVersion = protocolVersion;
    this.current = keys;
    this.random = random;
  }

  public String channelId() {
    return channelId;
  }

  /** Seals {@code plaintext} under the next sequence number and a fresh random IV. */
  public synchronized SealedMessage seal(byte[] plaintext) {
    checkOpen();
    if (lastSent == SealedMessage.MAX_SEQUENCE) {
      throw PqcFheException.local(LocalCode.CHANNEL_NOT_ESTABLISHED, "sequence_exhausted", "no sequence number left");
    }
    long sequence = lastSent + 1;
    byte[] iv = new byte[AesGcm.IV_BYTES];
    random.nextBytes(iv);
    AesGcm.Sealed sealed =
        current.seal(ChannelDirection.CLIENT_TO_SERVER, iv, plaintext, ChannelAad.of(protocolVersion, channelId, sequence));
    lastSent = sequence;
    return new SealedMessage(sealed.ciphertext(), iv, sealed.tag(), sequence);
  }

  /**
   * Opens a server message.
   *
   * @throws PqcFheException {@link LocalCode#SERVER_NOT_TRUSTED} with reason {@code unknown_channel},
   *     {@code replay} (sequence not increasing, or IV reused) or {@code auth_failed}
   */
  public synchronized byte[] open(String messageChannelId, SealedMessage message) {
    checkOpen();
    if (!channelId.equals(messageChannelId)) {
      throw refused("unknown_channel", "secure message for another channel");
    }
    if (message.sequenceNumber() <= lastReceived) {
      throw refused("replay", "server sequence number " + message.sequenceNumber() + " not above " + lastReceived);
    }
    ByteBuffer iv = ByteBuffer.wrap(message.iv());
    byte[] aad = ChannelAad.of(protocolVersion, channelId, message.sequenceNumber());
    ChannelKeys opener = current;
    byte[] plaintext = tryOpen(current, message, aad);
    if (plaintext == null) {
      opener = next != null ? next : previous;
      plaintext = opener == null ? null : tryOpen(opener, message, aad);
    }
    if (plaintext == null) {
      throw refused("auth_failed", "secure message does not authenticate");
    }
    if (!ivsSeen.computeIfAbsent(opener, k -> new HashSet<>()).add(iv)) {
      throw refused("replay", "server reused an IV under this key");
    }
    if (opener == current && previous != null) {
      // The server has moved to the current keys: its stragglers under the old key are over.
      forget(previous);
      previous = null;
    }
    lastReceived = message.sequenceNumber();
    return plaintext;
  }

  /** A handshake produced new keys and its confirm is about to be sent. */
  public synchronized void beginRekey(ChannelKeys fresh) {
    checkOpen();
    if (next != null) {
      forget(next);
    }
    next = fresh;
  }

  /** The server accepted the confirm: send under the new keys from now on. Sequence numbers go on. */
  public synchronized void completeRekey() {
    checkOpen();
    if (next == null) {
      throw new IllegalStateException("no rekey in progress");
    }
    if (previous != null) {
      forget(previous);
    }
    previous = current;
    current = next;
    next = null;
  }

  /** The confirm failed: forget the new keys, keep the current ones. */
  public synchronized void abortRekey() {
    if (next != null) {
      forget(next);
      next = null;
    }
  }

  public synchronized long lastSentSequence() {
    return lastSent;
  }

  public synchronized long lastReceivedSequence() {
    return lastReceived;
  }

  /** Wipes every key; later use fails. Idempotent. */
  public synchronized void destroy() {
    for (ChannelKeys k : new ChannelKeys[] {current, next, previous}) {
      if (k != null) {
        forget(k);
      }
    }
    next = null;
    previous = null;
    destroyed = true;
  }

  public synchronized boolean isDestroyed() {
    return destroyed;
  }

  private void forget(ChannelKeys keys) {
    keys.destroy();
    ivsSeen.remove(keys);
  }

  private static byte[] tryOpen(ChannelKeys keys, SealedMessage message, byte[] aad) {
    try {
      return keys.open(ChannelDirection.SERVER_TO_CLIENT, message.iv(), message.ciphertext(), message.tag(), aad);
    } catch (AuthenticationFailedException e) {
      return null;
    }
  }

  private void checkOpen() {
    if (destroyed) {
      throw PqcFheException.local(LocalCode.CHANNEL_NOT_ESTABLISHED, "channel_closed", "the secure channel is closed");
    }
  }

  private static PqcFheException refused(String reason, String message) {
    return PqcFheException.local(LocalCode.SERVER_NOT_TRUSTED, reason, message);
  }
}
