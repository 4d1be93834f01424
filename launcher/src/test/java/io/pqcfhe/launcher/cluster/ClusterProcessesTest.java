package io.pqcfhe.launcher.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.client.ClientListener;
import io.pqcfhe.client.ClientOptions;
import io.pqcfhe.client.PqcFheClient;
import io.pqcfhe.client.PqcFheException;
import io.pqcfhe.client.SecureDelivery;
import io.pqcfhe.client.SecureMessage;
import io.pqcfhe.client.TlsTrust;
import io.pqcfhe.client.channel.HandshakeOptions;
import io.pqcfhe.launcher.tls.DevCertificate;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
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
  /** The client id of the demo token each gateway prints (dev mode). */
  private static final String DEMO_CLIENT = "demo-client";
  private static final List<NodeProcess> NODES = new ArrayList<>();
  private static Path data;
  private static Path logs;
  private static String clusterName;
  private static int gatewayPort;
  private static int secondGatewayPort;
  private static NodeProcess gateway;
  private static NodeProcess secondGateway;
  private static NodeProcess worker;
  private static NodeProcess secondWorker;
  private static Vertx client;
  private static HttpClient http;

  @TempDir
  static Path temp;

  @BeforeAll
  static void startCluster() throws Exception {
    data = temp.resolve("data");
    logs = temp.resolve("logs");
    clusterName = "process-test-" + UUID.randomUUID();
    gatewayPort = freePort();
    secondGatewayPort = freePort();
    gateway = node("gateway", gatewayArguments(gatewayPort));
    worker = node("worker-1", List.of("--roles", "fhe-worker"));
    secondWorker = node("worker-2", List.of("--roles", "fhe-worker"));
    secondGateway = node("gateway-2", gatewayArguments(secondGatewayPort));
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
    JsonObject health = awaitHealth(h -> h.getInteger("fhe_workers", -1) == 2 && h.getInteger("nodes", -1) == 4);
    assertEquals("healthy", health.getString("status"), health.encode());
  }

  @Test
  @Order(9)
  void withTheLastWorkerKilledHealthIsDegraded() throws Exception {
    for (NodeProcess node : NODES) {
      if (node != gateway && node != secondGateway) {
        node.kill();
      }
    }
    JsonObject health = awaitHealth(h -> h.getInteger("fhe_workers", -1) == 0);
    assertEquals("degraded", health.getString("status"), health.encode());
    assertEquals(2, health.getInteger("nodes"), health.encode());
  }

  @Test
  @Order(2)
  void aRelayReachesTheRecipientOnAnotherGateway() throws Exception {
    PqcFheClient sender = connect(gateway, gatewayPort);
    PqcFheClient recipient = connect(secondGateway, secondGatewayPort);
    try {
      await(sender.establishChannel(HandshakeOptions.defaults()));
      await(recipient.establishChannel(HandshakeOptions.defaults()));
      CompletableFuture<SecureMessage> received = new CompletableFuture<>();
      recipient.addListener(new ClientListener() {
        @Override
        public void onSecureMessage(SecureMessage message) {
          received.complete(message);
        }
      });
      byte[] text = "across gateways".getBytes(StandardCharsets.UTF_8);
      SecureDelivery delivery = await(sender.sendSecure(text, DEMO_CLIENT));
      assertTrue(delivery.delivered(), "the other gateway's session got it");
      SecureMessage message = received.get(20, TimeUnit.SECONDS);
      assertEquals("across gateways", message.plaintextUtf8());
      assertEquals(Optional.of(DEMO_CLIENT), message.sender());
      // To a client id with no session anywhere: not delivered, and answered (every gateway said no).
      assertFalse(await(sender.sendSecure(text, "nobody-" + UUID.randomUUID())).delivered());
    } finally {
      sender.close();
      recipient.close();
    }
  }

  @Test
  @Order(3)
  void theReferenceFlowRunsOnWorkerNodesAndSessionsSpreadOverBoth() throws Exception {
    List<PqcFheClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        PqcFheClient fhe = connect(gateway, gatewayPort);
        clients.add(fhe);
        FheSession session = FheSession.setUp(fhe);
        assertEquals(List.of(0.75 + 0.75, 2.0 + 1.0, 5.25 + 1.75, 8.0 + 2.0).toString(),
            session.decryptPolynomial().toString(), "a * b + 0.5 * a, decrypted");
      }
      assertEquals(2, answeringWorkers().size(), "each worker set up one session: " + answeringWorkers());
    } finally {
      clients.forEach(PqcFheClient::close);
    }
  }

  @Test
  @Order(4)
  void aWorkerKilledDuringAStreamLeavesNoRequestUnansweredAndEveryContextAndCiphertextUsable() throws Exception {
    List<PqcFheClient> clients = new ArrayList<>();
    try {
      // Two sessions set up one after the other: round robin puts one on each worker.
      Map<String, Double> answeredBefore = answeredByWorker();
      List<FheSession> sessions = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        PqcFheClient fhe = connect(gateway, gatewayPort);
        clients.add(fhe);
        sessions.add(FheSession.setUp(fhe));
      }
      Map<String, Double> answeredAfter = answeredByWorker();
      assertEquals(2, answeredAfter.keySet().stream()
          .filter(w -> answeredAfter.get(w) > answeredBefore.getOrDefault(w, 0.0)).count(),
          "both workers took part: " + answeredBefore + " then " + answeredAfter);
      // Products made and answered before the kill.
      List<List<String>> products = List.of(new ArrayList<>(), new ArrayList<>());
      for (int round = 0; round < 3; round++) {
        for (int s = 0; s < 2; s++) {
          products.get(s).add(await(sessions.get(s).multiply()).getString("result_ciphertext_id"));
        }
      }
      // A stream of multiplications on both sessions; the second worker dies with some of them in flight.
      List<List<Future<JsonObject>>> stream = List.of(new ArrayList<>(), new ArrayList<>());
      for (int round = 0; round < 12; round++) {
        for (int s = 0; s < 2; s++) {
          stream.get(s).add(sessions.get(s).multiply());
        }
        if (round == 4) {
          secondWorker.kill();
        }
      }
      int succeeded = 0;
      int unavailable = 0;
      for (int s = 0; s < 2; s++) {
        for (Future<JsonObject> answer : stream.get(s)) {
          // Every request is answered: a result, or SERVICE_UNAVAILABLE; never silence (the client would time out).
          try {
            products.get(s).add(answer.toCompletionStage().toCompletableFuture().get(40, TimeUnit.SECONDS)
                .getString("result_ciphertext_id"));
            succeeded++;
          } catch (java.util.concurrent.ExecutionException e) {
            PqcFheException refused = (PqcFheException) e.getCause();
            assertEquals("SERVICE_UNAVAILABLE", refused.code(), refused.getMessage());
            unavailable++;
          }
        }
      }
      double retried = requestsByWorker("worker_lost").getOrDefault(secondWorker.find("node ([0-9a-f-]{36})"), 0.0);
      System.out.println("kill -9 during the stream: " + succeeded + " answered, " + unavailable
          + " SERVICE_UNAVAILABLE; " + (long) retried + " requests lost with the worker and retried");
      assertEquals(24, succeeded + unavailable);
      assertTrue(retried > 0, "the killed worker had requests in flight");
      // Nothing was lost with the worker: both sessions' contexts, a and b, and every product still decrypt.
      for (int s = 0; s < 2; s++) {
        FheSession session = sessions.get(s);
        assertEquals(List.of(0.75 + 0.75, 2.0 + 1.0, 5.25 + 1.75, 8.0 + 2.0), session.decryptPolynomial(),
            "session " + s + ": a * b + 0.5 * a");
        for (String product : products.get(s)) {
          assertEquals(FheSession.product(), session.decrypt(product), "session " + s + ": " + product);
        }
      }
      awaitHealth(h -> h.getInteger("fhe_workers", -1) == 1);
    } finally {
      clients.forEach(PqcFheClient::close);
    }
  }

  @Test
  @Order(5)
  void aWorkerJoiningLaterTakesNewSessions() throws Exception {
    NodeProcess late = node("worker-3", List.of("--roles", "fhe-worker"));
    String lateId = late.find("node ([0-9a-f-]{36})");
    awaitHealth(h -> h.getInteger("fhe_workers", -1) == 2);
    List<PqcFheClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        PqcFheClient fhe = connect(gateway, gatewayPort);
        clients.add(fhe);
        FheSession.setUp(fhe);
      }
      assertTrue(answeringWorkers().contains(lateId), "the new worker answered: " + answeringWorkers());
    } finally {
      clients.forEach(PqcFheClient::close);
    }
  }

  @Test
  @Order(6)
  void aWorkerWithAnotherStateKeyIsRefusedAndLeaves() throws Exception {
    Path otherKey = temp.resolve("other-state.key");
    Files.writeString(otherKey, java.util.Base64.getEncoder().encodeToString(new byte[32]));
    Files.setPosixFilePermissions(otherKey, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> node("worker-other-key", List.of("--roles", "fhe-worker", "--set", "cluster.state_key_file=" + otherKey)));
    assertTrue(refused.getMessage().contains("node exited with 2"), refused.getMessage());
    assertTrue(refused.getMessage().contains("pqc-fhe: invalid setting cluster.state_key_file: the key is not the key "
        + "of this cluster's other worker nodes"), refused.getMessage());
    awaitHealth(h -> h.getInteger("fhe_workers", -1) == 2);
  }

  /** The worker node ids this gateway counted answers from, from its /metrics. */
  static java.util.Set<String> answeringWorkers() throws Exception {
    return new java.util.TreeSet<>(answeredByWorker().keySet());
  }

  /** Requests each worker answered, as this gateway's /metrics counts them. */
  static Map<String, Double> answeredByWorker() throws Exception {
    return requestsByWorker("answered");
  }

  /** Requests sent to each worker with this outcome, as this gateway's /metrics counts them. */
  static Map<String, Double> requestsByWorker(String outcome) throws Exception {
    String metrics = http.request(HttpMethod.GET, gatewayPort, "localhost", "/metrics")
        .compose(request -> request.send().compose(response -> response.body()))
        .map(Buffer::toString)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    Map<String, Double> answered = new java.util.TreeMap<>();
    java.util.regex.Matcher matcher = java.util.regex.Pattern
        .compile("pqc_fhe_cluster_fhe_requests_total\\{outcome=\"" + outcome + "\",worker=\"([^\"]+)\"} ([0-9.]+)")
        .matcher(metrics);
    while (matcher.find()) {
      if (Double.parseDouble(matcher.group(2)) > 0) {
        answered.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
      }
    }
    return answered;
  }

  private static List<String> gatewayArguments(int port) {
    // Many sessions of one client id in a short test: the per-client limits are raised.
    return List.of("--roles", "gateway", "--host", "127.0.0.1", "--port", String.valueOf(port),
        "--set", "rate_limits.connection=1000", "--set", "rate_limits.pqc=1000",
        "--set", "rate_limits.fhe.setup=1000", "--set", "rate_limits.fhe.encrypt=1000",
        "--set", "rate_limits.fhe.compute=1000");
  }

  static PqcFheClient connect(NodeProcess node, int port) throws Exception {
    ClientOptions options = ClientOptions.of(URI.create("wss://localhost:" + port + "/ws/v1/secure"),
            DEMO_CLIENT, node.find("TOKEN=(\\S+)"))
        .withTlsTrust(new TlsTrust.PemCertificates(data.resolve(DevCertificate.CERTIFICATE_FILE)))
        .withPinnedServerKey(node.find("fingerprint ([0-9a-f]{64})"));
    return await(PqcFheClient.connect(client, options));
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static int freePort() throws Exception {
    try (ServerSocket free = new ServerSocket(0)) {
      return free.getLocalPort();
    }
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
