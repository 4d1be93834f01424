package io.pqcfhe.client.channel;

import io.pqcfhe.crypto.AesGcm;

/**
 * One secure-channel message on the wire (PROTOCOL.md §5): AES-256-GCM ciphertext without its tag, the
 * 12-byte IV, the 16-byte tag, and the sender's sequence number.
 */
public record SealedMessage(byte[] ciphertext, byte[] iv, byte[] tag, long sequenceNumber) {

  /** The largest sequence number the protocol allows: 2^53 − 1, exact in every JSON implementation. */
  public static final long MAX_SEQUENCE = (1L << 53) - 1;

  public SealedMessage {
    if (iv.length != AesGcm.IV_BYTES) {
      throw new IllegalArgumentException("iv must be " + AesGcm.IV_BYTES + " bytes");
    }
    if (tag.length != AesGcm.TAG_BYTES) {
      throw new IllegalArgumentException("tag must be " + AesGcm.TAG_BYTES + " bytes");
    }
    if (sequenceNumber < 1 || sequenceNumber > MAX_SEQUENCE) {
      throw new IllegalArgumentException("sequence number must be in 1..2^53-1");
    }
    ciphertext = ciphertext.clone();
    iv = iv.clone();
    tag = tag.clone();
  }

  @Override
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  @Override
  public byte[] iv() {
    return iv.clone();
  }

  @Override
  public byte[] tag() {
    return tag.clone();
  }
}
