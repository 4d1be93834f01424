package io.pqcfhe.ckks.seal;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The outer layer of every SEAL save: the header, then the members, compressed as a whole or not.
 * Nested saves (arrays, moduli, inner public keys, seed info) carry their own header and are never
 * compressed.
 *
 * <p>Decompression is bounded: the caller states how many bytes the members of the expected object
 * can take at most (known from the parameters), and a stream that inflates beyond that is refused
 * as soon as it does, before the memory is spent.
 */
final class SealFraming {

  private static final int ZSTD_LEVEL = 3;

  private SealFraming() {}

  /**
   * A top-level save: the header, then the {@code membersSize} bytes {@code members} writes, compressed
   * with {@code mode}. Uncompressed, the members are written in place behind the header, so that a
   * ciphertext's hundreds of kilobytes are written once. Compressed, they are first written to a buffer of
   * their own, cleared once compressed (the members may be a secret key's).
   */
  static byte[] save(long membersSize, ComprMode mode, Consumer<SealOutput> members) {
    if (mode == ComprMode.NONE) {
      SealOutput out = withHeader(mode, membersSize);
      members.accept(out);
      return out.finish();
    }
    SealOutput plain = new SealOutput(membersSize);
    members.accept(plain);
    byte[] raw = plain.finish();
    try {
      byte[] payload = mode == ComprMode.ZLIB ? deflate(raw) : Zstd.compress(raw, ZSTD_LEVEL);
      SealOutput out = withHeader(mode, payload.length);
      out.bytes(payload);
      return out.finish();
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** An output for the header and {@code bodyBytes} after it, with the header written. */
  private static SealOutput withHeader(ComprMode mode, long bodyBytes) {
    long size = SealHeader.BYTES + bodyBytes;
    SealOutput out = new SealOutput(size);
    new SealHeader(mode, size).write(out);
    return out;
  }

  /**
   * The members of a top-level save: read where they are when stored uncompressed (a ciphertext is
   * hundreds of kilobytes, not worth a copy), else decompressed into an array of their own.
   */
  record Members(byte[] bytes, int offset, int length) {
    SealInput input() {
      return new SealInput(bytes, offset, length);
    }

    /** Whether the members are a decompressed copy, which the caller then owns (and may clear). */
    boolean isCopy(byte[] input) {
      return bytes != input;
    }
  }

  /**
   * The members of a top-level save, decompressed if need be. The header's size must be exactly the
   * input's length, and the members may take at most {@code maxMembersBytes}.
   */
  static Members unframe(byte[] bytes, long maxMembersBytes) {
    SealInput in = new SealInput(bytes, 0, bytes.length);
    SealHeader header = SealHeader.read(in);
    if (header.size() != bytes.length) {
      throw SealFormatException.invalid(
          "SEAL header size "
              + Long.toUnsignedString(header.size())
              + " does not match the "
              + bytes.length
              + " bytes given");
    }
    int payloadLength = bytes.length - SealHeader.BYTES;
    return switch (header.comprMode()) {
      case NONE -> {
        if (payloadLength > maxMembersBytes) {
          throw SealFormatException.invalid("SEAL object larger than these parameters allow");
        }
        yield new Members(bytes, SealHeader.BYTES, payloadLength);
      }
      case ZLIB -> whole(inflate(bytes, SealHeader.BYTES, payloadLength, maxMembersBytes));
      case ZSTD -> whole(unzstd(bytes, SealHeader.BYTES, payloadLength, maxMembersBytes));
    };
  }

  private static Members whole(byte[] members) {
    return new Members(members, 0, members.length);
  }

  /**
   * Reads a nested (uncompressed) header and checks that it announces exactly {@code expectedSize}.
   */
  static void nestedHeader(SealInput in, long expectedSize) {
    SealHeader header = SealHeader.read(in);
    if (header.comprMode() != ComprMode.NONE) {
      throw SealFormatException.invalid("compressed nested SEAL object");
    }
    if (header.size() != expectedSize) {
      throw SealFormatException.invalid("nested SEAL object has a wrong size");
    }
  }

  static void expectEnd(SealInput in) {
    if (in.remaining() != 0) {
      throw SealFormatException.invalid("trailing bytes after the SEAL object");
    }
  }

  private static byte[] deflate(byte[] data) {
    // Level 1: residues mod q are random below their top bits, which even the fastest level
    // removes;
    // SEAL's default level takes twice the time for a slightly larger output.
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    try {
      deflater.setInput(data);
      deflater.finish();
      byte[] out = new byte[Math.max(64, data.length / 2)];
      int n = 0;
      while (!deflater.finished()) {
        if (n == out.length) {
          out = Arrays.copyOf(out, out.length * 2);
        }
        n += deflater.deflate(out, n, out.length - n);
      }
      return Arrays.copyOf(out, n);
    } finally {
      deflater.end();
    }
  }

  private static byte[] inflate(byte[] src, int offset, int length, long max) {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(src, offset, length);
      Growing out = new Growing(length, max);
      while (!inflater.finished()) {
        int n = inflater.inflate(out.buf, out.size, out.buf.length - out.size);
        out.size += n;
        if (n == 0) {
          if (inflater.needsInput() || inflater.needsDictionary()) {
            throw SealFormatException.invalid("truncated or damaged zlib stream");
          }
          out.grow();
        }
      }
      if (inflater.getRemaining() != 0) {
        throw SealFormatException.invalid("trailing bytes after the zlib stream");
      }
      return out.bytes();
    } catch (DataFormatException e) {
      throw SealFormatException.invalid("damaged zlib stream");
    } finally {
      inflater.end();
    }
  }

  private static byte[] unzstd(byte[] src, int offset, int length, long max) {
    try (ZstdInputStreamNoFinalizer zin =
        new ZstdInputStreamNoFinalizer(new ByteArrayInputStream(src, offset, length))) {
      Growing out = new Growing(length, max);
      while (true) {
        if (out.size == out.buf.length) {
          out.grow();
        }
        int n = zin.read(out.buf, out.size, out.buf.length - out.size);
        if (n < 0) {
          break;
        }
        out.size += n;
      }
      return out.bytes();
    } catch (IOException e) {
      throw SealFormatException.invalid("damaged zstd stream");
    }
  }

  /** An output buffer that doubles up to a hard limit and refuses to go past it. */
  private static final class Growing {
    private final long max;
    private byte[] buf;
    private int size;

    Growing(int compressedLength, long max) {
      this.max = Math.min(max, Integer.MAX_VALUE - 16);
      this.buf = new byte[(int) Math.min(this.max + 1, Math.max(4096L, 4L * compressedLength))];
    }

    void grow() {
      if (buf.length > max) {
        throw SealFormatException.invalid(
            "SEAL object inflates beyond what these parameters allow");
      }
      buf = Arrays.copyOf(buf, (int) Math.min(max + 1, 2L * buf.length));
    }

    byte[] bytes() {
      if (size > max) {
        throw SealFormatException.invalid(
            "SEAL object inflates beyond what these parameters allow");
      }
      return Arrays.copyOf(buf, size);
    }
  }
}
