package io.pqcfhe.pqc.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.crypto.bc.MlDsa65;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerIdentityTest {
  private final SecureRandom random = new SecureRandom();

  @Test
  void createdOnceOwnerOnlyAndReusedAfterRestart(@TempDir Path dir) throws Exception {
    ServerIdentity first = ServerIdentity.loadOrCreate(dir, random);
    Path file = dir.resolve(ServerIdentity.FILE_NAME);
    assertEquals(
        EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(file));

    ServerIdentity second = ServerIdentity.loadOrCreate(dir, random);
    assertArrayEquals(first.publicKey(), second.publicKey());
    assertEquals(first.fingerprint(), second.fingerprint());
    assertEquals(MlDsa65.PUBLIC_KEY_BYTES, first.publicKey().length);
    assertTrue(first.fingerprint().matches("[0-9a-f]{64}"));
  }

  @Test
  void signaturesVerifyUnderThePublicKeyOnly(@TempDir Path dir) {
    ServerIdentity identity = ServerIdentity.loadOrCreate(dir, random);
    byte[] message = "transcript".getBytes(StandardCharsets.US_ASCII);
    byte[] signature = identity.sign(message);

    assertTrue(MlDsa65.verify(identity.publicKey(), message, signature));
    assertFalse(MlDsa65.verify(identity.publicKey(), "other".getBytes(StandardCharsets.US_ASCII), signature));
    signature[10] ^= 1;
    assertFalse(MlDsa65.verify(identity.publicKey(), message, signature));
  }

  @Test
  void aCorruptSeedFileStopsTheStartWithItsName(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve(ServerIdentity.FILE_NAME), new byte[7]);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> ServerIdentity.loadOrCreate(dir, random));
    assertTrue(e.getMessage().contains(ServerIdentity.FILE_NAME));
  }
}
