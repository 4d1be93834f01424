package io.pqcfhe.launcher.config;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The {@code PQCFHE_*} layer: reads a map of environment variables (the process's, or a test's). */
public final class EnvironmentSettings {
  /** The recognised values, and the {@code PQCFHE_*} names that match no setting (likely typos). */
  public record Layer(Map<Setting, String> values, List<String> unknownVariables) {}

  private static final String PREFIX = "PQCFHE_";

  private EnvironmentSettings() {}

  public static Layer read(Map<String, String> environment) {
    Map<Setting, String> values = new EnumMap<>(Setting.class);
    List<String> unknown = new ArrayList<>();
    // Sorted, so that warnings come out in a stable order.
    for (Map.Entry<String, String> e : new TreeMap<>(environment).entrySet()) {
      if (!e.getKey().startsWith(PREFIX)) {
        continue;
      }
      Setting.byEnvironmentVariable(e.getKey()).ifPresentOrElse(
          setting -> values.put(setting, e.getValue().strip()),
          () -> unknown.add(e.getKey()));
    }
    return new Layer(values, List.copyOf(unknown));
  }
}
