package io.pqcfhe.client.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.client.ChannelInfo;
import io.pqcfhe.client.ClientListener;
import io.pqcfhe.client.ClientOptions;
import io.pqcfhe.client.PqcFheClient;
import io.pqcfhe.client.PqcFheException;
import io.pqcfhe.client.PqcFheException.LocalCode;
import io.pqcfhe.client.ProtocolVersion;
import io.pqcfhe.client.SecureDelivery;
import io.pqcfhe.client.SecureMessage;
import io.pqcfhe.client.TlsTrust;
import io.pqcfhe.client.channel.HandshakeOptions;
import io.pqcfhe.crypto.MlKemParameterSet;
import io.pqcfhe.gateway.GatewayVerticle;
import io.pqcfhe.gateway.config.GatewayConfig;
import io.pqcfhe.gateway.config.JwtSettings;
import io.pqcfhe.gateway.config.PemKeyCert;
import io.pqcfhe.gateway.config.ServerKey;
import io.pqcfhe.pqc.PqcSettings;
import io.pqcfhe.pqc.PqcVerticle;
import io.pqcfhe.pqc.channel.SecureChannelService;
import io.pqcfhe.pqc.handshake.KeyExchangeService;
import io.pqcfhe.pqc.identity.ServerIdentity;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The client against the product's server: the gateway verticle and the PQC verticle deployed in-process
 * on a real TLS port with a test certificate, real JWTs and the real ML-DSA-65 identity. Keys rotate after
 * a few messages here so that the rekey path runs within the test.
 */
class EndToEndTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  /** Small key budget: pqc.rekey_required after 8 messages, refusal past 16. */
  private static final PqcSettings SETTINGS = PqcSettings.defaults().withMessageLimits(16, 8);
  private static final List<String> CAPABILITIES_WITHOUT_FHE =
      List.of("pqc.ml_kem_512", "pqc.ml_kem_768", "pqc.ml_kem_1024", "pqc.ml_dsa_65", "hybrid.x25519", "hybrid.aes_256_gcm");
  private static final AtomicInteger CLIENT_IDS = new AtomicInteger();

  private static Vertx vertx;
  private static Path dataDir;
  private static SelfSignedCertificate certificate;
  private static ServerIdentity identity;
  private static Path secretFile;
  private static DevTokenMinter tokens;
  private static URI endpoint;

  @BeforeAll
  static void startServer() throws Exception {
    vertx = Vertx.vertx();
    dataDir = Files.createTempDirectory("e2e-data");
    certificate = SelfSignedCertificate.create("localhost");
    PemKeyCert tls =
        new PemKeyCert(Files.readString(Path.of(certificate.certificatePath())), Files.readString(Path.of(certificate.privateKeyPath())));
    identity = ServerIdentity.loadOrCreate(dataDir, RANDOM);
    byte[] secretBits = new byte[32];
    RANDOM.nextBytes(secretBits);
    String secret = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(secretBits);
    secretFile = dataDir.resolve("jwt-hs256-dev.secret");
    Files.writeString(secretFile, secret);
    tokens = DevTokenMinter.fromSecretFile(secretFile, Optional.empty(), List.of(), Duration.ofMinutes(10));

    GatewayConfig defaults = GatewayConfig.defaults(tls, JwtSettings.hs256(secret), ServerKey.of(identity.publicKey()));
    GatewayConfig config =
        new GatewayConfig(
            "localhost", 0, tls, defaults.jwt(), defaults.sessionLifetime(), defaults.maxMessageBytes(), defaults.maxConnections(),
            defaults.maxMalformedInARow(), defaults.ratePerMinute(), defaults.adaptive(), Duration.ofSeconds(10), defaults.serverKey(),
            CAPABILITIES_WITHOUT_FHE, Optional.empty(), false);
    GatewayVerticle gateway = new GatewayVerticle(config);
    vertx.deployVerticle(gateway).await(30, TimeUnit.SECONDS);
    SecureChannelService channels = new SecureChannelService(SETTINGS, Clock.systemUTC(), RANDOM);
    KeyExchangeService keyExchange = new KeyExchangeService(identity, channels, SETTINGS, Clock.systemUTC(), RANDOM);
    vertx.deployVerticle(new PqcVerticle(keyExchange, channels, SETTINGS), PqcVerticle.deploymentOptions()).await(30, TimeUnit.SECONDS);
    endpoint = URI.create("wss://localhost:" + gateway.actualPort() + "/ws/v1/secure");
  }

  @AfterAll
  static void stopServer() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
    certificate.delete();
    try (Stream<Path> files = Files.list(dataDir)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(dataDir);
  }

  /** Every connection under its own client id: the server's limits are per client id. */
  private static ClientOptions options(ProtocolVersion version) {
    return options("e2e-" + CLIENT_IDS.incrementAndGet(), version);
  }

  private static ClientOptions options(String clientId, ProtocolVersion version) {
    return ClientOptions.of(endpoint, clientId, tokens.mint(clientId))
        .withProtocolVersion(version)
        .withTlsTrust(TlsTrust.pem(Path.of(certificate.certificatePath())))
        .withPinnedServerKey(identity.fingerprint())
        .withRequestTimeout(Duration.ofSeconds(15));
  }

  /** A connected client with queues of what it receives. */
  private record Connected(PqcFheClient client, BlockingQueue<SecureMessage> messages, BlockingQueue<PqcFheException> problems) {}

  private static Connected connect(ProtocolVersion version) throws Exception {
    return connect(options(version));
  }

  private static Connected connect(ClientOptions options) throws Exception {
    PqcFheClient client = PqcFheClient.connect(vertx, options).await(15, TimeUnit.SECONDS);
    BlockingQueue<SecureMessage> messages = new LinkedBlockingQueue<>();
    BlockingQueue<PqcFheException> problems = new LinkedBlockingQueue<>();
    client.addListener(new ClientListener() {
      @Override
      public void onSecureMessage(SecureMessage message) {
        messages.add(message);
      }

      @Override
      public void onProblem(PqcFheException problem) {
        problems.add(problem);
      }
    });
    return new Connected(client, messages, problems);
  }

  static Stream<Arguments> everyHandshake() {
    return Stream.of(MlKemParameterSet.values())
        .flatMap(set -> Stream.of(false, true).map(hybrid -> Arguments.of(set, hybrid, hybrid ? ProtocolVersion.V1_1 : ProtocolVersion.V1_0)));
  }

  @ParameterizedTest(name = "{0} hybrid={1} protocol {2}")
  @MethodSource("everyHandshake")
  void handshakeEchoAndRequestInsideTheChannel(MlKemParameterSet set, boolean hybrid, ProtocolVersion version) throws Exception {
    Connected c = connect(version);
    assertEquals(identity.fingerprint(), c.client().session().serverKeyFingerprint());

    ChannelInfo channel = c.client().establishChannel(new HandshakeOptions(set, hybrid)).await(15, TimeUnit.SECONDS);
    assertEquals(c.client().session().channelId(), channel.channelId());
    assertEquals(set, channel.algorithm());

    byte[] message = ("secret for " + set.wireName()).getBytes(StandardCharsets.UTF_8);
    SecureDelivery delivery = c.client().sendSecure(message).await(15, TimeUnit.SECONDS);
    assertTrue(delivery.delivered());
    assertEquals(1, delivery.serverSequence());
    SecureMessage echo = c.messages().poll(15, TimeUnit.SECONDS);
    assertArrayEquals(message, echo.plaintext());

    JsonObject refreshed = c.client().requestSecure("session.refresh", new JsonObject()).await(15, TimeUnit.SECONDS);
    assertEquals(c.client().session().sessionId(), refreshed.getString("session_id"));
    PqcFheException refused =
        assertInstanceOf(PqcFheException.class, failure(c.client().requestSecure("pqc.initiate", new JsonObject())));
    assertEquals("INVALID_REQUEST", refused.code());
    assertEquals("action_not_allowed_in_channel", refused.reason().orElseThrow());

    assertTrue(c.problems().isEmpty(), () -> "problems: " + c.problems());
    c.client().terminate("test_done").await(15, TimeUnit.SECONDS);
    assertTrue(!c.client().isOpen());
  }

  @Test
  void theClientRekeysWhenAskedAndTheChannelGoesOn() throws Exception {
    Connected c = connect(ProtocolVersion.V1_1);
    ChannelInfo first = c.client().establishChannel(new HandshakeOptions(MlKemParameterSet.ML_KEM_768, true)).await(15, TimeUnit.SECONDS);
    // 12 round trips = 24 channel messages: past the 16-message key budget, so only rekeys let it pass.
    for (int i = 0; i < 12; i++) {
      byte[] message = ("message " + i).getBytes(StandardCharsets.UTF_8);
      SecureDelivery delivery = c.client().sendSecure(message).await(15, TimeUnit.SECONDS);
      assertEquals(i + 1, delivery.serverSequence(), "sequence numbers go on across rekeys");
      assertArrayEquals(message, c.messages().poll(15, TimeUnit.SECONDS).plaintext());
    }
    ChannelInfo now = c.client().channel().orElseThrow();
    assertTrue(now.rekeys() >= 1, "rekeyed " + now.rekeys() + " times");
    assertEquals(first.channelId(), now.channelId());
    assertNotEquals(first.keyId(), now.keyId());
    assertTrue(c.problems().isEmpty(), () -> "problems: " + c.problems());
    c.client().close().await(15, TimeUnit.SECONDS);
  }

  @Test
  void aRelayReachesTheClientIdsOtherSessionUnderItsOwnKeys() throws Exception {
    String clientId = "e2e-relay-" + CLIENT_IDS.incrementAndGet();
    Connected sender = connect(options(clientId, ProtocolVersion.V1_1));
    Connected receiver = connect(options(clientId, ProtocolVersion.V1_0));
    sender.client().establishChannel(new HandshakeOptions(MlKemParameterSet.ML_KEM_1024, true)).await(15, TimeUnit.SECONDS);
    receiver.client().establishChannel(new HandshakeOptions(MlKemParameterSet.ML_KEM_512, false)).await(15, TimeUnit.SECONDS);

    byte[] message = "to my other session".getBytes(StandardCharsets.UTF_8);
    assertTrue(sender.client().sendSecure(message, clientId).await(15, TimeUnit.SECONDS).delivered());
    SecureMessage relayed = receiver.messages().poll(15, TimeUnit.SECONDS);
    assertArrayEquals(message, relayed.plaintext());
    assertEquals(Optional.of(clientId), relayed.sender());
    assertTrue(sender.messages().isEmpty(), "never back to the sending session");
    assertTrue(sender.problems().isEmpty() && receiver.problems().isEmpty());
    sender.client().close().await(15, TimeUnit.SECONDS);
    receiver.client().close().await(15, TimeUnit.SECONDS);
  }

  @Test
  void anotherPinnedIdentityIsRefused() {
    ClientOptions pinnedElsewhere = options(ProtocolVersion.V1_1).withPinnedServerKey("ab".repeat(32));
    PqcFheException e = assertInstanceOf(PqcFheException.class, failure(PqcFheClient.connect(vertx, pinnedElsewhere)));
    assertTrue(e.is(LocalCode.SERVER_NOT_TRUSTED));
    assertEquals("pin_mismatch", e.reason().orElseThrow());
  }

  @Test
  void aTokenForAnotherClientIdIsRefusedAtTheUpgrade() {
    ClientOptions o = options(ProtocolVersion.V1_1);
    ClientOptions mismatched =
        new ClientOptions(o.endpoint(), "e2e-someone-else", o.token(), o.protocolVersion(), o.tlsTrust(), o.pinnedServerKey(),
            o.requestTimeout(), o.connectTimeout(), o.maxMessageBytes());
    PqcFheException e = assertInstanceOf(PqcFheException.class, failure(PqcFheClient.connect(vertx, mismatched)));
    assertEquals("FORBIDDEN", e.code());
  }

  @Test
  void demoAgainstTheServer() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        ClientCommands.demo(
            new String[] {
              "--url", endpoint.toString(), "--trust-pem", certificate.certificatePath(), "--jwt-secret-file", secretFile.toString(),
              "--client-id", "e2e-demo", "--fingerprint", identity.fingerprint(), "--hybrid"
            },
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, text + err.toString(StandardCharsets.UTF_8));
    assertTrue(text.contains("signature verified"), text);
    assertTrue(text.contains("FHE: not offered by this server"), text);
    assertTrue(text.contains("demo complete"), text);
  }

  @Test
  void benchHandshakeAgainstTheServerSeesNoErrors() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        ClientCommands.bench(
            new String[] {
              "handshake", "--connections", "2", "--duration", "2", "--warmup", "0", "--url", endpoint.toString(), "--trust-pem",
              certificate.certificatePath(), "--jwt-secret-file", secretFile.toString(), "--hybrid"
            },
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, text);
    assertTrue(text.contains("errors         0"), text);
  }

  private static Throwable failure(Future<?> future) {
    try {
      future.await(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      return e;
    }
    throw new AssertionError("expected a failure");
  }
}
