package io.pqcfhe.protocol;

/**
 * Every event-bus address in one place.
 *
 * <p>Request-reply: the gateway sends an {@link ActionRequest} to the address of its {@link Action} and
 * expects an {@link ActionReply}. Events for a client travel as {@link ClientEvent}s to the session's
 * outbound address, which the gateway holding that WebSocket consumes.
 */
public final class Addresses {
  private Addresses() {}

  /** pqc.initiate, pqc.confirm. Node-local: key material never crosses the cluster. */
  public static final String PQC = "pqcfhe.pqc";

  /** secure.send, and the gateway's requests to seal an inner response for the client. */
  public static final String SECURE = "pqcfhe.secure";

  /** fhe.* actions. */
  public static final String FHE = "pqcfhe.fhe";

  /** Published by the gateway with the {@link SessionInfo} of a session that ended: free and zeroize its state. */
  public static final String SESSION_ENDED = "pqcfhe.session.ended";

  private static final String SESSION_OUTBOUND_PREFIX = "pqcfhe.session.out.";

  /** Where {@link ClientEvent}s for one session go; the gateway holding its WebSocket consumes it. */
  public static String sessionOutbound(String sessionId) {
    return SESSION_OUTBOUND_PREFIX + sessionId;
  }
}
