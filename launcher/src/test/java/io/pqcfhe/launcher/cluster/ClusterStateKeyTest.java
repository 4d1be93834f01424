package io.pqcfhe.launcher.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.pqcfhe.launcher.config.ClusterSettings;
import io.pqcfhe.launcher.config.InvalidSettingException;
import io.pqcfhe.launcher.data.DataFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster state key: the operator's file, its refusals, and the dev key of the data folder. */
class ClusterStateKeyTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir
  Path temp;

  @Test
  void theOperatorsFileIsBase64OfThirtyTwoBytes() throws Exception {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    Path file = ownerOnly("state.key", "  " + Base64.getEncoder().encodeToString(key) + "\n");
    ClusterStateKey read = ClusterStateKey.resolve(settings(Optional.of(file)), folder(), RANDOM);
    assertArrayEquals(key, read.bytes());
    assertFalse(read.dev());
    assertFalse(Files.exists(temp.resolve("data").resolve(ClusterStateKey.DEV_FILE)), "no dev key made");
    // Padding is optional.
    Path unpadded = ownerOnly("unpadded.key", Base64.getEncoder().withoutPadding().encodeToString(key));
    assertArrayEquals(key, ClusterStateKey.read(unpadded).bytes());
  }

  @Test
  void aWrongFileIsRefusedNamingTheSetting() throws Exception {
    assertRefused(ownerOnly("short.key", Base64.getEncoder().encodeToString(new byte[16])),
        "is not the base64 of 32 bytes");
    assertRefused(ownerOnly("long.key", Base64.getEncoder().encodeToString(new byte[33])),
        "is not the base64 of 32 bytes");
    assertRefused(ownerOnly("hex.key", "00".repeat(32) + "!"), "is not the base64 of 32 bytes");
    assertRefused(ownerOnly("empty.key", ""), "is not the base64 of 32 bytes");
    assertRefused(temp.resolve("absent.key"), "file not found: ");
    Path readable = ownerOnly("readable.key", Base64.getEncoder().encodeToString(new byte[32]));
    Files.setPosixFilePermissions(readable, PosixFilePermissions.fromString("rw-r-----"));
    assertRefused(readable, "is accessible to other users (rw-r-----); chmod 600 it");
  }

  @Test
  void withoutAFileTheDevKeyOfTheDataFolderIsCreatedOnceAndShared() throws Exception {
    ClusterStateKey first = ClusterStateKey.resolve(settings(Optional.empty()), folder(), RANDOM);
    assertTrue(first.dev());
    Path file = temp.resolve("data").resolve(ClusterStateKey.DEV_FILE);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertArrayEquals(first.bytes(), Base64.getDecoder().decode(Files.readString(file).strip()));
    // Another node with the same data folder: the same key.
    assertArrayEquals(first.bytes(), ClusterStateKey.resolve(settings(Optional.empty()), folder(), RANDOM).bytes());

    // A damaged dev key is not replaced (the state sealed under it would be lost without a word).
    Files.writeString(file, "damaged");
    InvalidSettingException refused = assertThrows(InvalidSettingException.class,
        () -> ClusterStateKey.resolve(settings(Optional.empty()), folder(), RANDOM));
    assertTrue(refused.getMessage().startsWith("invalid setting data_dir: " + file + " is not the base64 of 32 "
        + "bytes; delete it"), refused.getMessage());
  }

  @Test
  void theKeyIsNeverShownAndIsZeroizedWhenDestroyed() throws Exception {
    ClusterStateKey key = ClusterStateKey.resolve(settings(Optional.empty()), folder(), RANDOM);
    String encoded = Base64.getEncoder().encodeToString(key.bytes());
    assertFalse(key.toString().contains(encoded));
    byte[] copy = key.bytes();
    copy[0] ^= 1;
    assertFalse(java.util.Arrays.equals(copy, key.bytes()), "callers get copies");
    key.destroy();
    assertTrue(key.isDestroyed());
    assertThrows(IllegalStateException.class, key::bytes);
  }

  @Test
  void aWorkerWhoseKeyIsNotTheClustersIsRefused() throws Exception {
    Path config = Path.of(ClusterStateKeyTest.class.getResource("/io/pqcfhe/launcher/cluster/test-cluster.xml").toURI());
    HazelcastInstance member = Hazelcast.newHazelcastInstance(HazelcastConfigs.of(new ClusterSettings(
        "state-key-test-" + java.util.UUID.randomUUID(), "127.0.0.1", 5961, List.of("127.0.0.1"), 0,
        Optional.of(config), Optional.empty(), Optional.empty(), Duration.ofHours(1))));
    try {
      byte[] bytes = new byte[32];
      RANDOM.nextBytes(bytes);
      Path common = ownerOnly("common.key", Base64.getEncoder().encodeToString(bytes));
      ClusterStateKey.read(common).verifyAgainst(member);
      ClusterStateKey.read(common).verifyAgainst(member);
      bytes[31] ^= 1;
      Path other = ownerOnly("other.key", Base64.getEncoder().encodeToString(bytes));
      InvalidSettingException refused = assertThrows(InvalidSettingException.class,
          () -> ClusterStateKey.read(other).verifyAgainst(member));
      assertEquals("invalid setting cluster.state_key_file: the key is not the key of this cluster's other worker "
          + "nodes (all must use the same one)", refused.getMessage());
      // In dev mode, a worker with a data folder of its own made its own key.
      ClusterStateKey ownDevKey = ClusterStateKey.resolve(settings(Optional.empty()), folder(), RANDOM);
      InvalidSettingException refusedDev = assertThrows(InvalidSettingException.class,
          () -> ownDevKey.verifyAgainst(member));
      assertTrue(refusedDev.getMessage().startsWith("invalid setting data_dir: cluster-state-dev.key is not the key "
          + "of this cluster's other worker nodes"), refusedDev.getMessage());
    } finally {
      member.shutdown();
    }
  }

  private void assertRefused(Path file, String reason) {
    InvalidSettingException refused = assertThrows(InvalidSettingException.class,
        () -> ClusterStateKey.resolve(settings(Optional.of(file)), folder(), RANDOM));
    assertTrue(refused.getMessage().startsWith("invalid setting cluster.state_key_file: "), refused.getMessage());
    assertTrue(refused.getMessage().contains(reason), refused.getMessage());
  }

  private Path ownerOnly(String name, String content) throws Exception {
    Path file = temp.resolve(name);
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  private DataFolder folder() {
    return DataFolder.open(temp.resolve("data"));
  }

  private static ClusterSettings settings(Optional<Path> keyFile) {
    return new ClusterSettings("test", "127.0.0.1", 5701, List.of("127.0.0.1"), 0, Optional.empty(),
        Optional.empty(), keyFile, Duration.ofHours(1));
  }
}
