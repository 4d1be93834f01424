package io.pqcfhe.launcher.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.launcher.TestSettings;
import io.pqcfhe.launcher.config.InvalidSettingException;
import io.pqcfhe.launcher.serve.ServerSetup;
import io.pqcfhe.launcher.tls.DevCertificate;
import io.pqcfhe.pqc.identity.ServerIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFolderBootstrapTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void firstStartCreatesOwnerOnlyFilesAndLaterStartsReuseThem(@TempDir Path parent) throws IOException {
    Path data = parent.resolve("nested/data");
    ServerSetup.Prepared first = ServerSetup.prepare(TestSettings.withEnvironment(data, Map.of()), List.of(), RANDOM);

    assertEquals("rwx------", permissions(data));
    Set<String> files = listing(data);
    assertEquals(Set.of(".lock", ServerIdentity.FILE_NAME, DevJwtSecret.FILE_NAME, DevCertificate.CERTIFICATE_FILE,
        DevCertificate.PRIVATE_KEY_FILE), files, "no temporary file is left behind");
    for (String file : files) {
      assertEquals("rw-------", permissions(data.resolve(file)), file);
    }
    assertTrue(first.gateway().devMode());
    assertEquals(2, first.devDefaults().size());
    assertTrue(first.devJwtSecret().isPresent());

    byte[] seed = Files.readAllBytes(data.resolve(ServerIdentity.FILE_NAME));
    ServerSetup.Prepared restarted =
        ServerSetup.prepare(TestSettings.withEnvironment(data, Map.of()), List.of(), RANDOM);
    assertEquals(first.identity().fingerprint(), restarted.identity().fingerprint());
    assertEquals(first.gateway().serverKey(), restarted.gateway().serverKey());
    assertEquals(first.gateway().tls(), restarted.gateway().tls());
    assertEquals(first.devJwtSecret(), restarted.devJwtSecret());
    assertArrayEquals(seed, Files.readAllBytes(data.resolve(ServerIdentity.FILE_NAME)));
  }

  @Test
  void anotherFolderIsAnotherIdentity(@TempDir Path parent) {
    ServerSetup.Prepared a = ServerSetup.prepare(
        TestSettings.withEnvironment(parent.resolve("a"), Map.of()), List.of(), RANDOM);
    ServerSetup.Prepared b = ServerSetup.prepare(
        TestSettings.withEnvironment(parent.resolve("b"), Map.of()), List.of(), RANDOM);
    assertNotEquals(a.identity().fingerprint(), b.identity().fingerprint());
    assertNotEquals(a.devJwtSecret(), b.devJwtSecret());
    assertNotEquals(a.gateway().tls(), b.gateway().tls());
  }

  @Test
  void aFolderOthersCanReadIsRefused(@TempDir Path parent) throws IOException {
    Path data = Files.createDirectory(parent.resolve("data"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
    InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> DataFolder.open(data));
    assertEquals("invalid setting data_dir: " + data + " is accessible to other users (rwxr-xr-x); chmod 700 it",
        e.getMessage());
  }

  @Test
  void aKeyFileOthersCanReadIsRefused(@TempDir Path parent) throws IOException {
    Path data = parent.resolve("data");
    DataFolder folder = DataFolder.open(data);
    DevJwtSecret.loadOrCreate(folder, RANDOM);
    Path secret = data.resolve(DevJwtSecret.FILE_NAME);
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
    InvalidSettingException e = assertThrows(InvalidSettingException.class,
        () -> DevJwtSecret.loadOrCreate(folder, RANDOM));
    assertEquals("invalid setting data_dir: " + secret + " is accessible to other users (rw-r--r--); chmod 600 it",
        e.getMessage());
  }

  @Test
  void aHalfWrittenCertificatePairIsReplacedWhole(@TempDir Path parent) throws IOException {
    Path data = parent.resolve("data");
    DataFolder folder = DataFolder.open(data);
    var first = DevCertificate.loadOrCreate(folder, "0.0.0.0", RANDOM);
    Files.delete(data.resolve(DevCertificate.CERTIFICATE_FILE));
    var second = DevCertificate.loadOrCreate(folder, "0.0.0.0", RANDOM);
    assertNotEquals(first.privateKeyPem(), second.privateKeyPem(), "a key without its certificate is not reused");
    assertEquals(second, DevCertificate.loadOrCreate(folder, "0.0.0.0", RANDOM));
  }

  @Test
  void writesAreAtomicReplacements(@TempDir Path parent) throws IOException {
    DataFolder folder = DataFolder.open(parent.resolve("data"));
    folder.whileLocked(() -> folder.writeAtomically("f", new byte[] {1, 2, 3}));
    folder.whileLocked(() -> folder.writeAtomically("f", new byte[] {4}));
    assertArrayEquals(new byte[] {4}, folder.read("f"));
    assertFalse(listing(folder.path()).stream().anyMatch(name -> name.endsWith(".tmp")));
  }

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static Set<String> listing(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }
}
