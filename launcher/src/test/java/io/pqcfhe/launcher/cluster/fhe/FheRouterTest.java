package io.pqcfhe.launcher.cluster.fhe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.launcher.cluster.ClusterNode;
import io.pqcfhe.launcher.cluster.ClusterTls;
import io.pqcfhe.launcher.config.ClusterSettings;
import io.pqcfhe.launcher.config.NodeRole;
import io.pqcfhe.launcher.data.DataFolder;
import io.pqcfhe.protocol.ActionReply;
import io.pqcfhe.protocol.ActionRequest;
import io.pqcfhe.protocol.Addresses;
import io.pqcfhe.protocol.ErrorCode;
import io.pqcfhe.protocol.Permission;
import io.pqcfhe.protocol.ProtocolCodecs;
import io.pqcfhe.protocol.SessionInfo;
import io.vertx.core.Future;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway node's router and three worker nodes, in this JVM, over the TLS event bus. The workers' FHE service is
 * stood in for by a consumer that notes which operation ids reached which node and answers with its node id (the
 * real one is exercised by the process tests); a request can ask one node to hold it forever, so that the node is
 * killed, or the deadline passes, with it in flight.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FheRouterTest {
  /** Short, so that the deadline test is: the router answers 0.5 s before it. */
  private static final Duration TIMEOUT = Duration.ofSeconds(4);
  private static final List<ClusterNode> NODES = new ArrayList<>();
  /** Operation id → the worker nodes it reached, in order. */
  private static final Map<String, List<String>> SEEN = new ConcurrentHashMap<>();
  private static final Map<ClusterNode, String> ENDPOINTS = new ConcurrentHashMap<>();
  private static ClusterNode gateway;
  private static ClusterNode workerA;
  private static ClusterNode workerB;
  private static ClusterNode workerC;

  @TempDir
  static Path temp;

  @BeforeAll
  static void startCluster() throws Exception {
    String name = "router-test-" + UUID.randomUUID();
    DataFolder folder = DataFolder.open(temp.resolve("data"));
    gateway = start(name, folder, NodeRole.GATEWAY);
    workerA = start(name, folder, NodeRole.FHE_WORKER);
    workerB = start(name, folder, NodeRole.FHE_WORKER);
    workerC = start(name, folder, NodeRole.FHE_WORKER);
    for (ClusterNode worker : List.of(workerA, workerB, workerC)) {
      worker.vertx().eventBus().<ActionRequest>localConsumer(Addresses.FHE, message -> {
        String operation = message.headers().get(Addresses.OPERATION_ID_HEADER);
        SEEN.computeIfAbsent(operation, op -> new CopyOnWriteArrayList<>()).add(worker.nodeId());
        if (!worker.nodeId().equals(message.body().payload().getString("hold_on"))) {
          message.reply(ActionReply.success(new JsonObject().put("worker", worker.nodeId()).put("operation", operation)));
        }
      });
      ENDPOINTS.put(worker, await(worker.vertx().deployVerticle(new WorkerEndpoint(worker.nodeId(), TIMEOUT))));
    }
    await(gateway.vertx().deployVerticle(new FheRouter(new WorkerDirectory(gateway.hazelcast()), TIMEOUT,
        new WorkerRequestCounter(Optional.empty()), new SecureRandom())));
  }

  @AfterAll
  static void stopCluster() {
    for (ClusterNode node : NODES) {
      try {
        await(node.vertx().close());
      } catch (Exception ignored) {
        // already gone (a killed worker)
      }
      node.close();
    }
  }

  @Test
  @Order(1)
  void sessionsSpreadOverTheWorkersAndEachSticksToOne() throws Exception {
    Set<String> used = new HashSet<>();
    for (int s = 0; s < 6; s++) {
      SessionInfo session = session();
      String first = worker(send(session, "fhe.setup", new JsonObject()));
      for (int i = 0; i < 3; i++) {
        assertEquals(first, worker(send(session, "fhe.compute", new JsonObject())), "a session stays on its worker");
      }
      used.add(first);
    }
    assertEquals(Set.of(workerA.nodeId(), workerB.nodeId(), workerC.nodeId()), used, "every worker takes sessions");
  }

  @Test
  @Order(2)
  void everyRequestCarriesItsOwnRandomOperationIdToOneWorker() throws Exception {
    SessionInfo session = session();
    Set<String> operations = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      String operation = send(session, "fhe.encrypt", new JsonObject()).payload().getString("operation");
      assertTrue(operation.matches("[0-9a-f]{32}"), operation);
      assertEquals(1, SEEN.get(operation).size(), "sent once");
      operations.add(operation);
    }
    assertEquals(5, operations.size());
  }

  @Test
  @Order(3)
  void aWorkerEndpointRefusesAMalformedOperationIdWithoutRunningTheRequest() throws Exception {
    int seen = SEEN.size();
    for (String malformed : List.of("not-an-operation-id", "ABCDEF0123456789ABCDEF0123456789", "00".repeat(17))) {
      ActionReply reply = await(gateway.vertx().eventBus().<ActionReply>request(Addresses.fheWorker(workerA.nodeId()),
              new ActionRequest(UUID.randomUUID().toString(), "fhe.setup", new JsonObject(), session(), false),
              new DeliveryOptions().setSendTimeout(TIMEOUT.toMillis())
                  .addHeader(Addresses.OPERATION_ID_HEADER, malformed))
          .map(m -> m.body()));
      assertFalse(reply.succeeded(), malformed);
      assertEquals(ErrorCode.SERVER_ERROR, reply.error().code(), malformed);
    }
    assertEquals(seen, SEEN.size(), "no FHE service saw them");
  }

  @Test
  @Order(4)
  void aWorkerThatDoesNotAnswerIsNotRetriedAndTheAnswerComesBeforeTheGatewaysTimeout() throws Exception {
    SessionInfo session = sessionOn(workerA);
    Set<String> before = Set.copyOf(SEEN.keySet());
    long start = System.nanoTime();
    ActionReply reply = send(session, "fhe.compute", new JsonObject().put("hold_on", workerA.nodeId()));
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    assertUnavailable(reply, "timeout");
    assertTrue(elapsedMs >= TIMEOUT.minus(FheRouter.ANSWER_MARGIN).toMillis() - 50 && elapsedMs < TIMEOUT.toMillis(),
        elapsedMs + " ms");
    // Only A saw it: a live worker may still be running it, so no other may run it at the same time.
    List<List<String>> sent = SEEN.entrySet().stream().filter(e -> !before.contains(e.getKey()))
        .map(Map.Entry::getValue).toList();
    assertEquals(List.of(List.of(workerA.nodeId())), sent);
  }

  @Test
  @Order(5)
  void aWorkerWithoutItsEndpointIsSkippedWithTheSameOperationId() throws Exception {
    SessionInfo session = sessionOn(workerC);
    await(workerC.vertx().undeploy(ENDPOINTS.get(workerC)));
    // The gateway learns through Hazelcast that C's address has no consumer any more; until then a message
    // would still go to C, which drops it (the router would wait for C's departure, which does not come here).
    awaitNoHandlers(Addresses.fheWorker(workerC.nodeId()));
    ActionReply reply = send(session, "fhe.compute", new JsonObject());
    String survivor = worker(reply);
    assertTrue(Set.of(workerA.nodeId(), workerB.nodeId()).contains(survivor), survivor);
    assertEquals(List.of(survivor), SEEN.get(reply.payload().getString("operation")), "C never ran it");
    assertEquals(survivor, worker(send(session, "fhe.compute", new JsonObject())), "the session stays there");
    workerC.hazelcast().getLifecycleService().terminate();
  }

  @Test
  @Order(6)
  void aRequestInFlightToAWorkerThatDiesIsRetriedOnceElsewhereWithTheSameOperationId() throws Exception {
    awaitWorkers(2);
    SessionInfo session = sessionOn(workerB);
    String dying = workerB.nodeId();
    long start = System.nanoTime();
    Future<ActionReply> held = requestAsync(session, "fhe.compute", new JsonObject().put("hold_on", dying));
    Thread.sleep(300);
    workerB.hazelcast().getLifecycleService().terminate();
    ActionReply reply = await(held);
    assertEquals(workerA.nodeId(), worker(reply), "retried on the only worker left");
    String operation = reply.payload().getString("operation");
    assertEquals(List.of(dying, workerA.nodeId()), SEEN.get(operation), "the same id, B then A");
    assertTrue(System.nanoTime() - start < TIMEOUT.toNanos(), "answered before the timeout");
    // The session's later requests go to the live worker: its state is in the cluster, nothing was lost.
    ActionReply next = send(session, "fhe.decrypt", new JsonObject());
    assertEquals(workerA.nodeId(), worker(next));
    assertNotEquals(operation, next.payload().getString("operation"));
  }

  @Test
  @Order(7)
  void withoutAnyWorkerTheAnswerIsServiceUnavailable() throws Exception {
    workerA.hazelcast().getLifecycleService().terminate();
    awaitWorkers(0);
    assertUnavailable(send(session(), "fhe.setup", new JsonObject()), "no_worker");
  }

  private static ActionReply send(SessionInfo session, String action, JsonObject payload) throws Exception {
    return await(requestAsync(session, action, payload));
  }

  private static Future<ActionReply> requestAsync(SessionInfo session, String action, JsonObject payload) {
    return gateway.vertx().eventBus()
        .<ActionReply>request(Addresses.FHE, new ActionRequest(UUID.randomUUID().toString(), action, payload, session,
            false), new DeliveryOptions().setSendTimeout(TIMEOUT.toMillis() + 1000))
        .map(m -> m.body());
  }

  /** A new session whose worker is {@code worker}. */
  private static SessionInfo sessionOn(ClusterNode worker) throws Exception {
    for (int i = 0; i < 50; i++) {
      SessionInfo session = session();
      if (worker(send(session, "fhe.setup", new JsonObject())).equals(worker.nodeId())) {
        return session;
      }
    }
    throw new AssertionError("round robin never chose " + worker.nodeId());
  }

  private static void awaitNoHandlers(String address) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (true) {
      try {
        await(gateway.vertx().eventBus().request(address, "ping", new DeliveryOptions().setSendTimeout(500)));
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
          return;
        }
      }
      assertTrue(System.nanoTime() < deadline, "the gateway still sees a consumer at " + address);
    }
  }

  private static void awaitWorkers(int count) throws Exception {
    WorkerDirectory directory = new WorkerDirectory(gateway.hazelcast());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (directory.fheWorkers() != count) {
      assertTrue(System.nanoTime() < deadline, "workers: " + directory.fheWorkers());
      Thread.sleep(100);
    }
    directory.close();
  }

  private static void assertUnavailable(ActionReply reply, String reason) {
    assertFalse(reply.succeeded(), String.valueOf(reply.error()));
    assertEquals(ErrorCode.SERVICE_UNAVAILABLE, reply.error().code());
    assertEquals(reason, reply.error().details().getString("reason"), String.valueOf(reply.error()));
  }

  private static SessionInfo session() {
    return new SessionInfo(UUID.randomUUID().toString(), "client", "tenant", EnumSet.of(Permission.FHE), "1.0");
  }

  private static String worker(ActionReply reply) {
    assertTrue(reply.succeeded(), String.valueOf(reply.error()));
    return reply.payload().getString("worker");
  }

  private static ClusterNode start(String name, DataFolder folder, NodeRole role) throws Exception {
    Path config = Path.of(FheRouterTest.class.getResource("/io/pqcfhe/launcher/cluster/test-cluster.xml").toURI());
    ClusterSettings settings = new ClusterSettings(name, "127.0.0.1", 5941, List.of("127.0.0.1"), 0,
        Optional.of(config), Optional.empty(), Optional.empty(), Duration.ofHours(1));
    ClusterNode node = await(ClusterNode.start(new VertxOptions(), settings,
        ClusterTls.resolve(settings, folder, new SecureRandom()), role));
    ProtocolCodecs.ensureRegistered(node.vertx().eventBus());
    NODES.add(node);
    return node;
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
