package io.pqcfhe.protocol;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Every request action of the contract: its wire name, the permissions it needs (§2), the rate-limit
 * bucket it counts against (§7), and the event-bus address that answers it (null: answered by the
 * gateway itself). The one table the gateway dispatches from.
 */
public enum Action {
  SESSION_REFRESH("session.refresh", EnumSet.noneOf(Permission.class), null, null),
  SESSION_TERMINATE("session.terminate", EnumSet.noneOf(Permission.class), null, null),
  PQC_INITIATE("pqc.initiate", EnumSet.of(Permission.PQC), RateBucket.PQC, Addresses.PQC),
  PQC_CONFIRM("pqc.confirm", EnumSet.of(Permission.PQC), null, Addresses.PQC),
  SECURE_SEND("secure.send", EnumSet.of(Permission.SECURE), RateBucket.SECURE, Addresses.SECURE),
  FHE_SETUP("fhe.setup", EnumSet.of(Permission.FHE), RateBucket.FHE_SETUP, Addresses.FHE),
  FHE_ENCRYPT("fhe.encrypt", EnumSet.of(Permission.FHE), RateBucket.FHE_ENCRYPT, Addresses.FHE),
  FHE_UPLOAD("fhe.upload", EnumSet.of(Permission.FHE), null, Addresses.FHE),
  FHE_DOWNLOAD("fhe.download", EnumSet.of(Permission.FHE), null, Addresses.FHE),
  FHE_COMPUTE("fhe.compute", EnumSet.of(Permission.FHE), RateBucket.FHE_COMPUTE, Addresses.FHE),
  FHE_DECRYPT("fhe.decrypt", EnumSet.of(Permission.FHE, Permission.FHE_DECRYPT), null, Addresses.FHE),
  FHE_RELEASE("fhe.release", EnumSet.of(Permission.FHE), null, Addresses.FHE);

  private final String wireName;
  private final Set<Permission> requiredPermissions;
  private final RateBucket rateBucket;
  private final String address;

  Action(String wireName, Set<Permission> requiredPermissions, RateBucket rateBucket, String address) {
    this.wireName = wireName;
    this.requiredPermissions = requiredPermissions;
    this.rateBucket = rateBucket;
    this.address = address;
  }

  public String wireName() {
    return wireName;
  }

  public Set<Permission> requiredPermissions() {
    return requiredPermissions.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(requiredPermissions);
  }

  /** The rate-limit bucket this action counts against, if any. */
  public Optional<RateBucket> rateBucket() {
    return Optional.ofNullable(rateBucket);
  }

  /** The event-bus address that answers this action; empty when the gateway answers it itself. */
  public Optional<String> address() {
    return Optional.ofNullable(address);
  }

  /** {@code pqc.*} and {@code secure.*} may not be sent inside the secure channel (§5). */
  public boolean allowedInsideChannel() {
    return !wireName.startsWith("pqc.") && !wireName.startsWith("secure.");
  }

  public static Optional<Action> fromWire(String name) {
    return Arrays.stream(values()).filter(a -> a.wireName.equals(name)).findFirst();
  }
}
