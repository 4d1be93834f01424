package io.pqcfhe.protocol;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** Who is asking: the authenticated facts of a session that every service needs to decide. */
public record SessionInfo(
    String sessionId, String clientId, String tenant, Set<Permission> permissions, String protocolVersion) {

  public SessionInfo {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(protocolVersion, "protocolVersion");
    permissions = permissions.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(permissions);
  }

  @Override
  public Set<Permission> permissions() {
    return permissions.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(permissions);
  }

  public boolean has(Permission permission) {
    return permissions.contains(permission);
  }

  public JsonObject toJson() {
    JsonArray perms = new JsonArray();
    permissions.forEach(p -> perms.add(p.wireName()));
    return new JsonObject()
        .put("session_id", sessionId)
        .put("client_id", clientId)
        .put("tenant", tenant)
        .put("permissions", perms)
        .put("protocol_version", protocolVersion);
  }

  public static SessionInfo fromJson(JsonObject json) {
    Set<Permission> perms = EnumSet.noneOf(Permission.class);
    for (Object p : json.getJsonArray("permissions")) {
      Permission.fromWire((String) p).ifPresent(perms::add);
    }
    return new SessionInfo(
        json.getString("session_id"),
        json.getString("client_id"),
        json.getString("tenant"),
        perms,
        json.getString("protocol_version"));
  }
}
