package io.pqcfhe.protocol;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Permissions a JWT may grant (PROTOCOL.md §1). */
public enum Permission {
  PQC("pqc"),
  FHE("fhe"),
  FHE_DECRYPT("fhe.decrypt"),
  SECURE("secure"),
  ADMIN("admin");

  private final String wireName;

  Permission(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<Permission> fromWire(String name) {
    return Arrays.stream(values()).filter(p -> p.wireName.equals(name)).findFirst();
  }

  /** What a token without a {@code permissions} claim grants: everything but {@code admin}. */
  public static Set<Permission> defaults() {
    return EnumSet.complementOf(EnumSet.of(ADMIN));
  }
}
