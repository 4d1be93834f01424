package io.pqcfhe.launcher.config;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The layered settings as text: embedded defaults, then the configuration file, then the environment, then
 * the command line, each layer overriding the ones before it. Plain code, no Vert.x, so that the precedence
 * rules are tested with ordinary maps.
 */
public final class ResolvedSettings {
  /** One value and the layer it came from. */
  public record Value(String text, Source source) {}

  private final Map<Setting, Value> values;

  private ResolvedSettings(Map<Setting, Value> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  /**
   * Layers the given values over the embedded defaults.
   *
   * @param file        values of the configuration file (empty when there is none)
   * @param environment values of the {@code PQCFHE_*} environment variables
   * @param commandLine values given on the command line
   */
  public static ResolvedSettings layer(
      Map<Setting, String> file, Map<Setting, String> environment, Map<Setting, String> commandLine) {
    Map<Setting, Value> values = new EnumMap<>(Setting.class);
    for (Setting setting : Setting.values()) {
      setting.defaultValue().ifPresent(d -> values.put(setting, new Value(d, Source.DEFAULT)));
    }
    putAll(values, file, Source.FILE);
    putAll(values, environment, Source.ENVIRONMENT);
    putAll(values, commandLine, Source.COMMAND_LINE);
    return new ResolvedSettings(values);
  }

  private static void putAll(Map<Setting, Value> values, Map<Setting, String> layer, Source source) {
    layer.forEach((setting, text) -> values.put(setting, new Value(text, source)));
  }

  /** The effective text of a setting; empty when it is unset (no default and configured nowhere). */
  public Optional<String> text(Setting setting) {
    return Optional.ofNullable(values.get(setting)).map(Value::text);
  }

  /** The layer the effective value came from; empty when the setting is unset. */
  public Optional<Source> source(Setting setting) {
    return Optional.ofNullable(values.get(setting)).map(Value::source);
  }
}
