package io.pqcfhe.gateway.session;

import io.pqcfhe.gateway.config.GatewayConfig;
import io.pqcfhe.gateway.wire.Timestamps;
import io.pqcfhe.protocol.ClientEvent;
import io.pqcfhe.protocol.RateBucket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Base64;

/** The session events of §3, built from the configuration and the session's state. */
public final class SessionAnnouncements {
  private final GatewayConfig config;
  private final String serverPublicKeyBase64;

  public SessionAnnouncements(GatewayConfig config) {
    this.config = config;
    this.serverPublicKeyBase64 = Base64.getEncoder().encodeToString(config.serverKey().publicKey());
  }

  public ClientEvent created(LiveSession session) {
    JsonObject rateLimits = new JsonObject();
    for (RateBucket bucket : RateBucket.values()) {
      rateLimits.put(bucket.wireName(), config.ratePerMinute(bucket));
    }
    JsonObject data = new JsonObject()
        .put("session_id", session.info().sessionId())
        .put("client_id", session.info().clientId())
        .put("expires_at", Timestamps.format(session.expiresAt()))
        .put("capabilities", new JsonArray(config.capabilities()))
        .put("server_public_key", serverPublicKeyBase64)
        .put("server_key_fingerprint", config.serverKey().fingerprint())
        .put("protocol_version", session.info().protocolVersion())
        .put("limits", new JsonObject()
            .put("max_message_bytes", config.maxMessageBytes())
            .put("session_lifetime_seconds", config.sessionLifetime().toSeconds())
            .put("rate_limits", rateLimits));
    return new ClientEvent("session.created", data);
  }

  public ClientEvent expiring(LiveSession session) {
    return new ClientEvent("session.expiring", new JsonObject()
        .put("session_id", session.info().sessionId())
        .put("expires_at", Timestamps.format(session.expiresAt())));
  }

  public ClientEvent timeout(LiveSession session) {
    return new ClientEvent("session.timeout", new JsonObject().put("session_id", session.info().sessionId()));
  }

  /** What {@code GET /ws/v1/server-key} answers. */
  public JsonObject serverKey() {
    return new JsonObject()
        .put("server_public_key", serverPublicKeyBase64)
        .put("server_key_fingerprint", config.serverKey().fingerprint());
  }
}
