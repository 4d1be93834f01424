package io.pqcfhe.pqc;

import static io.pqcfhe.pqc.PqcHarness.assertField;
import static io.pqcfhe.pqc.PqcHarness.assertReason;
import static io.pqcfhe.pqc.TestClient.b64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.crypto.AesGcm;
import io.pqcfhe.crypto.ChannelDirection;
import io.pqcfhe.crypto.MlKemParameterSet;
import io.pqcfhe.pqc.channel.SecureChannel;
import io.pqcfhe.protocol.ActionReply;
import io.pqcfhe.protocol.ClientEvent;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** secure.send over the event bus: the checks of §5 in order, that refusals change nothing, and deliveries. */
@ExtendWith(VertxExtension.class)
class SecureChannelTest {
  private static final byte[] PING = "ping".getBytes(StandardCharsets.UTF_8);

  private PqcHarness server;
  private TestClient client;

  @BeforeEach
  void deploy(Vertx vertx) throws Exception {
    server = new PqcHarness(vertx, PqcHarness.smallLimits().withMessageLimits(1000, 900));
    client = server.client("s1");
  }

  @Test
  void withoutAChannelSendIsRefused() throws Exception {
    client.channelId = "chan-s1";
    client.keys = io.pqcfhe.crypto.ChannelKeys.derive(io.pqcfhe.crypto.SecretBytes.copyOf(new byte[32]), null);
    assertReason(server.failure(client, "secure.send", client.send(PING)), "SECURE_CHANNEL_ERROR", "channel_not_established");
  }

  @Test
  void malformedFieldsAreInvalidRequestsNamingTheField() throws Exception {
    server.establish(client, MlKemParameterSet.ML_KEM_768, false);
    JsonObject good = client.sendWith(PING, 1, TestClient.randomIv());
    for (String field : new String[] {"channel_id", "encrypted_data", "iv", "tag", "sequence_number"}) {
      JsonObject missing = good.copy();
      missing.remove(field);
      assertField(server.failure(client, "secure.send", missing), "payload." + field);
    }
    assertField(server.failure(client, "secure.send", good.copy().put("iv", b64(new byte[16]))), "payload.iv");
    assertField(server.failure(client, "secure.send", good.copy().put("tag", b64(new byte[12]))), "payload.tag");
    assertField(server.failure(client, "secure.send", good.copy().put("encrypted_data", "***")), "payload.encrypted_data");
    assertField(server.failure(client, "secure.send", good.copy().put("sequence_number", "1")), "payload.sequence_number");
    assertField(server.failure(client, "secure.send", good.copy().put("sequence_number", 1.5)), "payload.sequence_number");
    assertField(server.failure(client, "secure.send", good.copy().put("sequence_number", 0)), "payload.sequence_number");
    assertField(server.failure(client, "secure.send", good.copy().put("sequence_number", 1L << 53)), "payload.sequence_number");
    assertField(server.failure(client, "secure.send", good.copy().put("channel_id", 7)), "payload.channel_id");
    assertField(server.failure(client, "secure.send", good.copy().put("to", "no spaces")), "payload.to");
    assertField(server.failure(client, "secure.send", good.copy().put("timestamp", "yesterday")), "payload.timestamp");
    // None of this changed state: the message itself is still accepted.
    assertTrue(server.call(client, "secure.send", good).succeeded());
  }

  @Test
  void largestSequenceNumberIsAccepted() throws Exception {
    server.establish(client, MlKemParameterSet.ML_KEM_768, false);
    assertTrue(server.call(client, "secure.send", client.sendWith(PING, (1L << 53) - 1, TestClient.randomIv())).succeeded());
  }

  @Test
  void anotherChannelIdIsUnknown() throws Exception {
    server.establish(client, MlKemParameterSet.ML_KEM_768, false);
    JsonObject message = client.send(PING).put("channel_id", "chan-other");
    assertReason(server.failure(client, "secure.send", message), "SECURE_CHANNEL_ERROR", "unknown_channel");
  }

  @Test
  void staleTimestampsAreRefusedAndFreshOnesAccepted() throws Exception {
    server.establish(client, MlKemParameterSet.ML_KEM_768, false);
    Instant now = server.clock.instant();
    JsonObject stale = client.sendWith(PING, 1, TestClient.randomIv())
        .put("timestamp", now.minus(Duration.ofMinutes(5).plusSeconds(1)).toString());
    assertReason(server.failure(client, "secure.send", stale), "SECURE_CHANNEL_ERROR", "stale_timestamp");
    JsonObject future = client.sendWith(PING, 1, TestClient.randomIv())
        .put("timestamp", now.plus(Duration.ofMinutes(6)).toString());
    assertReason(server.failure(client, "secure.send", future), "SECURE_CHANNEL_ERROR", "stale_timestamp");
    JsonObject fresh = client.sendWith(PING, 1, TestClient.randomIv()).put("timestamp", now.minusSeconds(290).toString());
    assertTrue(server.call(client, "secure.send", fresh).succeeded());
  }

