package io.pqcfhe.fhe.request;

/** How a returned SEAL object is serialized ({@code compression}); SEAL's {@code compr_mode_type}. */
public enum Compression {
  NONE("none"),
  ZLIB("zlib"),
  ZSTD("zstd");

  private final String wireName;

  Compression(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** {@code compression}, default {@code none}; any other value is {@code INVALID_REQUEST}, {@code unsupported_compression}. */
  static Compression read(Fields fields) {
    if (!fields.has("compression")) {
      return NONE;
    }
    String value = fields.requiredString("compression");
    for (Compression c : values()) {
      if (c.wireName.equals(value)) {
        return c;
      }
    }
    throw RequestErrors.invalid(
        fields.path("compression"), "unsupported_compression", "compression must be none, zlib or zstd");
  }
}
