package io.pqcfhe.launcher.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.fhe.verticle.FheWorkerConfig;
import io.pqcfhe.gateway.config.AdaptiveLimits;
import io.pqcfhe.gateway.config.GatewayConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The setting table is the one source: {@code conf/gateway.json} lists every key with its default,
 * {@code conf/README.md} and {@code docs/configuration.md} document every key and variable, and the defaults
 * are the gateway's own.
 */
class DocumentedSettingsTest {
  private static Path root() {
    String dir = System.getProperty("project.rootdir");
    assertTrue(dir != null && !dir.isBlank(), "surefire sets project.rootdir");
    return Path.of(dir);
  }

  @Test
  void confGatewayJsonListsEveryNonSecretSettingWithItsDefault() throws IOException {
    Path file = root().resolve("conf/gateway.json");
    Map<Setting, String> configured = ConfigFile.read(file);
    Map<Setting, String> expected = new EnumMap<>(Setting.class);
    for (Setting setting : Setting.values()) {
      setting.defaultValue().ifPresent(value -> expected.put(setting, value));
    }
    assertEquals(expected, configured);
    String text = Files.readString(file);
    for (Setting setting : Setting.values()) {
      String leaf = setting.key().startsWith("rate_limits.") ? setting.key().substring("rate_limits.".length())
          : setting.key().substring(setting.key().lastIndexOf('.') + 1);
      assertEquals(!setting.isSecret(), text.contains("\"" + leaf + "\""), setting.key());
    }
  }

  @Test
  void everySettingIsDocumented() throws IOException {
    for (String doc : new String[] {"conf/README.md", "docs/configuration.md"}) {
      String text = Files.readString(root().resolve(doc));
      for (Setting setting : Setting.values()) {
        String row = "| `" + setting.key() + "` | `" + setting.environmentVariable() + "` | "
            + setting.defaultValue().map(d -> "`" + d + "`").orElse("unset") + " |";
        assertTrue(text.contains(row), doc + " lacks the row: " + row);
      }
    }
  }

  @Test
  void embeddedDefaultsAreTheGatewaysDefaults() {
    LauncherSettings.Limits limits =
        LauncherSettings.from(ResolvedSettings.layer(Map.of(), Map.of(), Map.of())).limits();
    assertEquals(GatewayConfig.DEFAULT_HOST, Setting.HOST.defaultValue().orElseThrow());
    assertEquals(String.valueOf(GatewayConfig.DEFAULT_PORT), Setting.PORT.defaultValue().orElseThrow());
    assertEquals(GatewayConfig.DEFAULT_SESSION_LIFETIME, limits.sessionLifetime());
    assertEquals(GatewayConfig.DEFAULT_MAX_MESSAGE_BYTES, limits.maxMessageBytes());
    assertEquals(GatewayConfig.DEFAULT_MAX_CONNECTIONS, limits.maxConnections());
    assertEquals(GatewayConfig.DEFAULT_MAX_MALFORMED_IN_A_ROW, limits.maxMalformedInARow());
    assertEquals(GatewayConfig.DEFAULT_REQUEST_TIMEOUT, limits.requestTimeout());
    assertEquals(GatewayConfig.defaultRates(), limits.ratePerMinute());
    AdaptiveLimits adaptive = AdaptiveLimits.defaults();
    assertEquals(adaptive.failures(), limits.adaptiveFailures());
    assertEquals(adaptive.window(), limits.adaptiveWindow());
    assertEquals(adaptive.penalty(), limits.adaptivePenalty());
  }

  @Test
  void embeddedDefaultsAreTheFheWorkersDefaults() {
    FheWorkerConfig fhe = LauncherSettings.from(ResolvedSettings.layer(Map.of(), Map.of(), Map.of())).fheWorkers();
    assertEquals(FheWorkerConfig.defaults(), fhe);
    assertEquals(Optional.empty(), Setting.FHE_WORKERS.defaultValue(), "one per processor: no fixed number");
  }
}