  @Test
  void replayBySequenceNumberIsRefused() throws Exception {
    server.establish(client, MlKemParameterSet.ML_KEM_768, false);
    assertTrue(server.call(client, "secure.send", client.sendWith(PING, 5, TestClient.randomIv())).succeeded());
    assertReason(server.failure(client, "secure.send", client.sendWith(PING, 5, TestClient.randomIv())),
        "SECURE_CHANNEL_ERROR", "replay");
    assertReason(server.failure(client, "secure.send", client.sendWith(PING, 4, TestClient.randomIv())),
        "SECURE_CHANNEL_ERROR", "replay");
    assertTrue(server.call(client, "secure.send", client.sendWith(PING, 6, TestClient.randomIv())).succeeded());
  }

  @Test
  void replayByIvIsRefused() throws Exception {
    server.establish(client, MlKemParameterSet.ML_KEM_768, false);
    JsonObject first = client.sendWith(PING, 1, TestClient.randomIv());
    assertTrue(server.call(client, "secure.send", first).succeeded());
    // The same sealed message under a new number (its AAD is empty in 1.0, so its tag still verifies).
    assertReason(server.failure(client, "secure.send", first.copy().put("sequence_number", 2)),
        "SECURE_CHANNEL_ERROR", "replay");
    assertTrue(server.call(client, "secure.send", client.sendWith(PING, 2, TestClient.randomIv())).succeeded());
  }

  @Test
  void tamperedMessagesFailAuthenticationAndChangeNothing() throws Exception {
    server.establish(client, MlKemParameterSet.ML_KEM_768, false);
    byte[] iv = TestClient.randomIv();
    JsonObject good = client.sendWith(PING, 1, iv);
    byte[] tag = TestClient.unb64(good.getString("tag"));
    tag[0] ^= 1;
    assertReason(server.failure(client, "secure.send", good.copy().put("tag", b64(tag))), "SECURE_CHANNEL_ERROR", "auth_failed");
    byte[] data = TestClient.unb64(good.getString("encrypted_data"));
    data[0] ^= 1;
    assertReason(server.failure(client, "secure.send", good.copy().put("encrypted_data", b64(data))),
        "SECURE_CHANNEL_ERROR", "auth_failed");
    // The refusals spent neither the sequence number nor the IV:
    ActionReply accepted = server.call(client, "secure.send", good);
    assertTrue(accepted.succeeded(), "same sequence number and IV still accepted after the refusals");
    assertArrayEquals(PING, client.open(accepted.followingEvents().get(0).data()));
  }

  @Test
  void aMessageSealedUnderTheServerKeyIsRefused() throws Exception {
    server.establish(client, MlKemParameterSet.ML_KEM_768, false);
    byte[] iv = TestClient.randomIv();
    AesGcm.Sealed reflected = client.keys.seal(ChannelDirection.SERVER_TO_CLIENT, iv, PING, new byte[0]);
    JsonObject message = client.sendWith(PING, 1, iv)
        .put("encrypted_data", b64(reflected.ciphertext())).put("tag", b64(reflected.tag()));
    assertReason(server.failure(client, "secure.send", message), "SECURE_CHANNEL_ERROR", "auth_failed");
  }

  @Test
  void version11BindsChannelAndSequenceIntoTheAad() throws Exception {
    TestClient v11 = server.client("s11", "c11", "default", "1.1");
    server.establish(v11, MlKemParameterSet.ML_KEM_768, true);
    JsonObject good = v11.sendWith(PING, 1, TestClient.randomIv());
    // Sealed with the 1.0 rule (empty AAD): refused on a 1.1 session.
    byte[] iv = TestClient.randomIv();
    AesGcm.Sealed emptyAad = v11.keys.seal(ChannelDirection.CLIENT_TO_SERVER, iv, PING, new byte[0]);
    JsonObject wrongAad = good.copy().put("iv", b64(iv))
        .put("encrypted_data", b64(emptyAad.ciphertext())).put("tag", b64(emptyAad.tag()));
    assertReason(server.failure(v11, "secure.send", wrongAad), "SECURE_CHANNEL_ERROR", "auth_failed");
    // Sealed for sequence 1 but sent as 2: refused.
    JsonObject moved = good.copy().put("sequence_number", 2);
    assertReason(server.failure(v11, "secure.send", moved), "SECURE_CHANNEL_ERROR", "auth_failed");
    // The right AAD: accepted, and the echo is sealed with the server's own sequence number in its AAD.
    ActionReply ok = server.call(v11, "secure.send", good);
    assertTrue(ok.succeeded());
    assertArrayEquals(PING, v11.open(ok.followingEvents().get(0).data()));

    // And a 1.0 session refuses a message sealed with a 1.1 AAD.
    server.establish(client, MlKemParameterSet.ML_KEM_768, false);
    byte[] iv2 = TestClient.randomIv();
    AesGcm.Sealed v11Aad = client.keys.seal(ChannelDirection.CLIENT_TO_SERVER, iv2, PING,
        "chan-s1:1".getBytes(StandardCharsets.US_ASCII));
    JsonObject v11Style = client.sendWith(PING, 1, TestClient.randomIv()).put("iv", b64(iv2))
        .put("encrypted_data", b64(v11Aad.ciphertext())).put("tag", b64(v11Aad.tag()));
    assertReason(server.failure(client, "secure.send", v11Style), "SECURE_CHANNEL_ERROR", "auth_failed");
  }

