package io.pqcfhe.pqc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.crypto.AesGcm;
import io.pqcfhe.crypto.AuthenticationFailedException;
import io.pqcfhe.crypto.ChannelAad;
import io.pqcfhe.crypto.ChannelDirection;
import io.pqcfhe.crypto.ChannelKeys;
import io.pqcfhe.crypto.HandshakeTranscript;
import io.pqcfhe.crypto.MlKemKeyPair;
import io.pqcfhe.crypto.MlKemParameterSet;
import io.pqcfhe.crypto.SecretBytes;
import io.pqcfhe.crypto.X25519KeyPair;
import io.pqcfhe.crypto.bc.MlDsa65;
import io.pqcfhe.crypto.bc.MlKem;
import io.pqcfhe.crypto.bc.X25519;
import io.pqcfhe.protocol.Permission;
import io.pqcfhe.protocol.SessionInfo;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;

/** The client side of the protocol, written from the contract, to drive the server in tests. */
final class TestClient {
  private static final SecureRandom RANDOM = new SecureRandom();

  final SessionInfo session;
  private final byte[] serverPublicKey;
  MlKemParameterSet algorithm;
  MlKemKeyPair kem;
  X25519KeyPair ephemeral;
  JsonObject lastInitiate;
  ChannelKeys keys;
  String keyId;
  String channelId;
  long sequence;
  long lastServerSequence;

  TestClient(String sessionId, String clientId, String tenant, String protocolVersion, byte[] serverPublicKey) {
    this.session = new SessionInfo(sessionId, clientId, tenant, EnumSet.allOf(Permission.class), protocolVersion);
    this.serverPublicKey = serverPublicKey;
  }

  JsonObject initiatePayload(MlKemParameterSet set, boolean hybrid) {
    algorithm = set;
    kem = MlKem.generateKeyPair(set, RANDOM);
    JsonObject payload = new JsonObject()
        .put("algorithm", set.wireName())
        .put("client_public_key", b64(kem.encapsulationKey()));
    ephemeral = null;
    if (hybrid) {
      ephemeral = X25519.generateKeyPair(RANDOM);
      payload.put("hybrid_mode", true).put("client_ephemeral_public", b64(ephemeral.publicKey()));
    }
    lastInitiate = payload;
    return payload;
  }

  /** Checks the server's answer like a careful client (signature over the transcript) and derives the keys. */
  void acceptInitiateAnswer(JsonObject answer) throws Exception {
    assertEquals(algorithm.wireName(), answer.getString("algorithm"));
    byte[] ciphertext = unb64(answer.getString("ciphertext"));
    assertEquals(algorithm.ciphertextBytes(), ciphertext.length);
    keyId = answer.getString("key_id");
    byte[] serverEphemeral = answer.containsKey("server_ephemeral_public")
        ? unb64(answer.getString("server_ephemeral_public")) : null;
    assertEquals(ephemeral != null, serverEphemeral != null, "server_ephemeral_public only in hybrid mode");
    byte[] transcript = new HandshakeTranscript(session.sessionId(), keyId, algorithm, kem.encapsulationKey(),
        ciphertext, ephemeral == null ? null : ephemeral.publicKey(), serverEphemeral).toBytes();
    assertTrue(MlDsa65.verify(serverPublicKey, transcript, unb64(answer.getString("signature"))),
        "signature over the transcript");
    SecretBytes kemSecret = MlKem.decapsulate(kem, ciphertext);
    SecretBytes classical = ephemeral == null ? null : X25519.agree(ephemeral.privateKey(), serverEphemeral);
    keys = ChannelKeys.derive(kemSecret, classical);
  }

  JsonObject confirmPayload() {
    return confirmPayload(keys.confirmHash());
  }

  JsonObject confirmPayload(String hash) {
    return new JsonObject().put("key_id", keyId).put("shared_key_hash", hash).put("ready_for_secure_channel", true);
  }

  /** A secure.send payload with the next sequence number and a fresh IV. */
  JsonObject send(byte[] plaintext) {
    return sendWith(plaintext, ++sequence, randomIv());
  }

  JsonObject sendWith(byte[] plaintext, long seq, byte[] iv) {
    byte[] aad = ChannelAad.of(session.protocolVersion(), channelId, seq);
    AesGcm.Sealed sealed = keys.seal(ChannelDirection.CLIENT_TO_SERVER, iv, plaintext, aad);
    return new JsonObject()
        .put("channel_id", channelId)
        .put("encrypted_data", b64(sealed.ciphertext()))
        .put("iv", b64(iv))
        .put("tag", b64(sealed.tag()))
        .put("sequence_number", seq);
  }

  /** Opens a secure.message, checking that the server's sequence numbers increase by one. */
  byte[] open(JsonObject data) throws AuthenticationFailedException {
    assertEquals(channelId, data.getString("channel_id"));
    long seq = data.getLong("sequence_number");
    assertEquals(lastServerSequence + 1, seq, "server sequence numbers increase by one");
    lastServerSequence = seq;
    byte[] aad = ChannelAad.of(session.protocolVersion(), channelId, seq);
    return keys.open(ChannelDirection.SERVER_TO_CLIENT, unb64(data.getString("iv")),
        unb64(data.getString("encrypted_data")), unb64(data.getString("tag")), aad);
  }

  static byte[] randomIv() {
    byte[] iv = new byte[12];
    RANDOM.nextBytes(iv);
    return iv;
  }

  static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  static byte[] unb64(String text) {
    return Base64.getDecoder().decode(text);
  }
}
