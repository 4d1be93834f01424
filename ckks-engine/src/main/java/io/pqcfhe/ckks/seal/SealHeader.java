package io.pqcfhe.ckks.seal;

/**
 * SEAL's 16-byte {@code SEALHeader}: magic 0xA15E, header size 0x10, version 4.1, compression mode,
 * two reserved bytes, then the total size of the object (header included) as an unsigned 64-bit
 * value.
 *
 * <p>Only version 4.1 is read: SEAL 4.1 also reads 3.4–3.7 objects, whose members differ, and
 * nobody writes them any more.
 */
record SealHeader(ComprMode comprMode, long size) {

  static final int BYTES = 16;
  static final int MAGIC = 0xA15E;
  static final int VERSION_MAJOR = 4;
  static final int VERSION_MINOR = 1;

  static SealHeader read(SealInput in) {
    if (in.remaining() < BYTES) {
      throw SealFormatException.invalid("truncated SEAL header");
    }
    int magic = in.u16();
    int headerSize = in.u8();
    int major = in.u8();
    int minor = in.u8();
    int compr = in.u8();
    in.u16(); // reserved: SEAL neither checks nor uses it
    long size = in.u64();
    if (magic != MAGIC) {
      throw SealFormatException.invalid("not a SEAL object (bad magic)");
    }
    if (headerSize != BYTES) {
      throw SealFormatException.invalid("bad SEAL header size");
    }
    if (major != VERSION_MAJOR || minor != VERSION_MINOR) {
      throw SealFormatException.invalid("unsupported SEAL version " + major + "." + minor);
    }
    return new SealHeader(ComprMode.fromCode(compr), size);
  }

  void write(SealOutput out) {
    out.u16(MAGIC);
    out.u8(BYTES);
    out.u8(VERSION_MAJOR);
    out.u8(VERSION_MINOR);
    out.u8(comprMode.code());
    out.u16(0);
    out.u64(size);
  }
}