  @Test
  void echoesUseFreshIvsAndIncreasingServerSequenceNumbers() throws Exception {
    server.establish(client, MlKemParameterSet.ML_KEM_512, false);
    java.util.Set<String> ivs = new java.util.HashSet<>();
    for (int i = 0; i < 5; i++) {
      ActionReply reply = server.call(client, "secure.send", client.send(PING));
      JsonObject data = reply.followingEvents().get(0).data();
      assertTrue(ivs.add(data.getString("iv")), "fresh IV per message");
      assertArrayEquals(PING, client.open(data));
      assertFalse(data.containsKey("sender"), "no sender on an echo");
      assertTrue(data.getString("timestamp").endsWith("Z"));
    }
  }

  @Test
  void innerRequestsGoToTheGatewayAndTheirAnswerComesBackSealed() throws Exception {
    server.establish(client, MlKemParameterSet.ML_KEM_768, true);
    JsonObject inner = new JsonObject().put("type", "request").put("id", "in-1").put("action", "fhe.setup")
        .put("payload", new JsonObject().put("scheme", "CKKS"));
    ActionReply reply = server.call(client, "secure.send", client.send(inner.toBuffer().getBytes()));
    assertEquals(new JsonObject().put("delivered", true).put("server_sequence", 1L), reply.payload());
    assertTrue(reply.followingEvents().isEmpty(), "no echo for an inner request");
    assertEquals(inner, server.nextInner(client));

    JsonObject response = new JsonObject().put("type", "response").put("id", "in-1").put("status", "success");
    ActionReply delivered = server.call(client, "secure.deliver", new JsonObject().put("message", response.toBuffer()));
    assertTrue(delivered.succeeded());
    ClientEvent event = server.nextEvent(client);
    assertEquals("secure.message", event.event());
    assertEquals(response, new JsonObject(io.vertx.core.buffer.Buffer.buffer(client.open(event.data()))));
  }

  @Test
  void jsonThatIsNotARequestIsEchoed() throws Exception {
    server.establish(client, MlKemParameterSet.ML_KEM_768, false);
    byte[] notRequest = new JsonObject().put("type", "note").toBuffer().getBytes();
    ActionReply reply = server.call(client, "secure.send", client.send(notRequest));
    assertArrayEquals(notRequest, client.open(reply.followingEvents().get(0).data()));
    server.assertNoInner(client);
  }

  @Test
  void deliverWithoutChannelOrMessageIsRefused() throws Exception {
    assertReason(server.failure(client, "secure.deliver", new JsonObject().put("message", new JsonObject().toBuffer())),
        "SECURE_CHANNEL_ERROR", "channel_not_established");
    server.establish(client, MlKemParameterSet.ML_KEM_768, false);
    assertField(server.failure(client, "secure.deliver", new JsonObject().put("message", "text")), "payload.message");
    // The answer as a JSON object instead of its bytes: only the gateway's bytes are sealed.
    assertField(server.failure(client, "secure.deliver", new JsonObject().put("message", new JsonObject())), "payload.message");
  }

  @Test
  void sessionEndWipesTheKeysAndForgetsTheChannel() throws Exception {
    server.establish(client, MlKemParameterSet.ML_KEM_768, false);
    SecureChannel channel = server.channels.channelOf("s1").orElseThrow();
    assertFalse(channel.keysDestroyedForTest());
    server.endSession(client);
    assertTrue(channel.keysDestroyedForTest());
    assertEquals(0, server.channels.channelCount());
    assertReason(server.failure(client, "secure.send", client.send(PING)), "SECURE_CHANNEL_ERROR", "channel_not_established");
  }

  @Test
  void undeployingWipesEveryKey(Vertx vertx) throws Exception {
    server.establish(client, MlKemParameterSet.ML_KEM_768, false);
    server.success(client, "pqc.initiate", client.initiatePayload(MlKemParameterSet.ML_KEM_512, false));
    SecureChannel channel = server.channels.channelOf("s1").orElseThrow();
    for (String id : vertx.deploymentIDs()) {
      PqcHarness.await(vertx.undeploy(id));
    }
    assertTrue(channel.keysDestroyedForTest());
    assertEquals(0, server.channels.channelCount());
    assertEquals(0, server.keyExchange.pendingCount());
  }

  @Test
  void sessionEndWipesPendingHandshakes() throws Exception {
    server.success(client, "pqc.initiate", client.initiatePayload(MlKemParameterSet.ML_KEM_768, false));
    assertEquals(1, server.keyExchange.pendingCount());
    server.endSession(client);
    assertEquals(0, server.keyExchange.pendingCount());
  }
}
