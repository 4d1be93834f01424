package io.pqcfhe.protocol;

/** The rate-limited operation classes of §7, with the names {@code session.created} reports them under. */
public enum RateBucket {
  CONNECTION("connection", 10),
  PQC("pqc", 5),
  FHE_SETUP("fhe.setup", 2),
  FHE_ENCRYPT("fhe.encrypt", 100),
  FHE_COMPUTE("fhe.compute", 50),
  SECURE("secure", 1000);

  private final String wireName;
  private final int defaultPerMinute;

  RateBucket(String wireName, int defaultPerMinute) {
    this.wireName = wireName;
    this.defaultPerMinute = defaultPerMinute;
  }

  public String wireName() {
    return wireName;
  }

  public int defaultPerMinute() {
    return defaultPerMinute;
  }
}
