package io.pqcfhe.client;

/**
 * Receives what the server sends without being asked. Methods run on the connection's event loop: do not
 * block in them. Every method has a no-op default, so implement only what you need.
 */
public interface ClientListener {

  /** Every event, as received ({@code secure.message} too, still encrypted). */
  default void onEvent(ServerEvent event) {}

  /** A {@code secure.message} that decrypted and passed the sequence check, other than an inner answer. */
  default void onSecureMessage(SecureMessage message) {}

  /**
   * Something went wrong outside any request: an error frame without a pending request, a secure message
   * refused (replay, auth failure), a frame that breaks the contract, or a failed automatic rekey.
   */
  default void onProblem(PqcFheException problem) {}

  /** The connection closed; every pending request has been failed and the channel keys wiped. */
  default void onClose(int statusCode, String reason) {}
}
