package io.pqcfhe.launcher.data;

import io.pqcfhe.launcher.config.InvalidSettingException;
import io.pqcfhe.launcher.config.Setting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The server's data folder: owner-only (0700), its files owner-only (0600). Files are created whole or not at
 * all (written to a temporary file, flushed, then moved into place atomically), so that a crash never leaves a
 * half-written key; and creation runs under a lock on the folder, so that two processes starting together do
 * not both create a key. A folder or file that others can read is refused rather than silently trusted.
 */
public final class DataFolder {
  static final Set<PosixFilePermission> FOLDER_PERMISSIONS = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
  private static final String LOCK_FILE = ".lock";

  private final Path path;

  private DataFolder(Path path) {
    this.path = path;
  }

  /** Opens the folder, creating it owner-only when absent. */
  public static DataFolder open(Path path) {
    Path folder = path.toAbsolutePath().normalize();
    try {
      if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectories(folder, asAttribute(FOLDER_PERMISSIONS));
        // createDirectories honours the umask, which may have removed bits; set exactly what we want.
        setPermissions(folder, FOLDER_PERMISSIONS);
      }
      if (!Files.isDirectory(folder)) {
        throw new InvalidSettingException(Setting.DATA_DIR, "not a directory: " + folder);
      }
      refuseIfOpenToOthers(folder, "chmod 700");
    } catch (IOException e) {
      throw new InvalidSettingException(Setting.DATA_DIR,
          "cannot create " + folder + ": " + e.getClass().getSimpleName());
    }
    return new DataFolder(folder);
  }

  public Path path() {
    return path;
  }

  public Path resolve(String fileName) {
    return path.resolve(fileName);
  }

  /** Whether the file exists in the folder (after checking that it is owner-only). */
  public boolean contains(String fileName) {
    Path file = resolve(fileName);
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    refuseIfOpenToOthers(file, "chmod 600");
    return true;
  }

  /** Reads a file of the folder, after checking that it is owner-only. */
  public byte[] read(String fileName) {
    Path file = resolve(fileName);
    refuseIfOpenToOthers(file, "chmod 600");
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * Writes a new owner-only file whole, replacing any file of that name: temporary file, flush to disk, atomic
   * rename. Call under {@link #locked}.
   */
  public void writeAtomically(String fileName, byte[] content) {
    Path target = resolve(fileName);
    Path temporary = null;
    try {
      temporary = Files.createTempFile(path, "." + fileName + ".", ".tmp", asAttribute(FILE_PERMISSIONS));
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(content));
        channel.force(true);
      }
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      temporary = null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    } finally {
      deleteQuietly(temporary);
    }
  }

  /** Runs {@code action} holding an exclusive lock on the folder (across processes). */
  public void whileLocked(Runnable action) {
    locked(() -> {
      action.run();
      return null;
    });
  }

  /** Runs {@code action} holding an exclusive lock on the folder (across processes). */
  public <T> T locked(Supplier<T> action) {
    try (FileChannel channel = FileChannel.open(resolve(LOCK_FILE),
        Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), asAttribute(FILE_PERMISSIONS))) {
      FileLock lock = channel.lock();
      try {
        return action.get();
      } finally {
        lock.release();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + path, e);
    }
  }

  private static void refuseIfOpenToOthers(Path file, String fix) {
    Optional<Set<PosixFilePermission>> permissions = permissionsOf(file);
    if (permissions.isPresent() && permissions.get().stream().anyMatch(GROUP_OR_OTHERS::contains)) {
      throw new InvalidSettingException(Setting.DATA_DIR, file + " is accessible to other users ("
          + PosixFilePermissions.toString(permissions.get()) + "); " + fix + " it");
    }
  }

  private static Optional<Set<PosixFilePermission>> permissionsOf(Path file) {
    try {
      return Optional.of(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
    } catch (UnsupportedOperationException e) {
      return Optional.empty(); // not a POSIX file system: nothing we can check
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the permissions of " + file, e);
    }
  }

  private static void setPermissions(Path file, Set<PosixFilePermission> permissions) throws IOException {
    try {
      Files.setPosixFilePermissions(file, permissions);
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system
    }
  }

  private static FileAttribute<?>[] asAttribute(Set<PosixFilePermission> permissions) {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
        : new FileAttribute<?>[0];
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // best effort: a leftover temporary file is harmless, the target was never touched
      }
    }
  }
}
