package io.pqcfhe.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.client.StubServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** demo and bench end to end against the scripted server, over real TLS. */
class ClientCommandsTest {
  private static Vertx vertx;
  private static StubServer server;
  private static String url;
  private static String secret;
  private static JWTAuth verifier;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    server = new StubServer(vertx);
    url = "wss://localhost:" + server.start() + "/ws/v1/secure";
    byte[] bits = new byte[32];
    new SecureRandom().nextBytes(bits);
    secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    // The same verification the gateway does: vertx-auth-jwt with the secret text as HS256 key.
    verifier = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
    server.tokenCheck =
        token -> StubServer.GOOD_TOKEN.equals(token) ? Future.succeededFuture() : verifier.authenticate(new TokenCredentials(token));
  }

  private static boolean verifies(String token) {
    try {
      verifier.authenticate(new TokenCredentials(token)).await(5, TimeUnit.SECONDS);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private record Run(int exitCode, String out, String err) {}

  private static Run demo(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ClientCommands.demo(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Run bench(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ClientCommands.bench(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static String[] common(String... more) {
    List<String> args = new ArrayList<>(List.of("--url", url, "--trust-pem", server.certificatePath().toString()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void demoRunsTheReferenceFlow() {
    Run run = demo(common("--token", StubServer.GOOD_TOKEN, "--fingerprint", server.fingerprint(), "--hybrid", "--algorithm", "ML-KEM-1024"));
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("[1] session"), run.out());
    assertTrue(run.out().contains("ML-KEM-1024 + X25519"), run.out());
    assertTrue(run.out().contains("signature verified"), run.out());
    assertTrue(run.out().contains("echo decrypted and equal"), run.out());
    assertTrue(run.out().contains("session.refresh answered inside the channel") || run.out().contains("in-channel"), run.out());
    assertTrue(run.out().contains("FHE: not offered by this server"), run.out());
    assertTrue(run.out().contains("demo complete"), run.out());
  }

  @Test
  void demoRunsTheFheStepsWhenOfferedAndChecksTheResult() {
    server.offersFhe = true;
    try {
      Run run = demo(common("--token", StubServer.GOOD_TOKEN));
      assertEquals(0, run.exitCode(), run.out() + run.err());
      assertTrue(run.out().contains("fhe.setup"), run.out());
      assertTrue(run.out().contains("[1.500000, 3.000000, 7.000000, 10.000000] (inside the channel)"), run.out());

      server.decryptError = 0.01;
      Run wrong = demo(common("--token", StubServer.GOOD_TOKEN));
      assertEquals(1, wrong.exitCode(), wrong.out());
      assertTrue(wrong.err().contains("decrypted result is off"), wrong.err());
    } finally {
      server.offersFhe = false;
      server.decryptError = 0;
    }
  }

  @Test
  void demoRefusesAServerThatIsNotThePinnedOne() {
    Run run = demo(common("--token", StubServer.GOOD_TOKEN, "--fingerprint", "00".repeat(32)));
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("pin_mismatch"), run.err());
  }

  @Test
  void insecureModeSaysSoLoudly() {
    Run run = demo("--url", url, "--insecure", "--token", StubServer.GOOD_TOKEN);
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.err().contains("NOT verified"), run.err());
  }

  @Test
  void usageErrorsExitWith2() {
    assertEquals(2, demo("--bogus").exitCode());
    assertEquals(2, demo(common()).exitCode(), "no token");
    assertEquals(2, demo(common("--token", "t", "--algorithm", "ML-KEM-2048")).exitCode());
    assertEquals(2, bench("fastest", "--token", "t").exitCode());
    assertEquals(2, bench(common("handshake", "--token", "t", "--connections", "0")).exitCode());
  }

  @Test
  void benchHandshakeWithMintedTokensMovesThroughClientIds(@TempDir Path dir) throws Exception {
    Path secretFile = dir.resolve("jwt-hs256-dev.secret");
    Files.writeString(secretFile, secret + "\n");
    Run run = bench(common("handshake", "--connections", "2", "--duration", "2", "--warmup", "0", "--jwt-secret-file", secretFile.toString()));
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("errors         0"), run.out());
    assertTrue(run.out().matches("(?s).*handshakes\\s+[1-9].*"), run.out());
    assertTrue(run.out().contains("p99"), run.out());
  }

  @Test
  void benchSecureEcho(@TempDir Path dir) throws Exception {
    Path secretFile = dir.resolve("secret");
    Files.writeString(secretFile, secret);
    Run run = bench(common("secure-echo", "--connections", "2", "--duration", "1", "--warmup", "0", "--jwt-secret-file", secretFile.toString(), "--hybrid"));
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("errors         0"), run.out());
    assertTrue(run.out().matches("(?s).*messages\\s+[1-9].*"), run.out());
  }

  @Test
  void mintedTokensCarryTheClientIdAndVerifyWithTheGatewaysLibrary(@TempDir Path dir) throws Exception {
    Path secretFile = dir.resolve("secret");
    Files.writeString(secretFile, secret);
    DevTokenMinter minter = DevTokenMinter.fromSecretFile(secretFile, java.util.Optional.of("iss-1"), List.of("aud-1"), java.time.Duration.ofMinutes(5));
    String token = minter.mint("bench-7");
    JsonObject claims = verifier.authenticate(new TokenCredentials(token)).await(5, TimeUnit.SECONDS).principal();
    assertEquals("bench-7", claims.getString("client_id"));
    assertEquals("iss-1", claims.getString("iss"));
    String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
    assertTrue(!verifies(tampered));
  }
}
