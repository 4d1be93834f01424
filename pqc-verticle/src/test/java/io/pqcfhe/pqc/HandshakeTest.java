package io.pqcfhe.pqc;

import static io.pqcfhe.pqc.PqcHarness.assertField;
import static io.pqcfhe.pqc.PqcHarness.assertReason;
import static io.pqcfhe.pqc.TestClient.b64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.crypto.MlKemParameterSet;
import io.pqcfhe.protocol.ActionReply;
import io.pqcfhe.protocol.ClientEvent;
import io.pqcfhe.protocol.ProtocolError;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** pqc.initiate and pqc.confirm over the event bus: every size, hybrid, and every refusal of §4. */
@ExtendWith(VertxExtension.class)
class HandshakeTest {
  private PqcHarness server;

  @BeforeEach
  void deploy(Vertx vertx) throws Exception {
    server = new PqcHarness(vertx, PqcHarness.smallLimits());
  }

  @ParameterizedTest(name = "{0} hybrid={1}")
  @CsvSource({"ML_KEM_512,false", "ML_KEM_768,false", "ML_KEM_1024,false",
              "ML_KEM_512,true", "ML_KEM_768,true", "ML_KEM_1024,true"})
  void handshakeEstablishesAChannelThatEchoes(MlKemParameterSet set, boolean hybrid) throws Exception {
    TestClient client = server.client("s1");
    ActionReply confirm = server.establish(client, set, hybrid);

    assertEquals(new JsonObject().put("secure_channel_established", true).put("channel_id", "chan-s1")
        .put("cipher_suite", "AES-256-GCM").put("key_derivation", "HKDF-SHA384"), confirm.payload());
    assertEquals(1, confirm.followingEvents().size());
    ClientEvent established = confirm.followingEvents().get(0);
    assertEquals("pqc.established", established.event());
    assertEquals(new JsonObject().put("channel_id", "chan-s1").put("key_id", client.keyId), established.data());

    byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
    ActionReply sent = server.call(client, "secure.send", client.send(hello));
    assertEquals(new JsonObject().put("delivered", true).put("server_sequence", 1L), sent.payload());
    assertEquals("secure.message", sent.followingEvents().get(0).event());
    assertArrayEquals(hello, client.open(sent.followingEvents().get(0).data()));
  }

  @Test
  void algorithmDefaultsToMlKem768AndTheTranscriptSaysSo() throws Exception {
    TestClient client = server.client("s1");
    JsonObject payload = client.initiatePayload(MlKemParameterSet.ML_KEM_768, false);
    payload.remove("algorithm");
    JsonObject answer = server.success(client, "pqc.initiate", payload);
    assertEquals("ML-KEM-768", answer.getString("algorithm"));
    assertFalse(answer.containsKey("server_ephemeral_public"));
    client.acceptInitiateAnswer(answer); // verifies the signature over a transcript naming ML-KEM-768
  }

  @Test
  void urlSafeUnpaddedBase64IsAcceptedOnInput() throws Exception {
    TestClient client = server.client("s1");
    JsonObject payload = client.initiatePayload(MlKemParameterSet.ML_KEM_512, true);
    payload.put("client_public_key", Base64.getUrlEncoder().withoutPadding().encodeToString(client.kem.encapsulationKey()));
    payload.put("client_ephemeral_public", Base64.getUrlEncoder().withoutPadding().encodeToString(client.ephemeral.publicKey()));
    client.acceptInitiateAnswer(server.success(client, "pqc.initiate", payload));
  }

