package io.pqcfhe.gateway.auth;

import io.pqcfhe.protocol.Permission;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The claims the gateway uses from a verified token (§1).
 *
 * @param clientId the {@code client_id} claim, if the token carries one
 * @param permissions the {@code permissions} claim, or everything but admin when absent
 * @param tenant the {@code tenant} claim, {@code default} when absent
 * @param expiresAt the {@code exp} claim, if any: sessions never outlive it
 */
public record VerifiedToken(Optional<String> clientId, Set<Permission> permissions, String tenant, Optional<Instant> expiresAt) {

  public VerifiedToken {
    permissions = permissions.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(permissions);
  }

  @Override
  public Set<Permission> permissions() {
    return permissions.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(permissions);
  }

  /** §1: a {@code client_id} claim must equal the client id presented with the token. */
  public boolean allowsClient(String presentedClientId) {
    return clientId.map(presentedClientId::equals).orElse(true);
  }
}
