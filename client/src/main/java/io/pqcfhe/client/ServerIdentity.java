package io.pqcfhe.client;

import io.pqcfhe.client.PqcFheException.LocalCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Decides whether the identity key of {@code session.created} may be trusted: it must be a raw ML-DSA-65
 * key (1952 bytes), hash to the advertised fingerprint, and — when the client pinned one — to the pinned
 * fingerprint. Only then does its signature over a handshake transcript mean anything.
 */
final class ServerIdentity {
  static final int ML_DSA_65_PUBLIC_KEY_BYTES = 1952;

  private ServerIdentity() {}

  /** Lowercase hex SHA-256 of a raw public key, as {@code server_key_fingerprint} is written. */
  static String fingerprint(byte[] publicKey) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
    }
  }

  static void check(SessionDetails session, Optional<String> pinned) {
    byte[] key = session.serverPublicKey();
    if (key.length != ML_DSA_65_PUBLIC_KEY_BYTES) {
      throw PqcFheException.local(
          LocalCode.SERVER_NOT_TRUSTED, "bad_server_key", "server_public_key is not a raw ML-DSA-65 key");
    }
    byte[] actual = fingerprint(key).getBytes(StandardCharsets.US_ASCII);
    byte[] advertised = session.serverKeyFingerprint().getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(actual, advertised)) {
      throw PqcFheException.local(
          LocalCode.SERVER_NOT_TRUSTED,
          "fingerprint_mismatch",
          "server_key_fingerprint does not match server_public_key");
    }
    if (pinned.isPresent()
        && !MessageDigest.isEqual(actual, pinned.get().getBytes(StandardCharsets.US_ASCII))) {
      throw PqcFheException.local(
          LocalCode.SERVER_NOT_TRUSTED,
          "pin_mismatch",
          "server identity key " + fingerprint(key) + " is not the pinned " + pinned.get());
    }
  }
}
