package io.pqcfhe.fhe.store.shared;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The few field encodings the shared records use, big-endian: strings as an unsigned 16-bit length and
 * UTF-8, optional byte strings as a 32-bit length (−1 when absent) and the bytes. Reading throws
 * {@link java.nio.BufferUnderflowException} or {@link IllegalArgumentException} on malformed input, which the
 * records turn into their "corrupt" error.
 */
final class Encoding {
  private Encoding() {}

  static void writeString(DataOutputStream out, String value) throws IOException {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    if (utf8.length > 0xFFFF) {
      throw new IllegalArgumentException("string too long for a shared record");
    }
    out.writeShort(utf8.length);
    out.write(utf8);
  }

  static String readString(ByteBuffer in) {
    byte[] utf8 = new byte[Short.toUnsignedInt(in.getShort())];
    in.get(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }

  /** An optional string: a presence byte, then the string. */
  static void writeOptionalString(DataOutputStream out, String valueOrNull) throws IOException {
    out.writeBoolean(valueOrNull != null);
    if (valueOrNull != null) {
      writeString(out, valueOrNull);
    }
  }

  static String readOptionalString(ByteBuffer in) {
    return in.get() != 0 ? readString(in) : null;
  }

  static void writeBytes(DataOutputStream out, Optional<byte[]> value) throws IOException {
    if (value.isEmpty()) {
      out.writeInt(-1);
    } else {
      out.writeInt(value.get().length);
      out.write(value.get());
    }
  }

  /** Optional bytes; the length is checked against what is left before allocating. */
  static Optional<byte[]> readBytes(ByteBuffer in) {
    int length = in.getInt();
    if (length == -1) {
      return Optional.empty();
    }
    if (length < 0 || length > in.remaining()) {
      throw new IllegalArgumentException("bad length");
    }
    byte[] bytes = new byte[length];
    in.get(bytes);
    return Optional.of(bytes);
  }

  static int length(Optional<byte[]> value) {
    return 4 + value.map(b -> b.length).orElse(0);
  }
}
