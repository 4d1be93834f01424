package io.pqcfhe.launcher.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/** Reads the file a setting names; a failure names the setting. */
public final class SettingFiles {
  private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

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

  /**
   * Reads a file holding a secret, refusing it when other users may read or change it (the owner only, 0600 or
   * 0400; not checked where the file system has no POSIX permissions). The caller zeroizes the bytes.
   */
  public static byte[] readOwnerOnly(Setting setting, Path file) {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
        throw new InvalidSettingException(setting, file + " is accessible to other users ("
            + PosixFilePermissions.toString(permissions) + "); chmod 600 it");
      }
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: nothing we can check
    } catch (NoSuchFileException e) {
      throw new InvalidSettingException(setting, "file not found: " + file);
    } catch (IOException e) {
      throw new InvalidSettingException(setting, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException | RuntimeException e) {
      throw new InvalidSettingException(setting,
          "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
    }
  }
}
