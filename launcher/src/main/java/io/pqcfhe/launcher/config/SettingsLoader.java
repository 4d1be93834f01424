package io.pqcfhe.launcher.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads the layers in order: embedded defaults, the configuration file ({@code --config F}, or
 * {@code conf/gateway.json} in the working directory when it exists), the {@code PQCFHE_*} environment, and
 * the command line.
 */
public final class SettingsLoader {
  private SettingsLoader() {}

  /**
   * @param configFile  the {@code --config} file, which must exist; empty: {@link ConfigFile#DEFAULT_PATH} if any
   * @param environment the process environment (a plain map, so that tests pass their own)
   * @param commandLine the settings given as flags
   * @param warnings    receives one line per ignored {@code PQCFHE_*} variable
   */
  public static ResolvedSettings load(Optional<Path> configFile, Map<String, String> environment,
      Map<Setting, String> commandLine, Consumer<String> warnings) {
    Map<Setting, String> file = configFile.map(ConfigFile::read)
        .orElseGet(() -> Files.isRegularFile(ConfigFile.DEFAULT_PATH)
            ? ConfigFile.read(ConfigFile.DEFAULT_PATH) : Map.of());
    EnvironmentSettings.Layer env = EnvironmentSettings.read(environment);
    List<String> unknown = env.unknownVariables();
    unknown.forEach(name -> warnings.accept("pqc-fhe: warning: ignoring " + name + ": no such setting"));
    return ResolvedSettings.layer(file, env.values(), commandLine);
  }

  /**
   * The {@code --set KEY=VALUE} flags as settings. Secrets are refused on a command line, where any user of
   * the machine can read them in the process list.
   */
  public static Map<Setting, String> parseAssignments(List<String> assignments) {
    Map<Setting, String> values = new EnumMap<>(Setting.class);
    for (String assignment : assignments) {
      int equals = assignment.indexOf('=');
      if (equals <= 0) {
        throw new InvalidSettingException(assignment, "expected KEY=VALUE");
      }
      String key = assignment.substring(0, equals);
      Setting setting = Setting.byKey(key)
          .orElseThrow(() -> new InvalidSettingException(key, "unknown key"));
      if (setting.isSecret()) {
        throw new InvalidSettingException(setting, "a secret does not belong on the command line; set "
            + setting.environmentVariable() + " or " + setting.key() + "_file");
      }
      values.put(setting, assignment.substring(equals + 1));
    }
    return values;
  }
}
