package io.pqcfhe.client.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.client.PqcFheException;
import io.pqcfhe.client.PqcFheException.LocalCode;
import io.pqcfhe.crypto.ChannelKeys;
import io.pqcfhe.crypto.Encapsulation;
import io.pqcfhe.crypto.HandshakeTranscript;
import io.pqcfhe.crypto.MlKemParameterSet;
import io.pqcfhe.crypto.SecretBytes;
import io.pqcfhe.crypto.X25519KeyPair;
import io.pqcfhe.crypto.bc.MlDsa65;
import io.pqcfhe.crypto.bc.MlKem;
import io.pqcfhe.crypto.bc.X25519;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The client's handshake against a server side written from PROTOCOL.md §4 with the real primitives: the
 * keys agree, and every tampering with the signed transcript is refused.
 */
class ClientHandshakeTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final MlDsa65.SigningKey IDENTITY = MlDsa65.fromSeed(MlDsa65.newSeed(RANDOM));
  private static final String SESSION = "sess-42";

  /** The server's answer to a {@code pqc.initiate}, and the keys it derived. */
  private record ServerSide(JsonObject answer, ChannelKeys keys) {}

  private static ServerSide serverAnswers(JsonObject initiate, String keyId, MlDsa65.SigningKey identity) throws Exception {
    MlKemParameterSet set = MlKemParameterSet.fromWire(initiate.getString("algorithm")).orElseThrow();
    byte[] clientKey = Base64.getDecoder().decode(initiate.getString("client_public_key"));
    Encapsulation enc = MlKem.encapsulate(set, clientKey, RANDOM);
    boolean hybrid = initiate.getBoolean("hybrid_mode");
    byte[] clientEphemeral = null;
    byte[] serverEphemeral = null;
    SecretBytes classical = null;
    if (hybrid) {
      clientEphemeral = Base64.getDecoder().decode(initiate.getString("client_ephemeral_public"));
      X25519KeyPair eph = X25519.generateKeyPair(RANDOM);
      serverEphemeral = eph.publicKey();
      classical = X25519.agree(eph.privateKey(), clientEphemeral);
    }
    byte[] transcript =
        new HandshakeTranscript(SESSION, keyId, set, clientKey, enc.ciphertext(), clientEphemeral, serverEphemeral).toBytes();
    JsonObject answer =
        new JsonObject()
            .put("algorithm", set.wireName())
            .put("ciphertext", b64(enc.ciphertext()))
            .put("key_id", keyId)
            .put("signature", b64(identity.sign(transcript, RANDOM)));
    if (hybrid) {
      answer.put("server_ephemeral_public", b64(serverEphemeral));
    }
    return new ServerSide(answer, ChannelKeys.derive(enc.sharedSecret(), classical));
  }

  static Stream<Arguments> everyParameterSetWithAndWithoutX25519() {
    return Stream.of(MlKemParameterSet.values()).flatMap(s -> Stream.of(Arguments.of(s, false), Arguments.of(s, true)));
  }

  @ParameterizedTest(name = "{0} hybrid={1}")
  @MethodSource("everyParameterSetWithAndWithoutX25519")
  void bothSidesDeriveTheSameKeys(MlKemParameterSet set, boolean hybrid) throws Exception {
    ClientHandshake handshake = ClientHandshake.start(new HandshakeOptions(set, hybrid), RANDOM);
    JsonObject initiate = handshake.initiatePayload();
    assertEquals(set.encapsulationKeyBytes(), Base64.getDecoder().decode(initiate.getString("client_public_key")).length);
    assertEquals(hybrid, initiate.containsKey("client_ephemeral_public"));

    ServerSide server = serverAnswers(initiate, "key-1", IDENTITY);
    ClientHandshake.Established established = handshake.finish(SESSION, IDENTITY.publicKey(), server.answer());

    assertEquals("key-1", established.keyId());
    assertTrue(server.keys().matchesConfirmHash(established.keys().confirmHash()));
    assertEquals(32, established.keys().confirmHash().length());
  }

  static Stream<Arguments> tamperings() {
    return Stream.of(
        Arguments.of("another key id", (UnaryOperator<JsonObject>) a -> a.put("key_id", "key-2")),
        Arguments.of("a flipped ciphertext bit", (UnaryOperator<JsonObject>) a -> a.put("ciphertext", flipFirstBit(a.getString("ciphertext")))),
        Arguments.of("another server ephemeral", (UnaryOperator<JsonObject>) a -> a.put("server_ephemeral_public", b64(X25519.generateKeyPair(RANDOM).publicKey()))),
        Arguments.of("a flipped signature bit", (UnaryOperator<JsonObject>) a -> a.put("signature", flipFirstBit(a.getString("signature")))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tamperings")
  void aTamperedTranscriptIsRefused(String what, UnaryOperator<JsonObject> tamper) throws Exception {
    ClientHandshake handshake = ClientHandshake.start(new HandshakeOptions(MlKemParameterSet.ML_KEM_768, true), RANDOM);
    ServerSide server = serverAnswers(handshake.initiatePayload(), "key-1", IDENTITY);
    JsonObject tampered = tamper.apply(server.answer().copy());
    PqcFheException e = assertThrows(PqcFheException.class, () -> handshake.finish(SESSION, IDENTITY.publicKey(), tampered));
    assertTrue(e.is(LocalCode.SERVER_NOT_TRUSTED), e.getMessage());
    assertEquals("bad_signature", e.reason().orElseThrow());
  }

  @Test
  void aSignatureForAnotherSessionIsRefused() throws Exception {
    ClientHandshake handshake = ClientHandshake.start(new HandshakeOptions(MlKemParameterSet.ML_KEM_512, false), RANDOM);
    ServerSide server = serverAnswers(handshake.initiatePayload(), "key-1", IDENTITY);
    PqcFheException e = assertThrows(PqcFheException.class, () -> handshake.finish("sess-other", IDENTITY.publicKey(), server.answer()));
    assertEquals("bad_signature", e.reason().orElseThrow());
  }

  @Test
  void aSignatureByAnotherIdentityIsRefused() throws Exception {
    MlDsa65.SigningKey impostor = MlDsa65.fromSeed(MlDsa65.newSeed(RANDOM));
    ClientHandshake handshake = ClientHandshake.start(new HandshakeOptions(MlKemParameterSet.ML_KEM_1024, true), RANDOM);
    ServerSide server = serverAnswers(handshake.initiatePayload(), "key-1", impostor);
    PqcFheException e = assertThrows(PqcFheException.class, () -> handshake.finish(SESSION, IDENTITY.publicKey(), server.answer()));
    assertEquals("bad_signature", e.reason().orElseThrow());
  }

  @Test
  void malformedAnswersAreProtocolViolations() throws Exception {
    ClientHandshake hybrid = ClientHandshake.start(new HandshakeOptions(MlKemParameterSet.ML_KEM_768, true), RANDOM);
    JsonObject answer = serverAnswers(hybrid.initiatePayload(), "key-1", IDENTITY).answer();
    assertViolation(hybrid, answer.copy().put("algorithm", "ML-KEM-512"));
    assertViolation(hybrid, withoutField(answer, "server_ephemeral_public"));
    assertViolation(hybrid, answer.copy().put("ciphertext", b64(new byte[1087])));
    assertViolation(hybrid, answer.copy().put("signature", "not base64!"));
    assertViolation(hybrid, withoutField(answer, "key_id"));

    ClientHandshake classic = ClientHandshake.start(new HandshakeOptions(MlKemParameterSet.ML_KEM_768, false), RANDOM);
    JsonObject plain = serverAnswers(classic.initiatePayload(), "key-1", IDENTITY).answer();
    assertViolation(classic, plain.copy().put("server_ephemeral_public", b64(new byte[32])));
  }

  @Test
  void finishingWipesTheEphemeralKeys() throws Exception {
    ClientHandshake handshake = ClientHandshake.start(new HandshakeOptions(MlKemParameterSet.ML_KEM_768, true), RANDOM);
    JsonObject answer = serverAnswers(handshake.initiatePayload(), "key-1", IDENTITY).answer();
    handshake.finish(SESSION, IDENTITY.publicKey(), answer);
    assertThrows(IllegalStateException.class, () -> handshake.finish(SESSION, IDENTITY.publicKey(), answer), "seed destroyed");
    assertFalse(handshake.initiatePayload().isEmpty(), "public parts stay readable");
  }

  private static void assertViolation(ClientHandshake handshake, JsonObject answer) {
    // Each of these answers fails a check before the (then wiped) ephemeral keys would be used.
    PqcFheException e =
        assertThrows(PqcFheException.class, () -> handshake.finish(SESSION, IDENTITY.publicKey(), answer));
    assertTrue(e.is(LocalCode.PROTOCOL_VIOLATION), e.getMessage());
  }

  private static JsonObject withoutField(JsonObject json, String field) {
    JsonObject copy = json.copy();
    copy.remove(field);
    return copy;
  }

  private static String flipFirstBit(String base64) {
    byte[] b = Base64.getDecoder().decode(base64);
    b[0] ^= 1;
    return b64(b);
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }
}
