package io.pqcfhe.client.channel;

import io.pqcfhe.client.PqcFheException;
import io.pqcfhe.client.PqcFheException.LocalCode;
import io.pqcfhe.crypto.ChannelKeys;
import io.pqcfhe.crypto.HandshakeTranscript;
import io.pqcfhe.crypto.InvalidKeyMaterialException;
import io.pqcfhe.crypto.MlKemKeyPair;
import io.pqcfhe.crypto.SecretBytes;
import io.pqcfhe.crypto.X25519KeyPair;
import io.pqcfhe.crypto.bc.MlDsa65;
import io.pqcfhe.crypto.bc.MlKem;
import io.pqcfhe.crypto.bc.X25519;
import io.pqcfhe.client.internal.WireFields;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * One run of the client side of the key exchange (PROTOCOL.md §4): ephemeral ML-KEM (and X25519) keys,
 * the {@code pqc.initiate} payload, then — from the server's answer — the signature check, decapsulation
 * and key derivation. The server's answer is trusted only once its ML-DSA-65 signature over the
 * transcript verifies with the session's identity key; until then nothing is decapsulated.
 *
 * <p>Single use, not thread-safe. {@link #destroy()} wipes the ephemeral private keys; {@link #finish}
 * does it too.
 */
public final class ClientHandshake {
  private final HandshakeOptions options;
  private final MlKemKeyPair kemKeys;
  private final X25519KeyPair classicalKeys;

  private ClientHandshake(HandshakeOptions options, MlKemKeyPair kemKeys, X25519KeyPair classicalKeys) {
    this.options = options;
    this.kemKeys = kemKeys;
    this.classicalKeys = classicalKeys;
  }

  public static ClientHandshake start(HandshakeOptions options, SecureRandom random) {
    MlKemKeyPair kem = MlKem.generateKeyPair(options.algorithm(), random);
    X25519KeyPair classical = options.hybrid() ? X25519.generateKeyPair(random) : null;
    return new ClientHandshake(options, kem, classical);
  }

  public HandshakeOptions options() {
    return options;
  }

  public JsonObject initiatePayload() {
    JsonObject payload =
        new JsonObject()
            .put("algorithm", options.algorithm().wireName())
            .put("client_public_key", base64(kemKeys.encapsulationKey()))
            .put("hybrid_mode", options.hybrid());
    if (options.hybrid()) {
      payload.put("classical_algorithm", "X25519").put("client_ephemeral_public", base64(classicalKeys.publicKey()));
    }
    return payload;
  }

  /** The keys the server's answer establishes, and the key id to confirm them under. */
  public record Established(String keyId, ChannelKeys keys) {}

  /**
   * Checks the server's {@code pqc.initiate} answer and derives the channel keys.
   *
   * @param serverIdentityKey the session's {@code server_public_key}, already checked against its pin
   * @throws PqcFheException {@link LocalCode#SERVER_NOT_TRUSTED} (reason {@code bad_signature}) when the
   *     signature does not verify; {@link LocalCode#PROTOCOL_VIOLATION} for a malformed answer
   */
  public Established finish(String sessionId, byte[] serverIdentityKey, JsonObject answer) {
    try {
      String algorithm = WireFields.string(answer, "algorithm");
      if (!options.algorithm().wireName().equals(algorithm)) {
        throw violation("server answered with " + algorithm + ", not the requested " + options.algorithm().wireName());
      }
      String keyId = WireFields.string(answer, "key_id");
      if (keyId.isEmpty()) {
        throw violation("empty key_id");
      }
      byte[] ciphertext = WireFields.bytes(answer, "ciphertext", options.algorithm().ciphertextBytes());
      byte[] serverEphemeral = null;
      if (options.hybrid()) {
        serverEphemeral = WireFields.bytes(answer, "server_ephemeral_public", X25519.PUBLIC_KEY_BYTES);
      } else if (answer.containsKey("server_ephemeral_public")) {
        throw violation("server_ephemeral_public in a non-hybrid answer");
      }
      byte[] signature = WireFields.bytes(answer, "signature", MlDsa65.SIGNATURE_BYTES);
      HandshakeTranscript transcript =
          new HandshakeTranscript(
              sessionId,
              keyId,
              options.algorithm(),
              kemKeys.encapsulationKey(),
              ciphertext,
              options.hybrid() ? classicalKeys.publicKey() : null,
              serverEphemeral);
      if (!MlDsa65.verify(serverIdentityKey, transcript.toBytes(), signature)) {
        throw PqcFheException.local(
            LocalCode.SERVER_NOT_TRUSTED, "bad_signature", "handshake signature does not verify with the server's identity key");
      }
      return new Established(keyId, derive(ciphertext, serverEphemeral));
    } finally {
      destroy();
    }
  }

  private ChannelKeys derive(byte[] ciphertext, byte[] serverEphemeral) {
    SecretBytes kemSecret = null;
    SecretBytes classicalSecret = null;
    try {
      kemSecret = MlKem.decapsulate(kemKeys, ciphertext);
      if (serverEphemeral != null) {
        classicalSecret = X25519.agree(classicalKeys.privateKey(), serverEphemeral);
      }
      return ChannelKeys.derive(kemSecret, classicalSecret);
    } catch (InvalidKeyMaterialException e) {
      throw PqcFheException.local(LocalCode.PROTOCOL_VIOLATION, "invalid_ephemeral_key", e.getMessage());
    } finally {
      if (kemSecret != null) {
        kemSecret.destroy();
      }
      if (classicalSecret != null) {
        classicalSecret.destroy();
      }
    }
  }

  /** Wipes the ephemeral private keys. Idempotent. */
  public void destroy() {
    kemKeys.destroy();
    if (classicalKeys != null) {
      classicalKeys.destroy();
    }
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static PqcFheException violation(String message) {
    return PqcFheException.local(LocalCode.PROTOCOL_VIOLATION, message);
  }
}
