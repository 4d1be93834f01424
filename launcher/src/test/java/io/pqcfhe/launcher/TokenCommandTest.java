package io.pqcfhe.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.launcher.data.DevJwtSecret;
import io.pqcfhe.launcher.tls.Pem;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCommandTest {
  private static Vertx vertx;

  @TempDir Path dir;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void closeVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  /** What one run printed, and its exit code. */
  record Run(int code, String out, String err) {
    String lastLine() {
      String[] lines = out.split("\n");
      return lines[lines.length - 1];
    }
  }

  private Run run(Map<String, String> environment, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of("token"));
    all.addAll(List.of(args));
    int code = Main.run(all, environment, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("PQCFHE_DATA_DIR", dir.resolve("data").toString());
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  /** The token's claims, once the library that the gateway uses has verified it with {@code options}. */
  private static JsonObject verify(JWTAuthOptions options, String token) throws Exception {
    User user = JWTAuth.create(vertx, options).authenticate(new TokenCredentials(token))
        .toCompletionStage().toCompletableFuture().get();
    assertTrue(user != null);
    byte[] payload = Base64.getUrlDecoder().decode(token.split("\\.")[1]);
    return new JsonObject(new String(payload, StandardCharsets.UTF_8));
  }

  private static JWTAuthOptions hs256(String secret) {
    return new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret));
  }

  @Test
  void lastLineIsATokenSignedWithTheDevSecretCarryingTheClaims() throws Exception {
    Run run = run(env(), "--client-id", "teller-7", "--permissions", "pqc,fhe,fhe.decrypt", "--tenant", "acme",
        "--ttl", "15m");
    assertEquals(0, run.code(), run.err());
    String token = run.lastLine();
    assertTrue(token.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"), token);

    String secret = Files.readString(dir.resolve("data").resolve(DevJwtSecret.FILE_NAME));
    JsonObject claims = verify(hs256(secret), token);
    assertEquals("teller-7", claims.getString("client_id"));
    assertEquals(new JsonArray(List.of("pqc", "fhe", "fhe.decrypt")), claims.getJsonArray("permissions"));
    assertEquals("acme", claims.getString("tenant"));
    assertEquals(15 * 60, claims.getLong("exp") - claims.getLong("iat"));
    assertFalse(claims.containsKey("iss"));
    assertFalse(claims.containsKey("aud"));

    ExecutionException forged = assertThrows(ExecutionException.class,
        () -> verify(hs256("another-secret-of-at-least-32-bytes!!"), token));
    assertTrue(forged.getCause().getMessage() != null);
  }

  @Test
  void absentClaimsStayAbsentAndTheDefaultLifetimeIsAnHour() throws Exception {
    Run run = run(env(), "--client-id", "x");
    String secret = Files.readString(dir.resolve("data").resolve(DevJwtSecret.FILE_NAME));
    JsonObject claims = verify(hs256(secret), run.lastLine());
    assertEquals(3600, claims.getLong("exp") - claims.getLong("iat"));
    assertFalse(claims.containsKey("permissions"), "absent means all but admin");
    assertFalse(claims.containsKey("tenant"), "absent means the default tenant");
  }

  @Test
  void configuredSecretIssuerAndAudienceAreUsed() throws Exception {
    String secret = "configured-secret-0123456789abcdef-xyz";
    Run run = run(env("PQCFHE_JWT_HS256_SECRET", secret, "PQCFHE_JWT_ISSUER", "https://idp.bank.example",
        "PQCFHE_JWT_AUDIENCE", "pqc-fhe-gateway"), "--client-id", "c1");
    assertEquals(0, run.code(), run.err());
    JsonObject claims = verify(hs256(secret).setJWTOptions(new JWTOptions().setIssuer("https://idp.bank.example")
        .setAudience(List.of("pqc-fhe-gateway"))), run.lastLine());
    assertEquals("https://idp.bank.example", claims.getString("iss"));
    assertEquals("c1", claims.getString("client_id"));
    assertFalse(Files.exists(dir.resolve("data").resolve(DevJwtSecret.FILE_NAME)),
        "no dev secret when a secret is configured");
  }

  @Test
  void publicKeySetUpsNeedThePrivateKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    Path publicPem = Files.writeString(dir.resolve("jwt-public.pem"), Pem.encode("PUBLIC KEY", pair.getPublic().getEncoded()));
    Path privatePem = Files.writeString(dir.resolve("jwt-private.pem"),
        Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded()));
    Map<String, String> env = env("PQCFHE_JWT_PUBLIC_KEY", publicPem.toString(), "PQCFHE_JWT_ALGORITHM", "RS256");

    Run refused = run(env, "--client-id", "c1");
    assertEquals(2, refused.code());
    assertEquals("", refused.out());
    assertTrue(refused.err().startsWith("pqc-fhe token: the configured tokens are signed with a private key (RS256);"
        + " give it with --private-key PEM"), refused.err());

    Run signed = run(env, "--client-id", "c1", "--private-key", privatePem.toString());
    assertEquals(0, signed.code(), signed.err());
    JsonObject claims = verify(new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("RS256")
        .setBuffer(Files.readString(publicPem))), signed.lastLine());
    assertEquals("c1", claims.getString("client_id"));

    KeyPair other = generator.generateKeyPair();
    Path otherPem = Files.writeString(dir.resolve("other.pem"), Pem.encode("PRIVATE KEY", other.getPrivate().getEncoded()));
    assertUsage(run(env, "--client-id", "c1", "--private-key", otherPem.toString()),
        "pqc-fhe token: --private-key is not the private key of jwt.public_key: its tokens would not verify");
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertUsage(run(env()), "pqc-fhe token: --client-id is required");
    assertUsage(run(env(), "--client-id", "a b"), "pqc-fhe token: --client-id must be 1-128 characters of A-Z a-z 0-9 . _ : -");
    assertUsage(run(env(), "--client-id", "a", "--permissions", "pqc,root"),
        "pqc-fhe token: --permissions: unknown permission root (known: pqc,fhe,fhe.decrypt,secure,admin)");
    assertUsage(run(env(), "--client-id", "a", "--ttl", "soon"),
        "pqc-fhe token: --ttl: not a duration: soon (examples: 90s, 15m, 1h, 7d)");
    assertUsage(run(env(), "--client-id", "a", "--ttl", "0s"), "pqc-fhe token: --ttl must be between 1s and 366d");
    assertUsage(run(env(), "--client-id", "a", "--verbose"), "pqc-fhe token: unknown option --verbose");
    assertUsage(run(env(), "--client-id"), "pqc-fhe token: --client-id needs a value (ID)");
    assertUsage(run(env(), "--client-id", "a", "--private-key", "/none.pem"),
        "pqc-fhe token: --private-key needs an RS256/ES256 set-up (jwt.public_key and jwt.algorithm)");
  }

  @Test
  void invalidSettingsExitWithTwoAndNameTheSetting() {
    Run run = run(env("PQCFHE_JWT_HS256_SECRET_FILE", dir.resolve("missing").toString()), "--client-id", "a");
    assertEquals(2, run.code());
    assertEquals("pqc-fhe: invalid setting jwt.hs256_secret_file: file not found: " + dir.resolve("missing") + "\n",
        run.err());
  }

  @Test
  void helpDescribesEveryOption() {
    Run run = run(env(), "--help");
    assertEquals(0, run.code());
    for (String option : List.of("--client-id", "--ttl", "--permissions", "--tenant", "--private-key", "--config",
        "--data-dir")) {
      assertTrue(run.out().contains(option), option);
    }
  }

  private static void assertUsage(Run run, String firstLine) {
    assertEquals(2, run.code(), run.out());
    assertEquals("", run.out());
    assertEquals(firstLine, run.err().lines().findFirst().orElseThrow());
  }
}
