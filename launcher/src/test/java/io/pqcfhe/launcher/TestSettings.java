package io.pqcfhe.launcher;

import io.pqcfhe.launcher.config.EnvironmentSettings;
import io.pqcfhe.launcher.config.LauncherSettings;
import io.pqcfhe.launcher.config.ResolvedSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Settings as an operator would give them in the environment, for tests. */
public final class TestSettings {
  private TestSettings() {}

  public static LauncherSettings withEnvironment(Path dataDir, Map<String, String> environment) {
    Map<String, String> env = new HashMap<>(environment);
    env.put("PQCFHE_DATA_DIR", dataDir.toString());
    return LauncherSettings.from(ResolvedSettings.layer(Map.of(), EnvironmentSettings.read(env).values(), Map.of()));
  }
}