  @Test
  void keyIdsAreUnguessableAndDistinct() throws Exception {
    TestClient client = server.client("s1");
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 4; i++) {
      ids.add(server.success(client, "pqc.initiate", client.initiatePayload(MlKemParameterSet.ML_KEM_512, false))
          .getString("key_id"));
    }
    assertEquals(4, ids.size());
    ids.forEach(id -> assertTrue(id.matches("kid-[A-Za-z0-9_-]{22}"), id));
  }

  @Test
  void wronglyTypedOrEncodedFieldsAreInvalidRequests() throws Exception {
    TestClient client = server.client("s1");
    JsonObject good = client.initiatePayload(MlKemParameterSet.ML_KEM_768, true);
    assertField(server.failure(client, "pqc.initiate", good.copy().put("client_public_key", 12)),
        "payload.client_public_key");
    assertField(server.failure(client, "pqc.initiate", good.copy().put("client_public_key", "not*base64")),
        "payload.client_public_key");
    assertField(server.failure(client, "pqc.initiate", good.copy().put("client_public_key", "ab+c_d==")),
        "payload.client_public_key");
    assertField(server.failure(client, "pqc.initiate", withoutKey(good)),
        "payload.client_public_key");
    assertField(server.failure(client, "pqc.initiate", good.copy().put("hybrid_mode", "yes")), "payload.hybrid_mode");
    assertField(server.failure(client, "pqc.initiate", good.copy().put("algorithm", 768)), "payload.algorithm");
    assertField(server.failure(client, "pqc.initiate", good.copy().put("client_ephemeral_public", "%%")),
        "payload.client_ephemeral_public");
    JsonObject noEphemeral = good.copy();
    noEphemeral.remove("client_ephemeral_public");
    assertField(server.failure(client, "pqc.initiate", noEphemeral), "payload.client_ephemeral_public");
    assertEquals(0, server.keyExchange.pendingCount(), "a refused initiate keeps nothing");
  }

  private static JsonObject withoutKey(JsonObject payload) {
    JsonObject copy = payload.copy();
    copy.remove("client_public_key");
    return copy;
  }

  @Test
  void unsupportedAlgorithmsAreRefused() throws Exception {
    TestClient client = server.client("s1");
    JsonObject good = client.initiatePayload(MlKemParameterSet.ML_KEM_768, true);
    assertReason(server.failure(client, "pqc.initiate", good.copy().put("algorithm", "ML-KEM-2048")),
        "PQC_KEY_EXCHANGE_FAILED", "unsupported_algorithm");
    assertReason(server.failure(client, "pqc.initiate", good.copy().put("algorithm", "ml-kem-768")),
        "PQC_KEY_EXCHANGE_FAILED", "unsupported_algorithm");
    assertReason(server.failure(client, "pqc.initiate", good.copy().put("classical_algorithm", "X448")),
        "PQC_KEY_EXCHANGE_FAILED", "unsupported_algorithm");
    // classical_algorithm absent means X25519, and X25519 named explicitly is accepted.
    client.acceptInitiateAnswer(server.success(client, "pqc.initiate", good.copy().put("classical_algorithm", "X25519")));
  }

  @Test
  void badPublicKeysAreRefused() throws Exception {
    TestClient client = server.client("s1");
    JsonObject good = client.initiatePayload(MlKemParameterSet.ML_KEM_768, false);
    byte[] key = client.kem.encapsulationKey();
    // The right length for another parameter set.
    assertReason(server.failure(client, "pqc.initiate", good.copy().put("algorithm", "ML-KEM-512")),
        "PQC_KEY_EXCHANGE_FAILED", "invalid_public_key");
    assertReason(server.failure(client, "pqc.initiate",
        good.copy().put("client_public_key", b64(java.util.Arrays.copyOf(key, key.length - 1)))),
        "PQC_KEY_EXCHANGE_FAILED", "invalid_public_key");
    assertReason(server.failure(client, "pqc.initiate", good.copy().put("client_public_key", b64(new byte[100_000]))),
        "PQC_KEY_EXCHANGE_FAILED", "invalid_public_key");
    // Modulus overflow: the first 12-bit coefficient set to 4095 >= q = 3329.
    byte[] overflow = key.clone();
    overflow[0] = (byte) 0xFF;
    overflow[1] = (byte) (overflow[1] | 0x0F);
    assertReason(server.failure(client, "pqc.initiate", good.copy().put("client_public_key", b64(overflow))),
        "PQC_KEY_EXCHANGE_FAILED", "invalid_public_key");
    assertEquals(0, server.keyExchange.pendingCount());
  }

  @Test
  void badEphemeralKeysAreRefused() throws Exception {
    TestClient client = server.client("s1");
    JsonObject good = client.initiatePayload(MlKemParameterSet.ML_KEM_768, true);
    assertReason(server.failure(client, "pqc.initiate", good.copy().put("client_ephemeral_public", b64(new byte[31]))),
        "PQC_KEY_EXCHANGE_FAILED", "invalid_ephemeral_key");
    assertReason(server.failure(client, "pqc.initiate", good.copy().put("client_ephemeral_public", b64(new byte[33]))),
        "PQC_KEY_EXCHANGE_FAILED", "invalid_ephemeral_key");
    // Low-order points give the all-zero secret: u = 0 and u = 1.
    byte[] one = new byte[32];
    one[0] = 1;
    for (byte[] lowOrder : new byte[][] {new byte[32], one}) {
      assertReason(server.failure(client, "pqc.initiate", good.copy().put("client_ephemeral_public", b64(lowOrder))),
          "PQC_KEY_EXCHANGE_FAILED", "invalid_ephemeral_key");
    }
    assertEquals(0, server.keyExchange.pendingCount());
  }

  @Test
  void threeWrongHashesInvalidateTheKeyIdAndNeverRevealTheExpectedHash() throws Exception {
    TestClient client = server.client("s1");
    client.acceptInitiateAnswer(server.success(client, "pqc.initiate",
        client.initiatePayload(MlKemParameterSet.ML_KEM_768, false)));
    String expected = client.keys.confirmHash();
    String wrong = (expected.charAt(0) == '0' ? "1" : "0") + expected.substring(1);
    for (int i = 0; i < 3; i++) {
      ProtocolError error = server.failure(client, "pqc.confirm", client.confirmPayload(wrong));
      assertReason(error, "PQC_KEY_EXCHANGE_FAILED", "hash_mismatch");
      assertFalse(error.toJson().encode().contains(expected), "the expected hash is never sent");
    }
    assertReason(server.failure(client, "pqc.confirm", client.confirmPayload()),
        "PQC_KEY_EXCHANGE_FAILED", "unknown_key_id");
  }

  @Test
  void twoWrongHashesStillAllowTheRightOne() throws Exception {
    TestClient client = server.client("s1");
    client.acceptInitiateAnswer(server.success(client, "pqc.initiate",
        client.initiatePayload(MlKemParameterSet.ML_KEM_768, false)));
    for (int i = 0; i < 2; i++) {
      assertReason(server.failure(client, "pqc.confirm", client.confirmPayload("00".repeat(16))),
          "PQC_KEY_EXCHANGE_FAILED", "hash_mismatch");
    }
    assertTrue(server.call(client, "pqc.confirm", client.confirmPayload()).succeeded());
  }

  @Test
  void aKeyIdIsSingleUse() throws Exception {
    TestClient client = server.client("s1");
    server.establish(client, MlKemParameterSet.ML_KEM_768, false);
    assertReason(server.failure(client, "pqc.confirm", client.confirmPayload()),
        "PQC_KEY_EXCHANGE_FAILED", "unknown_key_id");
  }

  @Test
  void aKeyIdExpiresAfterSixtySeconds() throws Exception {
    TestClient client = server.client("s1");
    client.acceptInitiateAnswer(server.success(client, "pqc.initiate",
        client.initiatePayload(MlKemParameterSet.ML_KEM_768, false)));
    server.clock.advance(Duration.ofSeconds(60));
    assertReason(server.failure(client, "pqc.confirm", client.confirmPayload()),
        "PQC_KEY_EXCHANGE_FAILED", "unknown_key_id");
  }

  @Test
  void aKeyIdJustBeforeExpiryStillWorks() throws Exception {
    TestClient client = server.client("s1");
    client.acceptInitiateAnswer(server.success(client, "pqc.initiate",
        client.initiatePayload(MlKemParameterSet.ML_KEM_768, false)));
    server.clock.advance(Duration.ofSeconds(59));
    assertTrue(server.call(client, "pqc.confirm", client.confirmPayload()).succeeded());
  }

  @Test
  void expiredKeyIdsAreSwept() throws Exception {
    TestClient client = server.client("s1");
    server.success(client, "pqc.initiate", client.initiatePayload(MlKemParameterSet.ML_KEM_512, false));
    assertEquals(1, server.keyExchange.pendingCount());
    server.clock.advance(Duration.ofSeconds(61));
    long deadline = System.nanoTime() + 2_000_000_000L;
    while (server.keyExchange.pendingCount() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(0, server.keyExchange.pendingCount());
  }

  @Test
  void aKeyIdBelongsToItsSession() throws Exception {
    TestClient owner = server.client("s1");
    TestClient other = server.client("s2");
    owner.acceptInitiateAnswer(server.success(owner, "pqc.initiate",
        owner.initiatePayload(MlKemParameterSet.ML_KEM_768, false)));
    assertReason(server.failure(other, "pqc.confirm", owner.confirmPayload()), "PQC_KEY_EXCHANGE_FAILED", "unknown_key_id");
    assertTrue(server.call(owner, "pqc.confirm", owner.confirmPayload()).succeeded(), "the owner still can");
  }

  @Test
  void pendingKeyIdsPerSessionAreCapped() throws Exception {
    TestClient client = server.client("s1");
    JsonObject firstAnswer = server.success(client, "pqc.initiate", client.initiatePayload(MlKemParameterSet.ML_KEM_512, false));
    String firstKeyId = firstAnswer.getString("key_id");
    for (int i = 0; i < server.settings.maxPendingPerSession(); i++) {
      server.success(client, "pqc.initiate", client.initiatePayload(MlKemParameterSet.ML_KEM_512, false));
    }
    assertEquals(server.settings.maxPendingPerSession(), server.keyExchange.pendingCount());
    assertReason(server.failure(client, "pqc.confirm",
        new JsonObject().put("key_id", firstKeyId).put("shared_key_hash", "00".repeat(16)).put("ready_for_secure_channel", true)),
        "PQC_KEY_EXCHANGE_FAILED", "unknown_key_id");
  }

  @Test
  void confirmFieldsAreTypeChecked() throws Exception {
    TestClient client = server.client("s1");
    client.acceptInitiateAnswer(server.success(client, "pqc.initiate",
        client.initiatePayload(MlKemParameterSet.ML_KEM_768, false)));
    assertField(server.failure(client, "pqc.confirm", client.confirmPayload().put("key_id", 5)), "payload.key_id");
    assertField(server.failure(client, "pqc.confirm", client.confirmPayload().put("shared_key_hash", true)),
        "payload.shared_key_hash");
    assertField(server.failure(client, "pqc.confirm", client.confirmPayload().put("ready_for_secure_channel", false)),
        "payload.ready_for_secure_channel");
    assertTrue(server.call(client, "pqc.confirm", client.confirmPayload()).succeeded(), "refusals changed nothing");
  }
}
