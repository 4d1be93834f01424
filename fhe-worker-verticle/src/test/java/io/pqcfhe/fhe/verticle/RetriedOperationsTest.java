package io.pqcfhe.fhe.verticle;

import static io.pqcfhe.fhe.verticle.WorkerBus.assertClose;
import static io.pqcfhe.fhe.verticle.WorkerBus.compute;
import static io.pqcfhe.fhe.verticle.WorkerBus.decrypt;
import static io.pqcfhe.fhe.verticle.WorkerBus.encrypt;
import static io.pqcfhe.fhe.verticle.WorkerBus.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.fhe.SetupPayloads;
import io.pqcfhe.fhe.request.RequestLimits;
import io.pqcfhe.fhe.store.Quotas;
import io.pqcfhe.protocol.ActionReply;
import io.pqcfhe.protocol.SessionInfo;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two worker sets over one shared state, as two nodes of a cluster (the event bus alternates between them):
 * requests carrying the router's operation id header are answered once, whichever worker gets the retry.
 */
@ExtendWith(VertxExtension.class)
class RetriedOperationsTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private static String operationId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static JsonObject ok(ActionReply reply) {
    assertTrue(reply.succeeded(), () -> "refused: " + reply.error().toJson());
    return reply.payload();
  }

  @Test
  void retriesAnswerTheSameOnEitherWorker(Vertx vertx) {
    WorkerBus bus = WorkerBus.deploy(vertx, new FheWorkerConfig(1, Quotas.DEFAULT, RequestLimits.DEFAULT), WorkerBus.Store.SHARED);
    SessionInfo session = WorkerBus.newSession();

    String setupOp = operationId();
    JsonObject setup = ok(bus.call(session, "fhe.setup", SetupPayloads.small(), setupOp));
    assertEquals(setup, ok(bus.call(session, "fhe.setup", SetupPayloads.small(), setupOp)));
    String ctx = setup.getString("context_id");

    double[] x = {1.5, -2};
    String encryptOp = operationId();
    JsonObject encrypted = ok(bus.call(session, "fhe.encrypt", encrypt(ctx, x), encryptOp));
    assertEquals(encrypted, ok(bus.call(session, "fhe.encrypt", encrypt(ctx, x), encryptOp)));
    String cx = encrypted.getString("ciphertext_id");

    String computeOp = operationId();
    JsonObject square = compute(ctx, "square", new JsonObject(), cx);
    JsonObject computed = ok(bus.call(session, "fhe.compute", square, computeOp));
    assertEquals(computed.getString("result_ciphertext_id"), ok(bus.call(session, "fhe.compute", square, computeOp)).getString("result_ciphertext_id"));
    String result = computed.getString("result_ciphertext_id");
    // Without an operation id the same request is a new operation.
    assertNotEquals(result, bus.ok(session, "fhe.compute", square).getString("result_ciphertext_id"));

    for (int i = 0; i < 2; i++) { // each worker decrypts it in turn
      assertClose(new double[] {2.25, 4}, values(ok(bus.call(session, "fhe.decrypt", decrypt(ctx, result), operationId()))), 1e-3);
    }
    bus.endSession(session);
  }
}
