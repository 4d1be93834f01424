package io.pqcfhe.launcher.cluster.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.pqcfhe.fhe.store.shared.SharedMap;
import io.pqcfhe.fhe.store.shared.SharedState;
import io.pqcfhe.launcher.cluster.HazelcastConfigs;
import io.pqcfhe.launcher.config.ClusterSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FHE state maps on two real Hazelcast members on loopback, configured from an operator file that asks for
 * what the store cannot work with (no backup, OBJECT values, eviction, a short time to live): the launcher's
 * values win, and what one member wrote survives that member's abrupt death.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HazelcastSharedMapTest {
  private static final Duration STATE_TTL = Duration.ofMinutes(61);
  private static HazelcastInstance memberA;
  private static HazelcastInstance memberB;
  private static SharedState onA;
  private static SharedState onB;

  @TempDir
  static Path temp;

  @BeforeAll
  static void startMembers() throws Exception {
    String name = "state-test-" + UUID.randomUUID();
    memberA = Hazelcast.newHazelcastInstance(config(name));
    memberB = Hazelcast.newHazelcastInstance(config(name));
    assertEquals(2, memberA.getCluster().getMembers().size());
    onA = FheStateMaps.open(memberA);
    onB = FheStateMaps.open(memberB);
  }

  @AfterAll
  static void stopMembers() {
    for (HazelcastInstance member : new HazelcastInstance[] {memberA, memberB}) {
      if (member != null && member.getLifecycleService().isRunning()) {
        member.shutdown();
      }
    }
  }

  @Test
  @Order(1)
  void theLaunchersValuesOverrideTheOperatorsFile() throws Exception {
    Config config = config("config-only");
    for (String map : FheStateMaps.NAMES) {
      MapConfig enforced = config.getMapConfig(map);
      assertEquals(1, enforced.getBackupCount(), map);
      assertEquals(InMemoryFormat.BINARY, enforced.getInMemoryFormat(), map);
      assertEquals(EvictionPolicy.NONE, enforced.getEvictionConfig().getEvictionPolicy(), map);
      assertEquals(0, enforced.getMaxIdleSeconds(), map);
      assertEquals(STATE_TTL.toSeconds(), enforced.getTimeToLiveSeconds(), map);
      assertFalse(enforced.isReadBackupData(), map);
    }
    // The running members use them.
    assertEquals(1, memberB.getConfig().getMapConfig(FheStateMaps.CONTEXTS).getBackupCount());
  }

  @Test
  @Order(2)
  void oneMembersWritesAreTheOthersReads() {
    byte[] value = bytes("context record");
    onA.contexts().set("s1/c1", value);
    assertArrayEquals(value, onB.contexts().get("s1/c1").orElseThrow());
    assertTrue(onB.contexts().get("s1/unknown").isEmpty());
    // The four maps are distinct.
    assertTrue(onB.ciphertexts().get("s1/c1").isEmpty());
    onB.contexts().delete("s1/c1");
    assertTrue(onA.contexts().get("s1/c1").isEmpty());
  }

  @Test
  @Order(3)
  void putIfAbsentAndReplaceAreAtomicAndCompareContents() {
    SharedMap sessionsA = onA.sessions();
    SharedMap sessionsB = onB.sessions();
    assertTrue(sessionsA.putIfAbsent("s2", bytes("v1")));
    assertFalse(sessionsB.putIfAbsent("s2", bytes("other")), "already there");
    // A different array with the same contents matches: the comparison is by bytes, not by reference.
    assertTrue(sessionsB.replace("s2", bytes("v1"), bytes("v2")));
    assertFalse(sessionsA.replace("s2", bytes("v1"), bytes("v3")), "v1 is no longer the value");
    assertArrayEquals(bytes("v2"), sessionsA.get("s2").orElseThrow());
    assertFalse(sessionsA.replace("absent", bytes("v1"), bytes("v2")));
    assertTrue(sessionsA.get("absent").isEmpty());
  }

  @Test
  @Order(4)
  void removalsAndExpiriesAnywhereReachEveryListener() throws Exception {
    BlockingQueue<String> removedSeenByA = new LinkedBlockingQueue<>();
    onA.ciphertexts().onRemoved(removedSeenByA::add);
    onB.ciphertexts().set("s3/ct1", bytes("ciphertext"));
    onB.ciphertexts().delete("s3/ct1");
    assertEquals("s3/ct1", removedSeenByA.poll(10, TimeUnit.SECONDS));

    onB.ciphertexts().set("s3/ct2", bytes("short-lived"), Duration.ofMillis(300));
    Thread.sleep(600);
    assertTrue(onA.ciphertexts().get("s3/ct2").isEmpty(), "expired");
    assertEquals("s3/ct2", removedSeenByA.poll(10, TimeUnit.SECONDS));
    // Writing an entry is not a removal.
    onB.ciphertexts().set("s3/ct3", bytes("a"));
    onB.ciphertexts().set("s3/ct3", bytes("b"));
    assertEquals(null, removedSeenByA.poll(500, TimeUnit.MILLISECONDS));
  }

  @Test
  @Order(5)
  void aTimeToLiveMustBePositive() {
    // Hazelcast would read 0 as "forever" and a negative one as "the map's default".
    assertThrows(IllegalArgumentException.class, () -> onA.answers().set("k", bytes("v"), Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> onA.answers().set("k", bytes("v"), Duration.ofSeconds(-1)));
    assertTrue(onA.answers().get("k").isEmpty());
  }

  @Test
  @Order(6)
  void eachEntryIsCountedOnceByItsOwner() {
    int before = onA.answers().localSize() + onB.answers().localSize();
    for (int i = 0; i < 40; i++) {
      onA.answers().set("s4/op" + i, bytes("answer " + i));
    }
    assertEquals(before + 40, onA.answers().localSize() + onB.answers().localSize());
    assertTrue(onA.answers().localSize() > 0 && onB.answers().localSize() > 0, "both members own some");
  }

  @Test
  @Order(7)
  void whatAMemberAcknowledgedSurvivesItsAbruptDeath() {
    for (int i = 0; i < 100; i++) {
      onA.ciphertexts().set("s5/ct" + i, bytes("ciphertext " + i));
    }
    // No graceful leave: no migration of its partitions first, only the backups on B remain.
    memberA.getLifecycleService().terminate();
    for (int i = 0; i < 100; i++) {
      assertArrayEquals(bytes("ciphertext " + i), onB.ciphertexts().get("s5/ct" + i).orElseThrow(), "ct" + i);
    }
    // B now owns every entry (an expired one may be counted until its backup copy is swept).
    assertTrue(onB.ciphertexts().localSize() >= 100, "localSize " + onB.ciphertexts().localSize());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The test Hazelcast file with the FHE state maps declared as an operator should not. */
  private static Config config(String name) throws Exception {
    Path file = temp.resolve("operator-cluster-" + UUID.randomUUID() + ".xml");
    String base = Files.readString(Path.of(HazelcastSharedMapTest.class
        .getResource("/io/pqcfhe/launcher/cluster/test-cluster.xml").toURI()));
    StringBuilder maps = new StringBuilder();
    for (String map : FheStateMaps.NAMES) {
      maps.append("<map name=\"").append(map).append("\"><in-memory-format>OBJECT</in-memory-format>")
          .append("<backup-count>0</backup-count><time-to-live-seconds>2</time-to-live-seconds>")
          .append("<max-idle-seconds>1</max-idle-seconds><read-backup-data>true</read-backup-data>")
          .append("<eviction eviction-policy=\"LRU\" max-size-policy=\"PER_NODE\" size=\"10\"/></map>\n");
    }
    Files.writeString(file, base.replace("</hazelcast>", maps + "</hazelcast>"));
    return HazelcastConfigs.of(new ClusterSettings(name, "127.0.0.1", 5951, List.of("127.0.0.1"), 0,
        Optional.of(file), Optional.empty(), Optional.empty(), STATE_TTL));
  }
}
