package io.pqcfhe.pqc.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.crypto.AesGcm;
import io.pqcfhe.crypto.ChannelAad;
import io.pqcfhe.crypto.ChannelDirection;
import io.pqcfhe.crypto.ChannelKeys;
import io.pqcfhe.crypto.SecretBytes;
import io.pqcfhe.pqc.PayloadReader;
import io.pqcfhe.pqc.PqcSettings;
import io.pqcfhe.protocol.ActionRequest;
import io.pqcfhe.protocol.Permission;
import io.pqcfhe.protocol.SessionInfo;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The channel service under concurrent use, without Vert.x: several sessions of one client relay to each
 * other from several threads at once. Every recipient must see each server sequence number exactly once,
 * every message must open under its own keys and AAD, and nothing may deadlock.
 */
class ConcurrentRelayTest {
  private static final int SESSIONS = 4;
  private static final int MESSAGES_PER_SESSION = 150;

  @Test
  void concurrentRelaysKeepEveryChannelConsistent() throws Exception {
    SecureRandom random = new SecureRandom();
    PqcSettings settings = PqcSettings.defaults().withMessageLimits(100_000, 90_000);
    SecureChannelService service = new SecureChannelService(settings, Clock.systemUTC(), random);
    List<SessionInfo> sessions = new ArrayList<>();
    List<ChannelKeys> clientKeys = new ArrayList<>();
    for (int i = 0; i < SESSIONS; i++) {
      SessionInfo session = new SessionInfo("s" + i, "alice", "bank", EnumSet.allOf(Permission.class), "1.1");
      byte[] secret = new byte[32];
      random.nextBytes(secret);
      service.install(session, "k" + i, ChannelKeys.derive(SecretBytes.copyOf(secret), null));
      sessions.add(session);
      clientKeys.add(ChannelKeys.derive(SecretBytes.copyOf(secret), null));
    }

    Map<String, List<JsonObject>> received = new ConcurrentHashMap<>();
    sessions.forEach(s -> received.put(s.sessionId(), new CopyOnWriteArrayList<>()));
    ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
    List<Future<?>> senders = new ArrayList<>();
    for (int i = 0; i < SESSIONS; i++) {
      SessionInfo sender = sessions.get(i);
      ChannelKeys keys = clientKeys.get(i);
      senders.add(pool.submit(() -> {
        for (long seq = 1; seq <= MESSAGES_PER_SESSION; seq++) {
          byte[] iv = new byte[12];
          random.nextBytes(iv);
          String channelId = "chan-" + sender.sessionId();
          byte[] plaintext = ByteBuffer.allocate(8).putLong(seq).array();
          AesGcm.Sealed sealed = keys.seal(ChannelDirection.CLIENT_TO_SERVER, iv, plaintext,
              ChannelAad.of("1.1", channelId, seq));
          JsonObject payload = new JsonObject().put("channel_id", channelId)
              .put("encrypted_data", PayloadReader.encodeBase64(sealed.ciphertext()))
              .put("iv", PayloadReader.encodeBase64(iv)).put("tag", PayloadReader.encodeBase64(sealed.tag()))
              .put("sequence_number", seq).put("to", "alice");
          ChannelResult result = service.send(new ActionRequest("r" + seq, "secure.send", payload, sender, false));
          assertTrue(result.reply().payload().getBoolean("delivered"));
          result.outbound().forEach(o -> received.get(o.sessionId()).add(o.event().data()));
        }
        return null;
      }));
    }
    for (Future<?> f : senders) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();

    int expected = (SESSIONS - 1) * MESSAGES_PER_SESSION;
    for (int i = 0; i < SESSIONS; i++) {
      List<JsonObject> messages = received.get(sessions.get(i).sessionId());
      assertEquals(expected, messages.size());
      boolean[] seen = new boolean[expected + 1];
      for (JsonObject m : messages) {
        int seq = m.getInteger("sequence_number");
        assertTrue(seq >= 1 && seq <= expected && !seen[seq], "each server sequence number exactly once");
        seen[seq] = true;
        byte[] opened = clientKeys.get(i).open(ChannelDirection.SERVER_TO_CLIENT,
            PayloadReader.decodeField("iv", m.getString("iv")),
            PayloadReader.decodeField("encrypted_data", m.getString("encrypted_data")),
            PayloadReader.decodeField("tag", m.getString("tag")),
            ChannelAad.of("1.1", m.getString("channel_id"), seq));
        assertEquals(8, opened.length);
      }
    }
  }
}
