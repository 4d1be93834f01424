package io.pqcfhe.launcher.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pqcfhe.launcher.tls.DevCertificate;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway and worker nodes as separate JVMs on loopback, sharing one data folder (hence the dev cluster
 * certificate) and the test Hazelcast configuration (fast joins, a silent member is dead after 4 s). One
 * cluster for the whole class: Hazelcast starts are slow.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterProcessesTest {
  private static final List<NodeProcess> NODES = new ArrayList<>();
  private static Path data;
  private static Path logs;
  private static String clusterName;
  private static int gatewayPort;
  private static NodeProcess gateway;
  private static NodeProcess worker;
  private static Vertx client;
  private static HttpClient http;

  @TempDir
  static Path temp;

  @BeforeAll
  static void startCluster() throws Exception {
    data = temp.resolve("data");
    logs = temp.resolve("logs");
    clusterName = "process-test-" + UUID.randomUUID();
    try (ServerSocket free = new ServerSocket(0)) {
      gatewayPort = free.getLocalPort();
    }
    gateway = node("gateway", List.of("--roles", "gateway", "--host", "127.0.0.1", "--port",
        String.valueOf(gatewayPort)));
    worker = node("worker-1", List.of("--roles", "fhe-worker"));
    client = Vertx.vertx();
    String certificate = Files.readString(data.resolve(DevCertificate.CERTIFICATE_FILE));
    http = client.createHttpClient(new HttpClientOptions().setSsl(true).setVerifyHost(true)
        .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(certificate))));
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (client != null) {
      client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    for (NodeProcess node : NODES) {
      node.close();
    }
  }

  @Test
  @Order(1)
  void healthListsTheNodesAndTheWorkers() throws Exception {
    JsonObject health = awaitHealth(h -> h.getInteger("fhe_workers", -1) == 1);
    assertEquals(2, health.getInteger("nodes"), health.encode());
    assertEquals("healthy", health.getString("status"), health.encode());
  }

  @Test
  @Order(9)
  void withTheLastWorkerKilledHealthIsDegraded() throws Exception {
    for (NodeProcess node : NODES) {
      if (node != gateway) {
        node.kill();
      }
    }
    JsonObject health = awaitHealth(h -> h.getInteger("fhe_workers", -1) == 0);
    assertEquals("degraded", health.getString("status"), health.encode());
    assertEquals(1, health.getInteger("nodes"), health.encode());
  }

  static NodeProcess node(String name, List<String> roleArguments) throws Exception {
    List<String> arguments = new ArrayList<>(roleArguments);
    arguments.addAll(List.of("--cluster", "--data-dir", data.toString(), "--cluster-port", "5971",
        "--members", "127.0.0.1", "--set", "cluster.name=" + clusterName,
        "--set", "cluster.config=" + ClusterEventBusTlsTest.testConfig()));
    NodeProcess node = NodeProcess.serve(logs, name, arguments);
    NODES.add(node);
    return node;
  }

  /** Polls {@code GET /ws/health} until {@code wanted} holds (the cluster needs a few seconds to see a change). */
  static JsonObject awaitHealth(Predicate<JsonObject> wanted) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    JsonObject health = null;
    while (System.nanoTime() < deadline) {
      health = http.request(HttpMethod.GET, gatewayPort, "localhost", "/ws/health")
          .compose(request -> request.send().compose(response -> response.body()))
          .map(Buffer::toJsonObject)
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      if (wanted.test(health)) {
        return health;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("health never matched: " + health);
  }
}
