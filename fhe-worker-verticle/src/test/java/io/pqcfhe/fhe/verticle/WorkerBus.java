package io.pqcfhe.fhe.verticle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.pqcfhe.fhe.request.RequestLimits;
import io.pqcfhe.fhe.store.Quotas;
import io.pqcfhe.fhe.store.shared.LocalSharedMap;
import io.pqcfhe.fhe.store.shared.SharedState;
import io.pqcfhe.protocol.ActionReply;
import io.pqcfhe.protocol.ActionRequest;
import io.pqcfhe.protocol.Addresses;
import io.pqcfhe.protocol.ErrorCode;
import io.pqcfhe.protocol.Permission;
import io.pqcfhe.protocol.ProtocolCodecs;
import io.pqcfhe.protocol.ProtocolError;
import io.pqcfhe.protocol.SessionInfo;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Talks to deployed FHE workers as the gateway does: {@link ActionRequest}s on {@link Addresses#FHE}, with a
 * session, answered by {@link ActionReply}s. Blocking helpers for readable tests (never on an event loop).
 */
final class WorkerBus {
  private static final AtomicLong IDS = new AtomicLong();

  final Vertx vertx;
  final FheWorkers workers;

  private WorkerBus(Vertx vertx, FheWorkers workers) {
    this.vertx = vertx;
    this.workers = workers;
  }

  /** Where the workers under test keep their state. */
  enum Store {
    /** One node's workers with the in-memory store. */
    IN_MEMORY,
    /**
     * Two sets of workers over one shared state (maps in this JVM), as two nodes of a cluster: the event bus
     * alternates between them, so state written by one is read back, decoded, by the other.
     */
    SHARED
  }

  static WorkerBus deploy(Vertx vertx, FheWorkerConfig config, Store store) {
    ProtocolCodecs.register(vertx.eventBus());
    if (store == Store.IN_MEMORY) {
      FheWorkers workers = FheWorkers.create(config);
      await(workers.deploy(vertx));
      return new WorkerBus(vertx, workers);
    }
    SharedState state = LocalSharedMap.state();
    byte[] stateKey = stateKey();
    FheWorkers workers = FheWorkers.shared(config, state, stateKey);
    await(workers.deploy(vertx));
    await(FheWorkers.shared(config, state, stateKey).deploy(vertx));
    return new WorkerBus(vertx, workers);
  }

  /** Workers of their own (a state of their own), not deployed: for calling their service directly. */
  static FheWorkers workers(FheWorkerConfig config, Store store) {
    return store == Store.IN_MEMORY ? FheWorkers.create(config) : FheWorkers.shared(config, LocalSharedMap.state(), stateKey());
  }

  private static byte[] stateKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  static WorkerBus deploy(Vertx vertx, FheWorkerConfig config) {
    return deploy(vertx, config, Store.IN_MEMORY);
  }

  static WorkerBus deploy(Vertx vertx, Store store) {
    return deploy(vertx, new FheWorkerConfig(2, Quotas.DEFAULT, RequestLimits.DEFAULT), store);
  }

  static WorkerBus deploy(Vertx vertx) {
    return deploy(vertx, Store.IN_MEMORY);
  }

  static SessionInfo newSession() {
    return new SessionInfo(
        "s-" + UUID.randomUUID(), "client-" + IDS.incrementAndGet(), "bank", EnumSet.of(Permission.FHE, Permission.FHE_DECRYPT), "1.0");
  }

  Future<ActionReply> send(SessionInfo session, String action, JsonObject payload) {
    return send(session, action, payload, new DeliveryOptions());
  }

  /** As the cluster's router sends: with an operation id, the same on a retry. */
  ActionReply call(SessionInfo session, String action, JsonObject payload, String operationId) {
    return await(send(session, action, payload, new DeliveryOptions().addHeader(Addresses.OPERATION_ID_HEADER, operationId)));
  }

  private Future<ActionReply> send(SessionInfo session, String action, JsonObject payload, DeliveryOptions options) {
    ActionRequest request = new ActionRequest("req-" + IDS.incrementAndGet(), action, payload, session, false);
    return vertx.eventBus()
        .<ActionReply>request(Addresses.FHE, request, options.setSendTimeout(120_000))
        .map(m -> m.body());
  }

  ActionReply call(SessionInfo session, String action, JsonObject payload) {
    return await(send(session, action, payload));
  }

  /** The success payload; fails the test with the error otherwise. */
  JsonObject ok(SessionInfo session, String action, JsonObject payload) {
    ActionReply reply = call(session, action, payload);
    if (!reply.succeeded()) {
      fail(action + " refused: " + reply.error().toJson());
    }
    return reply.payload();
  }

  /** The error; fails the test if the action succeeded or the code differs. */
  ProtocolError refused(ErrorCode code, String reason, SessionInfo session, String action, JsonObject payload) {
    ActionReply reply = call(session, action, payload);
    assertFalse(reply.succeeded(), () -> action + " should be refused, got " + reply.payload());
    ProtocolError error = reply.error();
    assertEquals(code, error.code(), () -> "code of " + error.toJson());
    if (reason != null) {
      assertEquals(reason, error.details().getString("reason"), () -> "reason of " + error.toJson());
    }
    assertFalse(error.message().isBlank());
    return error;
  }

  void endSession(SessionInfo session) {
    vertx.eventBus().publish(Addresses.SESSION_ENDED, session);
  }

  // ---------------------------------------------------------------- payload helpers

  static JsonObject setup(int n, JsonArray bits) {
    return new JsonObject()
        .put("scheme", "CKKS")
        .put("poly_modulus_degree", n)
        .put("coeff_modulus_bits", bits)
        .put("scale", Math.pow(2, 40))
        .put("security_level", 128);
  }

  static JsonObject reference() {
    return setup(8192, new JsonArray().add(60).add(40).add(40).add(60));
  }

  static JsonObject encrypt(String contextId, double[] values) {
    JsonArray data = new JsonArray();
    for (double v : values) {
      data.add(v);
    }
    return new JsonObject().put("context_id", contextId).put("data", data).put("data_type", "float_array").put("batch_encode", true);
  }

  static JsonObject compute(String contextId, String operation, JsonObject parameters, String... operands) {
    JsonArray ids = new JsonArray();
    for (String id : operands) {
      ids.add(id);
    }
    return new JsonObject()
        .put("context_id", contextId)
        .put("operation", operation)
        .put("operands", ids)
        .put("parameters", parameters)
        .put("include_ciphertext", false);
  }

  static JsonObject decrypt(String contextId, String ciphertextId) {
    return new JsonObject().put("context_id", contextId).put("ciphertext_id", ciphertextId);
  }

  static double[] values(JsonObject decrypted) {
    JsonArray array = decrypted.getJsonArray("decrypted_data");
    assertNotNull(array);
    double[] values = new double[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.getDouble(i);
    }
    return values;
  }

  static void assertClose(double[] expected, double[] actual, double tolerance) {
    assertEquals(expected.length, actual.length, "number of values");
    for (int i = 0; i < expected.length; i++) {
      double e = expected[i];
      double a = actual[i];
      assertTrue(Math.abs(e - a) <= tolerance, () -> "slot value " + a + " is not within " + tolerance + " of " + e);
    }
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(3, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new AssertionError("event-bus call failed: " + e, e);
    }
  }
}
