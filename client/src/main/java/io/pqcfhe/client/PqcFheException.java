package io.pqcfhe.client;

import io.pqcfhe.protocol.ErrorCode;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Optional;

/**
 * Every failure the client reports: an error the server answered (its {@link ErrorCode}, {@code
 * details.reason} and details, PROTOCOL.md §8), or a refusal of the client's own ({@link LocalCode}: the
 * server could not be trusted, the connection closed, a request timed out...).
 *
 * <p>Carries no stack trace: these are expected outcomes, and the message never includes key material.
 */
public final class PqcFheException extends RuntimeException {

  /** Failures detected by the client itself, never sent by a server. */
  public enum LocalCode {
    /** The TCP/TLS connection or the WebSocket upgrade could not be made. */
    CONNECTION_FAILED,
    /** The connection closed while the operation was pending. */
    CONNECTION_CLOSED,
    /** No answer within the request timeout. */
    TIMEOUT,
    /**
     * The server failed to prove its identity: pinned fingerprint mismatch, a bad transcript signature, a
     * secure message that does not authenticate or replays an earlier sequence number.
     */
    SERVER_NOT_TRUSTED,
    /** The server sent something the contract does not allow (missing fields, wrong sizes, bad JSON). */
    PROTOCOL_VIOLATION,
    /** A secure-channel operation before the channel exists. */
    CHANNEL_NOT_ESTABLISHED,
    /**
     * A request larger than the server's {@code max_message_bytes}: not sent, since the server would close
     * the connection (1009) rather than answer it.
     */
    MESSAGE_TOO_LARGE
  }

  private final String code;
  private final String reason;
  private final JsonObject details;
  private final boolean fromServer;

  private PqcFheException(String code, String message, JsonObject details, boolean fromServer) {
    super(code + ": " + message, null, false, false);
    this.code = code;
    this.details = details == null ? new JsonObject() : details.copy();
    Object r = this.details.getValue("reason");
    this.reason = r instanceof String s ? s : null;
    this.fromServer = fromServer;
  }

  /** An error frame of the server. {@code code} is kept as sent, even one this client does not know. */
  public static PqcFheException fromServer(String code, String message, JsonObject details) {
    return new PqcFheException(code, message == null ? "" : message, details, true);
  }

  public static PqcFheException local(LocalCode code, String message) {
    return new PqcFheException(code.name(), message, new JsonObject(), false);
  }

  public static PqcFheException local(LocalCode code, String reason, String message) {
    return new PqcFheException(code.name(), message, new JsonObject().put("reason", reason), false);
  }

  /** The wire code ({@code PQC_KEY_EXCHANGE_FAILED}) or the name of the {@link LocalCode}. */
  public String code() {
    return code;
  }

  /** {@code details.reason}: a stable machine-readable word, when there is one. */
  public Optional<String> reason() {
    return Optional.ofNullable(reason);
  }

  public JsonObject details() {
    return details.copy();
  }

  public boolean isFromServer() {
    return fromServer;
  }

  /** The server's error code when it is one of the contract's. */
  public Optional<ErrorCode> serverCode() {
    if (!fromServer) {
      return Optional.empty();
    }
    return Arrays.stream(ErrorCode.values()).filter(c -> c.name().equals(code)).findFirst();
  }

  public Optional<LocalCode> localCode() {
    if (fromServer) {
      return Optional.empty();
    }
    return Optional.of(LocalCode.valueOf(code));
  }

  public boolean is(ErrorCode expected) {
    return fromServer && expected.name().equals(code);
  }

  public boolean is(LocalCode expected) {
    return !fromServer && expected.name().equals(code);
  }
}
