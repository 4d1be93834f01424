package io.pqcfhe.launcher.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The configuration-file layer: a JSON object whose nested objects spell the dotted keys of {@link Setting}
 * ({@code {"tls": {"certificate": "..."}}} is {@code tls.certificate}). A {@code null} value means "not
 * configured". An unknown key is refused, so that a typo does not silently leave a default in force (the
 * keys are documented in {@code conf/README.md}, not in the file: JSON has no comments). Secrets are refused: they come from the environment
 * or from the files the {@code *_file} settings name.
 */
public final class ConfigFile {
  /** The file read when no {@code --config} is given, relative to the working directory, if it exists. */
  public static final Path DEFAULT_PATH = Path.of("conf", "gateway.json");

  private static final String CONFIG = "config";

  private ConfigFile() {}

  /** Reads a file that must exist. */
  public static Map<Setting, String> read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidSettingException(CONFIG, "file not found: " + file);
    } catch (IOException e) {
      throw new InvalidSettingException(CONFIG, "cannot read " + file + ": " + e.getClass().getSimpleName());
    }
    return parse(text, file.toString());
  }

  /** Parses the text of a configuration file; {@code origin} names it in messages. */
  public static Map<Setting, String> parse(String text, String origin) {
    JsonObject json;
    try {
      json = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      throw new InvalidSettingException(CONFIG, origin + " is not a JSON object");
    }
    Map<Setting, String> values = new EnumMap<>(Setting.class);
    flatten("", json, values, origin);
    return values;
  }

  private static void flatten(String prefix, JsonObject object, Map<Setting, String> values, String origin) {
    for (Map.Entry<String, Object> member : object) {
      String key = prefix + member.getKey();
      Object value = member.getValue();
      if (value instanceof JsonObject nested) {
        flatten(key + ".", nested, values, origin);
        continue;
      }
      Setting setting = Setting.byKey(key)
          .orElseThrow(() -> new InvalidSettingException(key, "unknown key in " + origin));
      if (value == null) {
        continue;
      }
      if (setting.isSecret()) {
        throw new InvalidSettingException(setting, "a secret does not belong in " + origin
            + "; set " + setting.environmentVariable() + " or " + setting.key() + "_file");
      }
      values.put(setting, asText(setting, value));
    }
  }

  private static String asText(Setting setting, Object value) {
    if (value instanceof JsonArray array) {
      return array.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    throw new InvalidSettingException(setting, "unsupported JSON value");
  }
}
