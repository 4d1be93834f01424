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

  /**
   * Sealing for the client: the gateway sends an {@link ActionRequest} with action {@code secure.deliver}
   * and payload {@code {"message": <the JSON response or error of an inner request>}}; the PQC verticle
   * encrypts it under the session's server key and emits it as a {@code secure.message} event.
   */
  public static final String SECURE_DELIVER = "pqcfhe.secure.deliver";

  /** fhe.* actions. */
  public static final String FHE = "pqcfhe.fhe";

  /** Published by the gateway with the {@link SessionInfo} of a session that ended: free and zeroize its state. */
  public static final String SESSION_ENDED = "pqcfhe.session.ended";

  /**
   * Published by each FHE worker whenever its number of live contexts changes (and periodically):
   * a JsonObject {@code {"worker_id": STRING, "active_contexts": INT}}. Gateways sum the latest report of
   * every worker for {@code active_fhe_contexts} in {@code GET /ws/health}.
   */
  public static final String FHE_CONTEXT_COUNTS = "pqcfhe.fhe.contexts";

  /**
   * Event-bus header a cluster's router puts on an fhe.* request: 128 random bits (hex), the same on the
   * retry of a request whose worker died. Workers derive the ids they create from it and remember the answer
   * under it, so a retried request neither duplicates state nor answers differently. Absent in one process.
   */
  public static final String OPERATION_ID_HEADER = "pqcfhe-operation-id";

  /** Whether {@code id} has the form of an {@link #OPERATION_ID_HEADER}: 16 bytes in lower-case hex. */
  public static boolean isOperationId(String id) {
    if (id == null || id.length() != 32) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  private static final String FHE_WORKER_PREFIX = "pqcfhe.fhe.worker.";

  /**
   * In a cluster: the FHE worker node {@code nodeId}'s own address. A gateway node's router sends a session's
   * fhe.* {@link ActionRequest}s there (a cluster-wide consumer), and the worker node hands them to its local
   * {@link #FHE} consumers.
   */
  public static String fheWorker(String nodeId) {
    return FHE_WORKER_PREFIX + nodeId;
  }

  private static final String SECURE_RELAY_PREFIX = "pqcfhe.secure.relay.";

  /**
   * In a cluster: the gateway node {@code nodeId}'s PQC verticle, which seals a relayed plaintext (§5 delivery 1)
   * for that node's sessions of the recipient. A JsonObject {@code {"tenant","to","sender","sender_session",
   * "plaintext" (base64)}}; the reply is {@code {"delivered": BOOLEAN}}. Plaintexts on the cluster's TLS bus.
   */
  public static String secureRelay(String nodeId) {
    return SECURE_RELAY_PREFIX + nodeId;
  }

  private static final String SESSION_OUTBOUND_PREFIX = "pqcfhe.session.out.";

  private static final String SESSION_INBOUND_PREFIX = "pqcfhe.session.in.";

  /**
   * Where the PQC verticle hands a decrypted inner request (the plaintext JSON object of a
   * {@code secure.send}) back to the gateway holding the session, which runs it through the same pipeline
   * as a top-level request and sends its answer to {@link #SECURE_DELIVER}.
   */
  public static String sessionInbound(String sessionId) {
    return SESSION_INBOUND_PREFIX + sessionId;
  }

  /** Where {@link ClientEvent}s for one session go; the gateway holding its WebSocket consumes it. */
  public static String sessionOutbound(String sessionId) {
    return SESSION_OUTBOUND_PREFIX + sessionId;
  }
}
