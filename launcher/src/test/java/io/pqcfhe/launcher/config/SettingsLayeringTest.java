package io.pqcfhe.launcher.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.fhe.expression.ExpressionLimits;
import io.pqcfhe.fhe.store.Quotas;
import io.pqcfhe.fhe.verticle.FheWorkerConfig;
import io.pqcfhe.protocol.RateBucket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLayeringTest {
  private static final String FILE = """
      {"port": 9000, "host": "10.0.0.1", "session_lifetime_seconds": 600,
       "rate_limits": {"fhe.setup": 7}, "jwt": {"audience": ["bank-a", "bank-b"]}, "tls": {"certificate": null}}
      """;

  @Test
  void embeddedDefaultsWhenNothingIsConfigured() {
    LauncherSettings settings = LauncherSettings.from(ResolvedSettings.layer(Map.of(), Map.of(), Map.of()));
    assertEquals("0.0.0.0", settings.host());
    assertEquals(8443, settings.port());
    assertEquals(Path.of("./data"), settings.dataDir());
    assertEquals(Optional.empty(), settings.tls());
    assertEquals(false, settings.jwt().anyKeyConfigured());
    assertEquals(Duration.ofHours(1), settings.limits().sessionLifetime());
    assertEquals(64 * 1024 * 1024, settings.limits().maxMessageBytes());
    assertEquals(10_000, settings.limits().maxConnections());
    assertEquals(20, settings.limits().maxMalformedInARow());
    for (RateBucket bucket : RateBucket.values()) {
      assertEquals(bucket.defaultPerMinute(), settings.limits().ratePerMinute().get(bucket), bucket.name());
    }
    assertEquals(5, settings.limits().adaptiveFailures());
    assertEquals(Duration.ofMinutes(1), settings.limits().adaptiveWindow());
    assertEquals(Duration.ofMinutes(10), settings.limits().adaptivePenalty());
    assertEquals(Duration.ofSeconds(30), settings.limits().requestTimeout());
    assertEquals(Optional.empty(), settings.metricsToken());
    assertEquals(FheWorkerConfig.defaults(), settings.fheWorkers());
  }

  @Test
  void fheWorkerSettingsLayerLikeTheOthers() {
    ResolvedSettings resolved = ResolvedSettings.layer(
        ConfigFile.parse("{\"fhe\": {\"workers\": 3, \"quota\": {\"contexts\": 2, \"bytes\": 8589934592},"
            + " \"expression\": {\"max_length\": 100, \"max_nodes\": 50}}}", "f.json"),
        EnvironmentSettings.read(Map.of("PQCFHE_FHE_QUOTA_CONTEXTS", "6", "PQCFHE_FHE_MAX_OBJECT_BYTES", "1048576",
                "PQCFHE_FHE_EXPRESSION_MAX_EXPONENT", "8"))
            .values(),
        Map.of(Setting.FHE_QUOTA_CIPHERTEXTS, "100", Setting.FHE_EXPRESSION_MAX_NESTING, "4"));
    FheWorkerConfig fhe = LauncherSettings.from(resolved).fheWorkers();
    assertEquals(3, fhe.instances());
    assertEquals(new Quotas(6, 100, 8L << 30), fhe.quotas());
    assertEquals(1 << 20, fhe.limits().maxSealObjectBytes());
    assertEquals(new ExpressionLimits(100, 50, 8, 4), fhe.limits().expressionLimits());
    assertEquals(Optional.of(Source.FILE), resolved.source(Setting.FHE_WORKERS));
    assertEquals(Optional.of(Source.ENVIRONMENT), resolved.source(Setting.FHE_QUOTA_CONTEXTS));
    assertEquals(Optional.of(Source.COMMAND_LINE), resolved.source(Setting.FHE_QUOTA_CIPHERTEXTS));
  }

  @Test
  void fileOverridesDefaults() {
    ResolvedSettings resolved = ResolvedSettings.layer(ConfigFile.parse(FILE, "test.json"), Map.of(), Map.of());
    LauncherSettings settings = LauncherSettings.from(resolved);
    assertEquals(9000, settings.port());
    assertEquals("10.0.0.1", settings.host());
    assertEquals(Duration.ofMinutes(10), settings.limits().sessionLifetime());
    assertEquals(7, settings.limits().ratePerMinute().get(RateBucket.FHE_SETUP));
    assertEquals(List.of("bank-a", "bank-b"), settings.jwt().audience());
    assertEquals(Optional.of(Source.FILE), resolved.source(Setting.PORT));
    assertEquals(Optional.of(Source.DEFAULT), resolved.source(Setting.MAX_CONNECTIONS));
    assertEquals(Optional.empty(), resolved.source(Setting.TLS_CERTIFICATE), "null in the file means unset");
  }

  @Test
  void environmentOverridesFileAndCommandLineOverridesEnvironment() {
    Map<String, String> env = Map.of("PQCFHE_PORT", "9100", "PQCFHE_HOST", "127.0.0.1",
        "PQCFHE_RATE_LIMIT_FHE_SETUP", "9", "HOME", "/root");
    EnvironmentSettings.Layer environment = EnvironmentSettings.read(env);
    ResolvedSettings resolved = ResolvedSettings.layer(ConfigFile.parse(FILE, "test.json"), environment.values(),
        Map.of(Setting.PORT, "9200"));
    LauncherSettings settings = LauncherSettings.from(resolved);
    assertEquals(9200, settings.port());
    assertEquals(Optional.of(Source.COMMAND_LINE), resolved.source(Setting.PORT));
    assertEquals("127.0.0.1", settings.host());
    assertEquals(Optional.of(Source.ENVIRONMENT), resolved.source(Setting.HOST));
    assertEquals(9, settings.limits().ratePerMinute().get(RateBucket.FHE_SETUP));
    assertEquals(Duration.ofMinutes(10), settings.limits().sessionLifetime(), "the file still counts below");
  }

  @Test
  void environmentVariableNamesOperatorsExpect() {
    Map<String, String> env = Map.ofEntries(
        Map.entry("PQCFHE_TLS_CERT", "/c.pem"), Map.entry("PQCFHE_TLS_KEY", "/k.pem"),
        Map.entry("PQCFHE_JWT_HS256_SECRET", "s"), Map.entry("PQCFHE_JWT_PUBLIC_KEY", "/p.pem"),
        Map.entry("PQCFHE_JWT_ALGORITHM", "ES256"), Map.entry("PQCFHE_JWT_JWKS", "/j.json"),
        Map.entry("PQCFHE_JWT_ISSUER", "iss"), Map.entry("PQCFHE_JWT_AUDIENCE", "aud"),
        Map.entry("PQCFHE_SESSION_LIFETIME_SECONDS", "1"), Map.entry("PQCFHE_MAX_MESSAGE_BYTES", "2"),
        Map.entry("PQCFHE_MAX_CONNECTIONS", "3"), Map.entry("PQCFHE_RATE_LIMIT_CONNECTION", "4"),
        Map.entry("PQCFHE_RATE_LIMIT_FHE_COMPUTE", "5"), Map.entry("PQCFHE_DATA_DIR", "/d"),
        Map.entry("PQCFHE_METRICS_TOKEN", "m"), Map.entry("PQCFHE_REQUEST_TIMEOUT_SECONDS", "6"));
    EnvironmentSettings.Layer layer = EnvironmentSettings.read(env);
    assertEquals(List.of(), layer.unknownVariables());
    assertEquals(env.size(), layer.values().size());
    assertEquals("/c.pem", layer.values().get(Setting.TLS_CERTIFICATE));
    assertEquals("m", layer.values().get(Setting.METRICS_TOKEN));
    assertEquals("5", layer.values().get(Setting.RATE_LIMIT_FHE_COMPUTE));
  }

  @Test
  void everySettingHasItsOwnEnvironmentVariable() {
    for (Setting setting : Setting.values()) {
      assertEquals(Optional.of(setting), Setting.byEnvironmentVariable(setting.environmentVariable()));
      assertTrue(setting.environmentVariable().matches("PQCFHE_[A-Z0-9_]+"), setting.environmentVariable());
    }
  }

  @Test
  void unknownEnvironmentVariablesAreReportedNotFatal(@TempDir Path dir) {
    List<String> warnings = new ArrayList<>();
    SettingsLoader.load(Optional.empty(), Map.of("PQCFHE_PROT", "1", "PQCFHE_PORT", "1"), Map.of(), warnings::add);
    assertEquals(List.of("pqc-fhe: warning: ignoring PQCFHE_PROT: no such setting"), warnings);
  }

  @Test
  void setAssignmentsOnTheCommandLine() {
    Map<Setting, String> values = SettingsLoader.parseAssignments(
        List.of("rate_limits.pqc=3", "jwt.audience=a,b", "host=::1"));
    assertEquals(Map.of(Setting.RATE_LIMIT_PQC, "3", Setting.JWT_AUDIENCE, "a,b", Setting.HOST, "::1"), values);
  }

  @Test
  void secretsAreRefusedInTheFileAndOnTheCommandLine() {
    InvalidSettingException inFile = assertThrows(InvalidSettingException.class,
        () -> ConfigFile.parse("{\"jwt\": {\"hs256_secret\": \"0123456789abcdef0123456789abcdef\"}}", "g.json"));
    assertEquals("invalid setting jwt.hs256_secret: a secret does not belong in g.json; set "
        + "PQCFHE_JWT_HS256_SECRET or jwt.hs256_secret_file", inFile.getMessage());
    InvalidSettingException onCommandLine = assertThrows(InvalidSettingException.class,
        () -> SettingsLoader.parseAssignments(List.of("metrics.bearer_token=x")));
    assertEquals("invalid setting metrics.bearer_token: a secret does not belong on the command line; set "
        + "PQCFHE_METRICS_TOKEN or metrics.bearer_token_file", onCommandLine.getMessage());
  }

  @Test
  void unknownKeysAreRefused() {
    assertEquals("invalid setting tls.cert: unknown key in g.json", assertThrows(InvalidSettingException.class,
        () -> ConfigFile.parse("{\"tls\": {\"cert\": \"/x\"}}", "g.json")).getMessage());
    assertEquals("invalid setting prot: unknown key", assertThrows(InvalidSettingException.class,
        () -> SettingsLoader.parseAssignments(List.of("prot=1"))).getMessage());
    assertEquals("invalid setting port: expected KEY=VALUE", assertThrows(InvalidSettingException.class,
        () -> SettingsLoader.parseAssignments(List.of("port"))).getMessage());
  }

  @Test
  void aConfigFileThatIsNotJsonOrMissing(@TempDir Path dir) {
    assertEquals("invalid setting config: g.json is not a JSON object", assertThrows(InvalidSettingException.class,
        () -> ConfigFile.parse("[1]", "g.json")).getMessage());
    Path missing = dir.resolve("nope.json");
    assertEquals("invalid setting config: file not found: " + missing, assertThrows(InvalidSettingException.class,
        () -> ConfigFile.read(missing)).getMessage());
  }
}
