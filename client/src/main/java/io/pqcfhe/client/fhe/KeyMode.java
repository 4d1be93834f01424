package io.pqcfhe.client.fhe;

/** Who holds the secret key of an FHE context. */
public enum KeyMode {
  /** The server generates and keeps all keys; it can decrypt ({@code fhe.decrypt}). */
  SERVER("server"),
  /** The client generates the keys and uploads only the public ones; the secret key never leaves it. */
  CLIENT("client");

  private final String wireName;

  KeyMode(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static KeyMode ofWireName(String name) {
    for (KeyMode mode : values()) {
      if (mode.wireName.equals(name)) {
        return mode;
      }
    }
    throw new IllegalArgumentException("key mode must be server or client");
  }
}
