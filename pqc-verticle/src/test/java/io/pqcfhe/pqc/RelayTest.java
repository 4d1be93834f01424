package io.pqcfhe.pqc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.crypto.MlKemParameterSet;
import io.pqcfhe.protocol.ActionReply;
import io.pqcfhe.protocol.ClientEvent;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Relays (`to`): every other session of the client id in the same tenant, re-encrypted for each. */
@ExtendWith(VertxExtension.class)
class RelayTest {
  private static final byte[] NOTE = "for alice".getBytes(StandardCharsets.UTF_8);

  private PqcHarness server;
  private TestClient alice1;
  private TestClient alice2;
  private TestClient bob;
  private TestClient mallory;

  @BeforeEach
  void deploy(Vertx vertx) throws Exception {
    server = new PqcHarness(vertx, PqcHarness.smallLimits().withMessageLimits(1000, 900));
    alice1 = server.client("a1", "alice", "bank-1", "1.0");
    alice2 = server.client("a2", "alice", "bank-1", "1.1");
    bob = server.client("b1", "bob", "bank-1", "1.1");
    mallory = server.client("m1", "mallory", "bank-2", "1.0");
    for (TestClient c : new TestClient[] {alice1, alice2, bob, mallory}) {
      server.establish(c, MlKemParameterSet.ML_KEM_768, true);
    }
  }

  @Test
  void relayReachesEverySessionOfTheRecipientUnderItsOwnKeys() throws Exception {
    ActionReply reply = server.call(bob, "secure.send", bob.send(NOTE).put("to", "alice"));
    assertTrue(reply.payload().getBoolean("delivered"));
    assertTrue(reply.followingEvents().isEmpty(), "no echo for a relay");
    for (TestClient alice : new TestClient[] {alice1, alice2}) {
      ClientEvent event = server.nextEvent(alice);
      assertEquals("secure.message", event.event());
      assertEquals("bob", event.data().getString("sender"));
      assertArrayEquals(NOTE, alice.open(event.data()));
    }
    server.assertNoEvent(bob);
  }

  @Test
  void relayToOneselfReachesTheOtherSessionsOnly() throws Exception {
    ActionReply reply = server.call(alice1, "secure.send", alice1.send(NOTE).put("to", "alice"));
    assertTrue(reply.payload().getBoolean("delivered"));
    assertArrayEquals(NOTE, alice2.open(server.nextEvent(alice2).data()));
    server.assertNoEvent(alice1);
  }

  @Test
  void relayDoesNotCrossTenants() throws Exception {
    ActionReply reply = server.call(mallory, "secure.send", mallory.send(NOTE).put("to", "alice"));
    assertTrue(reply.succeeded());
    assertFalse(reply.payload().getBoolean("delivered"));
    server.assertNoEvent(alice1);
    server.assertNoEvent(alice2);
  }

  @Test
  void relayToNobodyIsNotDelivered() throws Exception {
    ActionReply reply = server.call(bob, "secure.send", bob.send(NOTE).put("to", "carol"));
    assertFalse(reply.payload().getBoolean("delivered"));
  }

  @Test
  void endedSessionsReceiveNothing() throws Exception {
    server.endSession(alice2);
    assertTrue(server.call(bob, "secure.send", bob.send(NOTE).put("to", "alice")).payload().getBoolean("delivered"));
    assertArrayEquals(NOTE, alice1.open(server.nextEvent(alice1).data()));
    server.assertNoEvent(alice2);
  }
}
