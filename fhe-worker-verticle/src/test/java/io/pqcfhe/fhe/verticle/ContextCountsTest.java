package io.pqcfhe.fhe.verticle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.fhe.SetupPayloads;
import io.pqcfhe.protocol.Addresses;
import io.pqcfhe.protocol.SessionInfo;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The node reports its live contexts for health: at start, and whenever the number changes. */
@ExtendWith(VertxExtension.class)
class ContextCountsTest {

  @Test
  void countsFollowSetupAndSessionEnd(Vertx vertx) throws Exception {
    BlockingQueue<JsonObject> reports = new LinkedBlockingQueue<>();
    WorkerBus.await(vertx.eventBus().<JsonObject>consumer(Addresses.FHE_CONTEXT_COUNTS, m -> reports.add(m.body())).completion());
    WorkerBus bus = WorkerBus.deploy(vertx);
    assertEquals(0, next(reports).getInteger("active_contexts"));

    SessionInfo session = WorkerBus.newSession();
    bus.ok(session, "fhe.setup", SetupPayloads.small());
    JsonObject afterSetup = next(reports);
    assertEquals(1, afterSetup.getInteger("active_contexts"));
    assertTrue(afterSetup.getString("worker_id").startsWith("fhe-"));

    bus.endSession(session);
    assertEquals(0, next(reports).getInteger("active_contexts"));
  }

  private static JsonObject next(BlockingQueue<JsonObject> reports) throws InterruptedException {
    JsonObject report = reports.poll(30, TimeUnit.SECONDS);
    assertTrue(report != null, "no context count was published");
    return report;
  }
}
