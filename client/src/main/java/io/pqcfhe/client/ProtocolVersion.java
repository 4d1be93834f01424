package io.pqcfhe.client;

import java.util.Arrays;
import java.util.Optional;

/**
 * The protocol versions a client may ask for (PROTOCOL.md §1). They differ only in the AAD of secure
 * messages (§5): empty in 1.0, {@code channel_id:sequence_number} in 1.1 — which binds each ciphertext
 * to its place in its channel, so prefer 1.1.
 */
public enum ProtocolVersion {
  V1_0("1.0"),
  V1_1("1.1");

  private final String wireName;

  ProtocolVersion(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<ProtocolVersion> fromWire(String name) {
    return Arrays.stream(values()).filter(v -> v.wireName.equals(name)).findFirst();
  }
}
