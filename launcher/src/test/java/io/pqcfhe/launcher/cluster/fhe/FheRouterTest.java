package io.pqcfhe.launcher.cluster.fhe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway node's router and two worker nodes, in this JVM, over the TLS event bus. The workers' FHE service is
 * stood in for by a consumer that names its node (the real one is exercised by the process tests); a request
 * can ask one of them to hold it forever, so that the worker is killed with it in flight.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FheRouterTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final List<ClusterNode> NODES = new ArrayList<>();
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
        if (!worker.nodeId().equals(message.body().payload().getString("hold_on"))) {
          message.reply(ActionReply.success(new JsonObject().put("worker", worker.nodeId())));
        }
      });
      await(worker.vertx().deployVerticle(new WorkerEndpoint(worker.nodeId(), TIMEOUT)));
    }
    await(gateway.vertx().deployVerticle(
        new FheRouter(new WorkerDirectory(gateway.hazelcast()), TIMEOUT, new WorkerRequestCounter(Optional.empty()))));
  }

  @AfterAll
  static void stopCluster() {
    for (ClusterNode node : NODES) {
      try {
        await(node.vertx().close());
      } catch (Exception ignored) {
        // already gone (the killed worker)
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
      String first = worker(send(session, new JsonObject()));
      for (int i = 0; i < 3; i++) {
        assertEquals(first, worker(send(session, "fhe.compute", new JsonObject())), "a session stays on its worker");
      }
      used.add(first);
    }
    assertEquals(Set.of(workerA.nodeId(), workerB.nodeId(), workerC.nodeId()), used, "every worker takes sessions");
  }

  @Test
  @Order(2)
  void aSetupInFlightToAWorkerThatDiesIsAnsweredByAnother() throws Exception {
    SessionInfo session = sessionOn(workerB);
    long start = System.nanoTime();
    Future<ActionReply> held = requestAsync(session, "fhe.setup", new JsonObject().put("hold_on", workerB.nodeId()));
    Thread.sleep(300);
    workerB.hazelcast().getLifecycleService().terminate();
    ActionReply reply = await(held);
    assertTrue(reply.succeeded(), "retried on another worker: " + reply.toJson());
    String survivor = worker(reply);
    assertTrue(Set.of(workerA.nodeId(), workerC.nodeId()).contains(survivor), survivor);
    assertTrue(System.nanoTime() - start < TIMEOUT.toNanos(), "answered before the timeout");
    // The session continues on the worker that now holds its new context.
    assertEquals(survivor, worker(send(session, "fhe.compute", new JsonObject())));
  }

  @Test
  @Order(3)
  void otherRequestsOfASessionWhoseWorkerDiedAreServiceUnavailableUntilANewSetup() throws Exception {
    SessionInfo session = sessionOn(workerC);
    Future<ActionReply> held = requestAsync(session, "fhe.compute", new JsonObject().put("hold_on", workerC.nodeId()));
    Thread.sleep(300);
    workerC.hazelcast().getLifecycleService().terminate();
    // Its contexts died with the worker: another worker would not know them.
    assertWorkerLost(await(held));
    assertWorkerLost(send(session, "fhe.encrypt", new JsonObject()));
    assertEquals(workerA.nodeId(), worker(send(session, "fhe.setup", new JsonObject())));
    assertEquals(workerA.nodeId(), worker(send(session, "fhe.compute", new JsonObject())));
  }

  @Test
  @Order(4)
  void withoutAnyWorkerTheAnswerIsServiceUnavailable() throws Exception {
    workerA.hazelcast().getLifecycleService().terminate();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    ActionReply reply = send(session(), new JsonObject());
    while (reply.succeeded() && System.nanoTime() < deadline) {
      Thread.sleep(200);
      reply = send(session(), new JsonObject());
    }
    assertFalse(reply.succeeded());
    assertEquals(ErrorCode.SERVICE_UNAVAILABLE, reply.error().code());
    assertTrue(Set.of("no_worker", "worker_lost").contains(reply.error().details().getString("reason")),
        reply.toJson().encode());
  }

  private static ActionReply send(SessionInfo session, JsonObject payload) throws Exception {
    return send(session, "fhe.setup", payload);
  }

  private static ActionReply send(SessionInfo session, String action, JsonObject payload) throws Exception {
    return await(requestAsync(session, action, payload));
  }

  private static Future<ActionReply> requestAsync(SessionInfo session, String action, JsonObject payload) {
    return gateway.vertx().eventBus()
        .<ActionReply>request(Addresses.FHE, new ActionRequest(UUID.randomUUID().toString(), action, payload, session,
            false), new DeliveryOptions().setSendTimeout(TIMEOUT.toMillis()))
        .map(m -> m.body());
  }

  /** A new session whose worker is {@code worker}. */
  private static SessionInfo sessionOn(ClusterNode worker) throws Exception {
    for (int i = 0; i < 50; i++) {
      SessionInfo session = session();
      if (worker(send(session, new JsonObject())).equals(worker.nodeId())) {
        return session;
      }
    }
    throw new AssertionError("round robin never chose " + worker.nodeId());
  }

  private static void assertWorkerLost(ActionReply reply) {
    assertFalse(reply.succeeded(), reply.toJson().encode());
    assertEquals(ErrorCode.SERVICE_UNAVAILABLE, reply.error().code());
    assertEquals("worker_lost", reply.error().details().getString("reason"));
  }

  private static SessionInfo session() {
    return new SessionInfo(UUID.randomUUID().toString(), "client", "tenant", EnumSet.of(Permission.FHE), "1.0");
  }

  private static String worker(ActionReply reply) {
    assertTrue(reply.succeeded(), reply.toJson().encode());
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
