package io.pqcfhe.launcher.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.launcher.config.ClusterSettings;
import io.pqcfhe.launcher.config.NodeRole;
import io.pqcfhe.launcher.data.DataFolder;
import io.vertx.core.Future;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes in this JVM on loopback: two share a data folder, hence the dev cluster certificate, and talk
 * over the event bus; the third has its own certificate. It joins Hazelcast (which has no TLS: hence the
 * private network) but the event bus refuses it both ways.
 */
class ClusterEventBusTlsTest {
  private static final String ADDRESS = "test.echo";
  private static final List<ClusterNode> NODES = new ArrayList<>();
  private static ClusterNode first;
  private static ClusterNode second;
  private static ClusterNode stranger;

  @TempDir
  static Path temp;

  @BeforeAll
  static void startNodes() throws Exception {
    String name = "tls-test-" + UUID.randomUUID();
    DataFolder shared = DataFolder.open(temp.resolve("shared"));
    DataFolder other = DataFolder.open(temp.resolve("other"));
    first = start(name, shared);
    second = start(name, shared);
    stranger = start(name, other);
    first.vertx().eventBus().<String>consumer(ADDRESS, message -> message.reply("first"));
    stranger.vertx().eventBus().<String>consumer(ADDRESS, message -> message.reply("stranger"));
    // Registrations travel through Hazelcast; wait until the second node sees both consumers.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (second.hazelcast().getCluster().getMembers().size() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertEquals(3, second.hazelcast().getCluster().getMembers().size(), "the three nodes form one cluster");
  }

  @AfterAll
  static void stopNodes() {
    for (ClusterNode node : NODES) {
      try {
        await(node.vertx().close());
      } catch (Exception ignored) {
        // closing the others matters more
      }
      node.close();
    }
  }

  @Test
  void nodesSharingTheClusterCertificateTalk() throws Exception {
    // The second node round-robins over both consumers: the trusted one answers, the stranger never does.
    List<String> answers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      send(second, "ping").ifPresent(answers::add);
    }
    assertTrue(answers.contains("first"), "the node sharing the certificate answers: " + answers);
    assertTrue(answers.stream().allMatch("first"::equals), "nothing reached the stranger: " + answers);
  }

  @Test
  void aNodeWithAnotherCertificateIsRefusedBothWays() throws Exception {
    List<String> answers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      send(stranger, "intrusion").ifPresent(answers::add);
    }
    // Its own local consumer answers it; the first node's consumer is out of its reach.
    assertTrue(answers.stream().allMatch("stranger"::equals), "the stranger reached a cluster node: " + answers);
  }

  private static Optional<String> send(ClusterNode from, String body) throws Exception {
    Future<String> reply = from.vertx().eventBus()
        .<String>request(ADDRESS, body, new DeliveryOptions().setSendTimeout(3_000))
        .map(message -> message.body());
    // A refused TLS handshake fails the request (or lets it time out): never an answer.
    try {
      return Optional.of(await(reply));
    } catch (ExecutionException refused) {
      return Optional.empty();
    }
  }

  static ClusterNode start(String name, DataFolder folder) throws Exception {
    ClusterSettings settings = new ClusterSettings(name, "127.0.0.1", 5901, List.of("127.0.0.1"), 0,
        Optional.of(testConfig()), Optional.empty(), Optional.empty(), Duration.ofHours(1));
    ClusterNode node = await(ClusterNode.start(new VertxOptions(), settings,
        ClusterTls.resolve(settings, folder, new SecureRandom()), NodeRole.GATEWAY));
    NODES.add(node);
    return node;
  }

  static Path testConfig() throws URISyntaxException {
    return Path.of(ClusterEventBusTlsTest.class.getResource("test-cluster.xml").toURI());
  }

  private static <T> T await(Future<T> future) throws ExecutionException, InterruptedException, TimeoutException {
    return future.toCompletionStage().toCompletableFuture().get(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS);
  }
}
