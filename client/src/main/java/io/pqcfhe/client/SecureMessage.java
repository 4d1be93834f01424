package io.pqcfhe.client;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * A decrypted {@code secure.message}: authenticated under the server key, with a server sequence number
 * above every earlier one. {@code sender} is the client id of a relay's sender; empty for the server's own
 * messages (echoes).
 */
public record SecureMessage(byte[] plaintext, long sequenceNumber, Optional<String> sender, String timestamp) {

  public SecureMessage {
    plaintext = plaintext.clone();
    Objects.requireNonNull(sender, "sender");
  }

  @Override
  public byte[] plaintext() {
    return plaintext.clone();
  }

  public String plaintextUtf8() {
    return new String(plaintext, StandardCharsets.UTF_8);
  }

  /** Never prints the plaintext. */
  @Override
  public String toString() {
    return "SecureMessage[" + plaintext.length + " bytes, sequence " + sequenceNumber + sender.map(s -> ", from " + s).orElse("") + "]";
  }
}
