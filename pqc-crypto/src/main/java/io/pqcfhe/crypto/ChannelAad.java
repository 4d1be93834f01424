package io.pqcfhe.crypto;

import java.nio.charset.StandardCharsets;

/**
 * The additional authenticated data of a secure-channel message (PROTOCOL §5): empty in protocol 1.0;
 * in 1.1 the ASCII of {@code channel_id + ":" + sequence_number} (decimal), which binds each message to
 * its channel and its place in the sequence.
 */
public final class ChannelAad {
  private static final byte[] EMPTY = new byte[0];

  private ChannelAad() {}

  public static byte[] of(String protocolVersion, String channelId, long sequenceNumber) {
    return switch (protocolVersion) {
      case "1.0" -> EMPTY;
      case "1.1" -> (channelId + ":" + sequenceNumber).getBytes(StandardCharsets.US_ASCII);
      default -> throw new IllegalArgumentException("unsupported protocol version " + protocolVersion);
    };
  }
}
