package io.pqcfhe.fhe.request;

/** Who holds the secret key of a context. */
public enum KeyManagement {
  /** The server generates every key and can decrypt. */
  SERVER("server"),
  /** The client keeps the secret key and uploads the evaluation keys it wants the server to use. */
  CLIENT("client");

  private final String wireName;

  KeyManagement(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  static KeyManagement read(Fields fields) {
    if (!fields.has("key_management")) {
      return SERVER;
    }
    String value = fields.requiredString("key_management");
    for (KeyManagement k : values()) {
      if (k.wireName.equals(value)) {
        return k;
      }
    }
    throw RequestErrors.invalid(
        fields.path("key_management"), "unsupported_key_management", "key_management must be server or client");
  }
}
