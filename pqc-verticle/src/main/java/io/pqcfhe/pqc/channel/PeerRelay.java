package io.pqcfhe.pqc.channel;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Base64;

/**
 * A relayed plaintext (§5 delivery 1) on its way to the recipient's sessions held by other gateway nodes of a
 * cluster: this node cannot seal for them (their keys never leave their node), so the recipient node's PQC
 * verticle seals it. It travels on the cluster's mutually authenticated TLS event bus. Never logged; the
 * holder wipes the plaintext when done ({@link #wipe()}).
 */
public record PeerRelay(String tenant, String to, String senderClientId, String senderSessionId, byte[] plaintext) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("tenant", tenant)
        .put("to", to)
        .put("sender", senderClientId)
        .put("sender_session", senderSessionId)
        .put("plaintext", Base64.getEncoder().encodeToString(plaintext));
  }

  /** Reads what {@link #toJson()} wrote; a peer's message, so every field is checked. */
  public static PeerRelay fromJson(JsonObject json) {
    if (!(json.getValue("tenant") instanceof String tenant) || !(json.getValue("to") instanceof String to)
        || !(json.getValue("sender") instanceof String sender)
        || !(json.getValue("sender_session") instanceof String senderSession)
        || !(json.getValue("plaintext") instanceof String plaintext)) {
      throw new IllegalArgumentException("malformed relay");
    }
    return new PeerRelay(tenant, to, sender, senderSession, Base64.getDecoder().decode(plaintext));
  }

  public void wipe() {
    Arrays.fill(plaintext, (byte) 0);
  }

  @Override
  public String toString() {
    return "PeerRelay[to=" + to + ", sender=" + senderClientId + "]";
  }
}
