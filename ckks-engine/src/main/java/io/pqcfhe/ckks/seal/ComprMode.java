package io.pqcfhe.ckks.seal;

/** SEAL's {@code compr_mode_type}: how everything after the outer header is stored. */
public enum ComprMode {
  NONE(0),
  /** A standard zlib-wrapped deflate stream. */
  ZLIB(1),
  /** A standard zstd frame (node-seal's default). */
  ZSTD(2);

  private final int code;

  ComprMode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  static ComprMode fromCode(int code) {
    for (ComprMode m : values()) {
      if (m.code == code) {
        return m;
      }
    }
    throw SealFormatException.invalid("unsupported compression mode " + code);
  }
}
