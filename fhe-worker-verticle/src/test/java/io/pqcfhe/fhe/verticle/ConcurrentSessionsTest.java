package io.pqcfhe.fhe.verticle;

import static io.pqcfhe.fhe.verticle.WorkerBus.assertClose;
import static io.pqcfhe.fhe.verticle.WorkerBus.compute;
import static io.pqcfhe.fhe.verticle.WorkerBus.decrypt;
import static io.pqcfhe.fhe.verticle.WorkerBus.encrypt;
import static io.pqcfhe.fhe.verticle.WorkerBus.values;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pqcfhe.fhe.SetupPayloads;
import io.pqcfhe.fhe.request.RequestLimits;
import io.pqcfhe.fhe.store.Quotas;
import io.pqcfhe.protocol.SessionInfo;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Several sessions computing at once on the shared workers: each gets its own results, never another's. */
@ExtendWith(VertxExtension.class)
class ConcurrentSessionsTest {
  /** Where the workers keep their state: overridden by the run of these tests on the shared store. */
  WorkerBus.Store store() {
    return WorkerBus.Store.IN_MEMORY;
  }

  private static final int SESSIONS = 6;
  private static final int ROUNDS = 4;

  @Test
  void resultsNeverMix(Vertx vertx) throws Exception {
    WorkerBus bus = WorkerBus.deploy(vertx, new FheWorkerConfig(3, Quotas.DEFAULT, RequestLimits.DEFAULT), store());
    ExecutorService clients = Executors.newFixedThreadPool(SESSIONS);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int s = 0; s < SESSIONS; s++) {
        int tag = s + 1;
        done.add(clients.submit(() -> client(bus, tag)));
      }
      int rounds = 0;
      for (Future<Integer> f : done) {
        rounds += f.get(2, TimeUnit.MINUTES);
      }
      assertEquals(SESSIONS * ROUNDS, rounds);
    } finally {
      clients.shutdownNow();
    }
  }

  /** A session whose values all carry its tag: a value of another session would show at once. */
  private static int client(WorkerBus bus, int tag) {
    SessionInfo session = WorkerBus.newSession();
    String ctx = bus.ok(session, "fhe.setup", SetupPayloads.small()).getString("context_id");
    int rounds = 0;
    for (int round = 0; round < ROUNDS; round++) {
      double[] x = {tag, tag + 0.25 * round, -tag};
      double[] y = {2, 0.5, tag};
      String cx = bus.ok(session, "fhe.encrypt", encrypt(ctx, x)).getString("ciphertext_id");
      String cy = bus.ok(session, "fhe.encrypt", encrypt(ctx, y)).getString("ciphertext_id");
      String product = bus.ok(session, "fhe.compute", compute(ctx, "multiply", new JsonObject(), cx, cy)).getString("result_ciphertext_id");
      double[] expected = {x[0] * y[0], x[1] * y[1], x[2] * y[2]};
      assertClose(expected, values(bus.ok(session, "fhe.decrypt", decrypt(ctx, product))), 1e-2);
      rounds++;
    }
    bus.endSession(session);
    return rounds;
  }
}
