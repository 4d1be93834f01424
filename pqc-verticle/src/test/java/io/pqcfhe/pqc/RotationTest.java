package io.pqcfhe.pqc;

import static io.pqcfhe.pqc.PqcHarness.assertReason;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.crypto.ChannelKeys;
import io.pqcfhe.crypto.MlKemParameterSet;
import io.pqcfhe.pqc.channel.SecureChannel;
import io.pqcfhe.protocol.ActionReply;
import io.pqcfhe.protocol.ClientEvent;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Key rotation with small limits (10 messages, warning at 8; the contract's 1000/900 are the defaults):
 * every accepted secure.send and every secure.message counts, so one echoed send uses two.
 */
@ExtendWith(VertxExtension.class)
class RotationTest {
  private static final byte[] PING = "ping".getBytes(StandardCharsets.UTF_8);

  private PqcHarness server;
  private TestClient client;

  @BeforeEach
  void deploy(Vertx vertx) throws Exception {
    server = new PqcHarness(vertx, PqcHarness.smallLimits());
    client = server.client("s1");
    server.establish(client, MlKemParameterSet.ML_KEM_768, false);
  }

  @Test
  void rekeyRequiredOnceAtTheWarningThenKeyExpiredPastTheLimit() throws Exception {
    for (int i = 1; i <= 3; i++) {
      ActionReply reply = server.call(client, "secure.send", client.send(PING));
      assertEquals(1, reply.followingEvents().size(), "no warning before 8 messages");
      client.open(reply.followingEvents().get(0).data());
    }
    ActionReply fourth = server.call(client, "secure.send", client.send(PING));
    assertEquals(List.of("secure.message", "pqc.rekey_required"),
        fourth.followingEvents().stream().map(ClientEvent::event).toList());
    JsonObject warning = fourth.followingEvents().get(1).data();
    assertEquals("chan-s1", warning.getString("channel_id"));
    assertEquals(client.keyId, warning.getString("key_id"));
    assertEquals(8, warning.getInteger("messages_used"));
    assertEquals("2026-01-01T01:00:00Z", warning.getString("expires_at"));

    ActionReply fifth = server.call(client, "secure.send", client.send(PING));
    assertEquals(1, fifth.followingEvents().size(), "the warning is sent once");
    assertReason(server.failure(client, "secure.send", client.send(PING)), "SECURE_CHANNEL_ERROR", "key_expired");
  }

  @Test
  void rekeyKeepsTheChannelAndCountersAndRetiresTheOldKeys() throws Exception {
    for (int i = 0; i < 5; i++) {
      client.open(server.call(client, "secure.send", client.send(PING)).followingEvents().get(0).data());
    }
    assertReason(server.failure(client, "secure.send", client.send(PING)), "SECURE_CHANNEL_ERROR", "key_expired");
    client.sequence--; // that message was refused: its number is still free

    SecureChannel channel = server.channels.channelOf("s1").orElseThrow();
    ChannelKeys oldKeys = client.keys;
    String oldKeyId = client.keyId;
    // Until the confirm, the old keys serve (here: they are exhausted, so still key_expired).
    client.acceptInitiateAnswer(server.success(client, "pqc.initiate", client.initiatePayload(MlKemParameterSet.ML_KEM_1024, true)));
    ChannelKeys newKeys = client.keys;
    ActionReply confirm = server.call(client, "pqc.confirm", client.confirmPayload());
    assertEquals("chan-s1", confirm.payload().getString("channel_id"));
    assertNotEquals(oldKeyId, client.keyId);
    assertEquals(client.keyId, confirm.followingEvents().get(0).data().getString("key_id"));

    // Sequence numbers go on; the server's counter too (5 echoes so far, this is the 6th message).
    ActionReply afterRekey = server.call(client, "secure.send", client.send(PING));
    assertTrue(afterRekey.succeeded());
    assertEquals(6, afterRekey.followingEvents().get(0).data().getLong("sequence_number"));
    assertArrayEquals(PING, client.open(afterRekey.followingEvents().get(0).data()));

    // A message under the old keys fails authentication.
    client.keys = oldKeys;
    assertReason(server.failure(client, "secure.send", client.send(PING)), "SECURE_CHANNEL_ERROR", "auth_failed");
    client.keys = newKeys;
    assertFalse(channel.keysDestroyedForTest());
  }

  @Test
  void usedIvSetStartsEmptyWithNewKeys() throws Exception {
    byte[] iv = TestClient.randomIv();
    assertTrue(server.call(client, "secure.send", client.sendWith(PING, 1, iv)).succeeded());
    server.establish(client, MlKemParameterSet.ML_KEM_768, false);
    JsonObject underNewKey = client.sendWith(PING, 2, iv);
    assertTrue(server.call(client, "secure.send", underNewKey).succeeded(),
        "an IV used under the old key may be used once under the new one");
    // Replayed under a new number (1.0: empty AAD, so the tag still verifies): the IV is spent.
    assertReason(server.failure(client, "secure.send", underNewKey.copy().put("sequence_number", 3)),
        "SECURE_CHANNEL_ERROR", "replay");
  }

  @Test
  void keysExpireByAgeWithAWarningAtFiftyFiveMinutes() throws Exception {
    server.clock.advance(Duration.ofMinutes(55));
    ClientEvent warning = server.nextEvent(client); // from the periodic sweep
    assertEquals("pqc.rekey_required", warning.event());
    assertEquals(0, warning.data().getInteger("messages_used"));
    server.assertNoEvent(client);
    assertTrue(server.call(client, "secure.send", client.send(PING)).succeeded(), "still usable until the hour");
    server.clock.advance(Duration.ofMinutes(5));
    assertReason(server.failure(client, "secure.send", client.send(PING)), "SECURE_CHANNEL_ERROR", "key_expired");
  }
}
