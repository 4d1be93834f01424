package io.pqcfhe.client;

import static io.pqcfhe.client.internal.WireFields.array;
import static io.pqcfhe.client.internal.WireFields.bytes;
import static io.pqcfhe.client.internal.WireFields.string;

import io.pqcfhe.client.PqcFheException.LocalCode;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code session.created} told the client (PROTOCOL.md §3). {@code serverPublicKey} is the raw
 * ML-DSA-65 identity key that signs every handshake of this session; {@link ServerIdentity} has checked it
 * against its fingerprint and the pin before a {@code SessionDetails} exists.
 */
public record SessionDetails(
    String sessionId,
    String clientId,
    Instant expiresAt,
    List<String> capabilities,
    byte[] serverPublicKey,
    String serverKeyFingerprint,
    String protocolVersion,
    Limits limits) {

  /** The server's limits: frame size, session lifetime, and the per-minute rate limits by bucket name. */
  public record Limits(long maxMessageBytes, long sessionLifetimeSeconds, Map<String, Long> ratePerMinute) {
    public Limits {
      ratePerMinute = Map.copyOf(ratePerMinute);
    }
  }

  public SessionDetails {
    capabilities = List.copyOf(capabilities);
    serverPublicKey = serverPublicKey.clone();
  }

  @Override
  public byte[] serverPublicKey() {
    return serverPublicKey.clone();
  }

  public boolean offers(String capability) {
    return capabilities.contains(capability);
  }

  /** The channel id the server gives this session's channel (PROTOCOL.md §4). */
  public String channelId() {
    return "chan-" + sessionId;
  }

  static SessionDetails fromEvent(JsonObject data) {
    List<String> capabilities = new ArrayList<>();
    for (Object c : array(data, "capabilities")) {
      if (c instanceof String s) {
        capabilities.add(s);
      }
    }
    Instant expiresAt;
    try {
      expiresAt = Instant.parse(string(data, "expires_at"));
    } catch (DateTimeParseException e) {
      throw PqcFheException.local(LocalCode.PROTOCOL_VIOLATION, "field expires_at is not an ISO-8601 instant");
    }
    JsonObject limits = data.getValue("limits") instanceof JsonObject l ? l : new JsonObject();
    Map<String, Long> rates = new LinkedHashMap<>();
    if (limits.getValue("rate_limits") instanceof JsonObject r) {
      r.forEach(e -> {
        if (e.getValue() instanceof Number n) {
          rates.put(e.getKey(), n.longValue());
        }
      });
    }
    return new SessionDetails(
        string(data, "session_id"),
        string(data, "client_id"),
        expiresAt,
        capabilities,
        bytes(data, "server_public_key"),
        string(data, "server_key_fingerprint"),
        string(data, "protocol_version"),
        new Limits(
            limits.getValue("max_message_bytes") instanceof Number n ? n.longValue() : 0,
            limits.getValue("session_lifetime_seconds") instanceof Number n ? n.longValue() : 0,
            rates));
  }
}
