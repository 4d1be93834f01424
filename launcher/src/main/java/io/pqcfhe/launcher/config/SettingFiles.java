package io.pqcfhe.launcher.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the file a setting names; a failure names the setting. */
public final class SettingFiles {
  private SettingFiles() {}

  public static String readText(Setting setting, Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidSettingException(setting, "file not found: " + file);
    } catch (IOException | RuntimeException e) {
      throw new InvalidSettingException(setting,
          "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
    }
  }
}
