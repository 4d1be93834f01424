package io.pqcfhe.client;

import static io.pqcfhe.client.PendingRequestsTest.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.client.PqcFheException.LocalCode;
import io.pqcfhe.client.channel.HandshakeOptions;
import io.pqcfhe.crypto.MlKemParameterSet;
import io.pqcfhe.crypto.bc.MlDsa65;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client over real TLS and a real WebSocket, against {@link StubServer}: request correlation,
 * errors, timeouts, closing, pinning, and the channel (handshake, echo, inner request, rekey, replay).
 */
class PqcFheClientWireTest {
  private static Vertx vertx;
  private static StubServer server;
  private static ClientOptions options;

  @BeforeAll
  static void startServer() throws Exception {
    vertx = Vertx.vertx();
    server = new StubServer(vertx);
    int port = server.start();
    options =
        ClientOptions.of(URI.create("wss://localhost:" + port + "/ws/v1/secure"), "client-1", StubServer.GOOD_TOKEN)
            .withTlsTrust(TlsTrust.pem(server.certificatePath()))
            .withRequestTimeout(Duration.ofSeconds(5));
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void honestServer() {
    server.initiateTamper = a -> a;
    server.advertisedVersion = null;
    server.advertiseOwnKey();
  }

  private PqcFheClient connect(ClientOptions o) throws Exception {
    return PqcFheClient.connect(vertx, o).await(10, TimeUnit.SECONDS);
  }

  @Test
  void pipelinedRequestsCompleteOutOfOrder() throws Exception {
    PqcFheClient client = connect(options);
    List<String> order = new ArrayList<>();
    Future<JsonObject> slow = client.request("test.echo", new JsonObject().put("n", 1).put("delay_ms", 300)).onSuccess(p -> order.add("slow"));
    Future<JsonObject> fast = client.request("test.echo", new JsonObject().put("n", 2)).onSuccess(p -> order.add("fast"));
    assertEquals(1, slow.await(5, TimeUnit.SECONDS).getInteger("n"));
    assertEquals(2, fast.await(5, TimeUnit.SECONDS).getInteger("n"));
    assertEquals(List.of("fast", "slow"), order);
    client.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void errorsAreTypedTimeoutsFireAndClosingFailsWhatWaits() throws Exception {
    PqcFheClient client = connect(options.withRequestTimeout(Duration.ofMillis(300)));
    PqcFheException error = awaitFailure(client.request("test.fail", new JsonObject()));
    assertTrue(error.isFromServer());
    assertEquals("FHE_CONTEXT_ERROR", error.code());
    assertEquals("unknown_context", error.reason().orElseThrow());

    assertTrue(awaitFailure(client.request("test.silent", new JsonObject())).is(LocalCode.TIMEOUT));

    PqcFheClient other = connect(options);
    Future<JsonObject> waiting = other.request("test.silent", new JsonObject());
    other.request("test.close", new JsonObject());
    assertTrue(awaitFailure(waiting).is(LocalCode.CONNECTION_CLOSED));
    other.closeFuture().await(5, TimeUnit.SECONDS);
    assertFalse(other.isOpen());
    assertTrue(awaitFailure(other.request("test.echo", new JsonObject())).is(LocalCode.CONNECTION_CLOSED));
    client.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void aRequestOverTheServersFrameLimitIsNotSent() throws Exception {
    PqcFheClient client = connect(options);
    long limit = client.session().limits().maxMessageBytes();
    JsonObject big = new JsonObject().put("data", "x".repeat((int) limit));
    assertTrue(awaitFailure(client.request("test.echo", big)).is(LocalCode.MESSAGE_TOO_LARGE));
    assertEquals(1, client.request("test.echo", new JsonObject().put("n", 1)).await(5, TimeUnit.SECONDS).getInteger("n"),
        "the connection is still open");
    client.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void aRefusedUpgradeCarriesTheServersError() throws Exception {
    ClientOptions bad = new ClientOptions(
        options.endpoint(), "client-1", "wrong", options.protocolVersion(), options.tlsTrust(), options.pinnedServerKey(),
        options.requestTimeout(), options.connectTimeout(), options.maxMessageBytes());
    PqcFheException e = awaitFailure(PqcFheClient.connect(vertx, bad));
    assertEquals("UNAUTHORIZED", e.code());
    assertEquals(401, e.details().getInteger("http_status"));
  }

  @Test
  void anUntrustedCertificateIsRefusedUnlessInsecureModeIsAskedFor() throws Exception {
    PqcFheException e = awaitFailure(PqcFheClient.connect(vertx, options.withTlsTrust(TlsTrust.systemDefault())));
    assertTrue(e.is(LocalCode.CONNECTION_FAILED), e.getMessage());
    connect(options.withTlsTrust(TlsTrust.insecureTrustAll())).close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void pinning() throws Exception {
    connect(options.withPinnedServerKey(server.fingerprint())).close().await(5, TimeUnit.SECONDS);

    server.advertisedKey = MlDsa65.fromSeed(MlDsa65.newSeed(new SecureRandom())).publicKey();
    PqcFheException e = awaitFailure(PqcFheClient.connect(vertx, options.withPinnedServerKey(server.fingerprint())));
    assertTrue(e.is(LocalCode.SERVER_NOT_TRUSTED));
    assertEquals("pin_mismatch", e.reason().orElseThrow());
  }

  @Test
  void concurrentSecureSendsLeaveInSequenceOrder() throws Exception {
    PqcFheClient client = connect(options);
    client.establishChannel(new HandshakeOptions(MlKemParameterSet.ML_KEM_768, false)).await(10, TimeUnit.SECONDS);
    int threads = 8;
    int perThread = 25;
    List<Future<SecureDelivery>> sends = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> senders = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread sender = new Thread(() -> {
        for (int i = 0; i < perThread; i++) {
          sends.add(client.sendSecure(new byte[] {(byte) i}));
        }
      });
      senders.add(sender);
      sender.start();
    }
    for (Thread sender : senders) {
      sender.join();
    }
    // The server refuses any sequence number not above the last: one frame out of order would fail here.
    long maxSequence = 0;
    for (Future<SecureDelivery> f : sends) {
      maxSequence = Math.max(maxSequence, f.await(10, TimeUnit.SECONDS).serverSequence());
    }
    assertEquals(threads * perThread, maxSequence);
    client.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void aRekeyCutShortByClosingIsNotReportedAsAProblem() throws Exception {
    PqcFheClient client = connect(options);
    client.establishChannel(new HandshakeOptions(MlKemParameterSet.ML_KEM_768, true)).await(10, TimeUnit.SECONDS);
    BlockingQueue<PqcFheException> problems = new LinkedBlockingQueue<>();
    client.addListener(new ClientListener() {
      @Override
      public void onEvent(ServerEvent event) {
        if (event.name().equals("pqc.rekey_required")) {
          client.close(); // the automatic rekey has just sent its pqc.initiate
        }
      }

      @Override
      public void onProblem(PqcFheException problem) {
        problems.add(problem);
      }
    });
    client.request("test.rekey", new JsonObject());
    client.closeFuture().await(5, TimeUnit.SECONDS);
    assertEquals(null, problems.poll(300, TimeUnit.MILLISECONDS), "no problem reported");
  }

  @Test
  void aThrowingListenerDoesNotStopTheOthers() throws Exception {
    PqcFheClient client = connect(options);
    client.establishChannel(new HandshakeOptions(MlKemParameterSet.ML_KEM_512, false)).await(10, TimeUnit.SECONDS);
    BlockingQueue<SecureMessage> received = new LinkedBlockingQueue<>();
    client.addListener(new ClientListener() {
      @Override
      public void onSecureMessage(SecureMessage message) {
        throw new IllegalStateException("listener bug");
      }
    });
    client.addListener(new ClientListener() {
      @Override
      public void onSecureMessage(SecureMessage message) {
        received.add(message);
      }
    });
    client.sendSecure(new byte[] {1}).await(5, TimeUnit.SECONDS);
    client.sendSecure(new byte[] {2}).await(5, TimeUnit.SECONDS);
    assertEquals(1, received.poll(5, TimeUnit.SECONDS).plaintext()[0]);
    assertEquals(2, received.poll(5, TimeUnit.SECONDS).plaintext()[0]);
    client.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void aSessionInAnotherProtocolVersionIsRefused() throws Exception {
    server.advertisedVersion = "1.0";
    PqcFheException e = awaitFailure(PqcFheClient.connect(vertx, options.withProtocolVersion(ProtocolVersion.V1_1)));
    assertTrue(e.is(LocalCode.PROTOCOL_VIOLATION), e.getMessage());
  }

  @Test
  void aHandshakeSignedOverAnotherTranscriptIsRefused() throws Exception {
    PqcFheClient client = connect(options);
    server.initiateTamper = a -> a.put("key_id", "key-substituted");
    PqcFheException e = awaitFailure(client.establishChannel(new HandshakeOptions(MlKemParameterSet.ML_KEM_768, true)));
    assertTrue(e.is(LocalCode.SERVER_NOT_TRUSTED));
    assertEquals("bad_signature", e.reason().orElseThrow());
    assertTrue(client.channel().isEmpty());
    assertTrue(awaitFailure(client.sendSecure(new byte[] {1})).is(LocalCode.CHANNEL_NOT_ESTABLISHED));
    client.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void secureChannelEchoInnerRequestRekeyAndReplay() throws Exception {
    for (ProtocolVersion version : ProtocolVersion.values()) {
      PqcFheClient client = connect(options.withProtocolVersion(version));
      BlockingQueue<SecureMessage> messages = new LinkedBlockingQueue<>();
      BlockingQueue<PqcFheException> problems = new LinkedBlockingQueue<>();
      BlockingQueue<String> events = new LinkedBlockingQueue<>();
      client.addListener(new ClientListener() {
        @Override
        public void onSecureMessage(SecureMessage message) {
          messages.add(message);
        }

        @Override
        public void onProblem(PqcFheException problem) {
          problems.add(problem);
        }

        @Override
        public void onEvent(ServerEvent event) {
          events.add(event.name());
        }
      });

      ChannelInfo channel = client.establishChannel(new HandshakeOptions(MlKemParameterSet.ML_KEM_512, true)).await(10, TimeUnit.SECONDS);
      assertEquals(client.session().channelId(), channel.channelId());

      SecureDelivery delivery = client.sendSecure("ping".getBytes(StandardCharsets.UTF_8)).await(5, TimeUnit.SECONDS);
      assertTrue(delivery.delivered());
      assertEquals(1, delivery.serverSequence());
      SecureMessage echo = messages.poll(5, TimeUnit.SECONDS);
      assertEquals("ping", echo.plaintextUtf8());
      assertEquals(1, echo.sequenceNumber());

      JsonObject inner = client.requestSecure("test.echo", new JsonObject().put("secret", 42)).await(5, TimeUnit.SECONDS);
      assertEquals(42, inner.getInteger("secret"));
      PqcFheException refused = awaitFailure(client.requestSecure("pqc.initiate", new JsonObject()));
      assertEquals("action_not_allowed_in_channel", refused.reason().orElseThrow());

      // The server asks for a rekey: the client runs a new handshake by itself and keeps the channel.
      client.request("test.rekey", new JsonObject()).await(5, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (client.channel().orElseThrow().rekeys() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      ChannelInfo rekeyed = client.channel().orElseThrow();
      assertEquals(1, rekeyed.rekeys());
      assertEquals(channel.channelId(), rekeyed.channelId());
      assertFalse(channel.keyId().equals(rekeyed.keyId()));
      SecureDelivery afterRekey = client.sendSecure("pong".getBytes(StandardCharsets.UTF_8)).await(5, TimeUnit.SECONDS);
      assertTrue(afterRekey.serverSequence() > delivery.serverSequence(), "sequence numbers go on");
      assertEquals("pong", messages.poll(5, TimeUnit.SECONDS).plaintextUtf8());

      // A replayed server message is refused, not delivered.
      client.request("test.replay", new JsonObject()).await(5, TimeUnit.SECONDS);
      PqcFheException replay = problems.poll(5, TimeUnit.SECONDS);
      assertEquals("replay", replay.reason().orElseThrow());
      assertTrue(messages.isEmpty());

      client.terminate("done").await(10, TimeUnit.SECONDS);
      assertFalse(client.isOpen());
      assertTrue(events.contains("pqc.rekey_required"));
    }
  }
}
