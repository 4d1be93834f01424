package io.pqcfhe.fhe.verticle;

import static io.pqcfhe.fhe.SetupPayloads.small;
import static io.pqcfhe.fhe.verticle.WorkerBus.compute;
import static io.pqcfhe.fhe.verticle.WorkerBus.decrypt;
import static io.pqcfhe.fhe.verticle.WorkerBus.encrypt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.fhe.request.RequestLimits;
import io.pqcfhe.fhe.store.Quotas;
import io.pqcfhe.protocol.Action;
import io.pqcfhe.protocol.ErrorCode;
import io.pqcfhe.protocol.ProtocolError;
import io.pqcfhe.protocol.ProtocolException;
import io.pqcfhe.protocol.SessionInfo;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

/** Every refusal of §6 over the event bus: small parameters (N = 4096) wherever they do not matter. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusalsTest {
  /** Where the workers keep their state: overridden by the run of these tests on the shared store. */
  WorkerBus.Store store() {
    return WorkerBus.Store.IN_MEMORY;
  }

  private WorkerBus bus;
  private SessionInfo alice;
  private SessionInfo mallory;
  private String aliceContext;
  private String aliceCiphertext;
  private String malloryContext;

  static JsonObject otherSmall() {
    return small().put("coeff_modulus_bits", new JsonArray().add(30).add(25).add(25).add(29));
  }

  @BeforeAll
  void deploy(Vertx vertx) {
    bus = WorkerBus.deploy(vertx, store());
    alice = WorkerBus.newSession();
    mallory = WorkerBus.newSession();
    aliceContext = bus.ok(alice, "fhe.setup", small()).getString("context_id");
    aliceCiphertext = bus.ok(alice, "fhe.encrypt", encrypt(aliceContext, new double[] {1, 2, 3})).getString("ciphertext_id");
    malloryContext = bus.ok(mallory, "fhe.setup", small()).getString("context_id");
  }

  @Test
  void foreignIdsAreRefusedExactlyLikeUnknownOnes() {
    ProtocolError foreign = bus.refused(ErrorCode.FORBIDDEN, null, mallory, "fhe.encrypt", encrypt(aliceContext, new double[] {1}));
    ProtocolError unknown = bus.refused(ErrorCode.FORBIDDEN, null, mallory, "fhe.encrypt", encrypt("ctx-" + "0".repeat(32), new double[] {1}));
    assertEquals(unknown, foreign);
    ProtocolError foreignCt = bus.refused(ErrorCode.FORBIDDEN, null, mallory, "fhe.download", decrypt(malloryContext, aliceCiphertext));
    ProtocolError unknownCt = bus.refused(ErrorCode.FORBIDDEN, null, mallory, "fhe.download", decrypt(malloryContext, "ct-nothing"));
    assertEquals(unknownCt, foreignCt);
    assertEquals(
        foreignCt,
        bus.refused(ErrorCode.FORBIDDEN, null, mallory, "fhe.compute", compute(malloryContext, "negate", new JsonObject(), aliceCiphertext)));
    bus.refused(ErrorCode.FORBIDDEN, null, mallory, "fhe.release", new JsonObject().put("context_id", aliceContext));
    // Alice's state is untouched by the attempts.
    assertEquals(3, WorkerBus.values(bus.ok(alice, "fhe.decrypt", decrypt(aliceContext, aliceCiphertext))).length);
  }

  @Test
  void depthExhaustionIsRefusedBeforeWork() {
    JsonObject poly =
        new JsonObject()
            .put("context_id", aliceContext)
            .put("operation", "polynomial")
            .put("parameters", new JsonObject().put("expression", "x^8").put("variable_mapping", new JsonObject().put("x", aliceCiphertext)));
    ProtocolError error = bus.refused(ErrorCode.NOISE_BUDGET_EXHAUSTED, "insufficient_level", alice, "fhe.compute", poly);
    assertEquals(3, error.details().getInteger("required_level"));
    assertEquals(2, error.details().getInteger("level"));
    String once = bus.ok(alice, "fhe.compute", compute(aliceContext, "square", new JsonObject(), aliceCiphertext)).getString("result_ciphertext_id");
    String twice = bus.ok(alice, "fhe.compute", compute(aliceContext, "square", new JsonObject(), once)).getString("result_ciphertext_id");
    bus.refused(ErrorCode.NOISE_BUDGET_EXHAUSTED, "insufficient_level", alice, "fhe.compute", compute(aliceContext, "multiply", new JsonObject(), twice, twice));
    bus.refused(ErrorCode.NOISE_BUDGET_EXHAUSTED, "insufficient_level", alice, "fhe.compute", compute(aliceContext, "rescale", new JsonObject(), twice));
    bus.refused(
        ErrorCode.NOISE_BUDGET_EXHAUSTED, "insufficient_level", alice, "fhe.compute",
        compute(aliceContext, "multiply_plain", new JsonObject().put("plain", 0.5), twice));
  }

  @Test
  void tooMuchData() {
    ProtocolError error = bus.refused(ErrorCode.INVALID_REQUEST, "too_many_values", alice, "fhe.encrypt", encrypt(aliceContext, new double[2049]));
    assertEquals("payload.data", error.details().getString("field"));
    bus.refused(
        ErrorCode.INVALID_REQUEST, "too_many_values", alice, "fhe.compute",
        compute(aliceContext, "add_plain", new JsonObject().put("plain", new JsonArray(Collections.nCopies(2049, 1.0))), aliceCiphertext));
    bus.refused(ErrorCode.INVALID_REQUEST, "out_of_range", alice, "fhe.decrypt", decrypt(aliceContext, aliceCiphertext).put("expected_size", 2049));
  }

  @Test
  void encryptionScaleOutOfRange() {
    bus.refused(ErrorCode.FHE_CONTEXT_ERROR, "invalid_scale", alice, "fhe.encrypt", encrypt(aliceContext, new double[] {1}).put("scale", 0.5));
    bus.refused(ErrorCode.FHE_CONTEXT_ERROR, "invalid_scale", alice, "fhe.encrypt", encrypt(aliceContext, new double[] {1e6}).put("scale", Math.pow(2, 70)));
  }

  @Test
  void unsupportedParameters() {
    SessionInfo s = WorkerBus.newSession();
    int before = bus.workers.activeContexts();
    bus.refused(ErrorCode.FHE_CONTEXT_ERROR, "unsupported_scheme", s, "fhe.setup", small().put("scheme", "BFV"));
    bus.refused(ErrorCode.FHE_CONTEXT_ERROR, "unsupported_poly_modulus_degree", s, "fhe.setup", small().put("poly_modulus_degree", 2048));
    bus.refused(
        ErrorCode.FHE_CONTEXT_ERROR, "unsupported_coeff_modulus_bits", s, "fhe.setup",
        small().put("coeff_modulus_bits", new JsonArray().add(61).add(24)));
    bus.refused(ErrorCode.FHE_CONTEXT_ERROR, "unsupported_security_level", s, "fhe.setup", small().put("security_level", 100));
    bus.refused(
        ErrorCode.FHE_CONTEXT_ERROR, "security_bound_exceeded", s, "fhe.setup",
        small().put("coeff_modulus_bits", new JsonArray().add(60).add(60)));
    bus.refused(ErrorCode.FHE_CONTEXT_ERROR, "security_bound_exceeded", s, "fhe.setup", WorkerBus.reference().put("security_level", 256));
    bus.refused(ErrorCode.FHE_CONTEXT_ERROR, "invalid_scale", s, "fhe.setup", small().put("scale", Math.pow(2, 80)));
    bus.refused(ErrorCode.INVALID_REQUEST, "wrong_type", s, "fhe.setup", small().put("poly_modulus_degree", "4096"));
    assertEquals(before, bus.workers.activeContexts());
  }

  @Test
  void sealBytesThatDoNotLoad() {
    byte[] junk = new byte[4096];
    new Random(7).nextBytes(junk);
    bus.refused(
        ErrorCode.FHE_CONTEXT_ERROR, "invalid_seal_object", alice, "fhe.upload",
        new JsonObject().put("context_id", aliceContext).put("ciphertext", Base64.getEncoder().encodeToString(junk)));
    SessionInfo s = WorkerBus.newSession();
    String other = bus.ok(s, "fhe.setup", otherSmall()).getString("context_id");
    String otherCt = bus.ok(s, "fhe.encrypt", encrypt(other, new double[] {1})).getString("ciphertext_id");
    String bytes = bus.ok(s, "fhe.download", decrypt(other, otherCt)).getString("ciphertext");
    bus.refused(
        ErrorCode.FHE_CONTEXT_ERROR, "parms_mismatch", alice, "fhe.upload",
        new JsonObject().put("context_id", aliceContext).put("ciphertext", bytes));
    String otherKey = bus.ok(s, "fhe.setup", otherSmall()).getString("public_key");
    bus.refused(
        ErrorCode.FHE_CONTEXT_ERROR, "parms_mismatch", s, "fhe.setup",
        small().put("key_management", "client").put("public_key", otherKey).putNull("rotations"));
  }

  @Test
  void operandsOfTwoContexts() {
    String second = bus.ok(alice, "fhe.setup", otherSmall()).getString("context_id");
    String inSecond = bus.ok(alice, "fhe.encrypt", encrypt(second, new double[] {4})).getString("ciphertext_id");
    bus.refused(ErrorCode.FHE_CONTEXT_ERROR, "context_mismatch", alice, "fhe.compute", compute(aliceContext, "add", new JsonObject(), aliceCiphertext, inSecond));
    bus.refused(ErrorCode.FHE_CONTEXT_ERROR, "context_mismatch", alice, "fhe.decrypt", decrypt(aliceContext, inSecond));
    JsonObject released = bus.ok(alice, "fhe.release", new JsonObject().put("context_id", second));
    assertEquals(1, released.getInteger("released"));
    assertTrue(released.getBoolean("context_released"));
    bus.refused(ErrorCode.FORBIDDEN, null, alice, "fhe.decrypt", decrypt(second, inSecond));
  }

  @Test
  void missingKeys() {
    bus.refused(ErrorCode.FHE_COMPUTATION_ERROR, "missing_galois_key", alice, "fhe.compute", compute(aliceContext, "rotate", new JsonObject().put("steps", 3), aliceCiphertext));
    bus.ok(alice, "fhe.compute", compute(aliceContext, "rotate", new JsonObject().put("steps", 1), aliceCiphertext));
    // Keys for step 1 only: an expression that also rotates by 3, or sums slots, is refused before it starts.
    for (String expression : List.of("x * x + rotate(x, 3)", "sum(x * x)", "rotate(x, 1) + sum(x)")) {
      JsonObject polynomial =
          new JsonObject()
              .put("context_id", aliceContext)
              .put("operation", "polynomial")
              .put("parameters", new JsonObject().put("expression", expression).put("variable_mapping", new JsonObject().put("x", aliceCiphertext)));
      bus.refused(ErrorCode.FHE_COMPUTATION_ERROR, "missing_galois_key", alice, "fhe.compute", polynomial);
    }
    bus.refused(ErrorCode.FHE_COMPUTATION_ERROR, "missing_galois_key", alice, "fhe.compute", compute(aliceContext, "sum", new JsonObject(), aliceCiphertext));

    SessionInfo s = WorkerBus.newSession();
    JsonObject setup = bus.ok(s, "fhe.setup", small().put("key_management", "client").putNull("rotations"));
    String client = setup.getString("context_id");
    assertEquals(null, setup.getValue("public_key_id"));
    assertEquals(null, setup.getValue("relin_key_id"));
    assertEquals(null, setup.getValue("galois_key_id"));
    assertEquals(null, setup.getValue("public_key"));
    bus.refused(ErrorCode.FHE_COMPUTATION_ERROR, "missing_public_key", s, "fhe.encrypt", encrypt(client, new double[] {1}));
    String bytes = bus.ok(alice, "fhe.download", decrypt(aliceContext, aliceCiphertext)).getString("ciphertext");
    String uploaded = bus.ok(s, "fhe.upload", new JsonObject().put("context_id", client).put("ciphertext", bytes)).getString("ciphertext_id");
    bus.refused(ErrorCode.FHE_COMPUTATION_ERROR, "missing_relin_keys", s, "fhe.compute", compute(client, "multiply", new JsonObject(), uploaded, uploaded));
    bus.refused(ErrorCode.FHE_COMPUTATION_ERROR, "missing_relin_keys", s, "fhe.compute", compute(client, "square", new JsonObject(), uploaded));
    bus.refused(ErrorCode.FHE_COMPUTATION_ERROR, "missing_galois_key", s, "fhe.compute", compute(client, "sum", new JsonObject(), uploaded));
    bus.refused(ErrorCode.FHE_CONTEXT_ERROR, "secret_key_not_on_server", s, "fhe.decrypt", decrypt(client, uploaded));
    // What needs no key still works.
    bus.ok(s, "fhe.compute", compute(client, "add", new JsonObject(), uploaded, uploaded));
  }

  @Test
  void quotas() {
    SessionInfo s = WorkerBus.newSession();
    // A second deployment would share Addresses.FHE with the first: the limited service is called directly.
    FheWorkers limited = WorkerBus.workers(new FheWorkerConfig(1, new Quotas(1, 2, 16L << 20), RequestLimits.DEFAULT), store());
    String ctx = limited.service().handle(Action.FHE_SETUP, small(), s.sessionId()).getString("context_id");
    assertQuota("contexts", () -> limited.service().handle(Action.FHE_SETUP, small(), s.sessionId()));
    limited.service().handle(Action.FHE_ENCRYPT, encrypt(ctx, new double[] {1}), s.sessionId());
    limited.service().handle(Action.FHE_ENCRYPT, encrypt(ctx, new double[] {1}), s.sessionId());
    assertQuota("ciphertexts", () -> limited.service().handle(Action.FHE_ENCRYPT, encrypt(ctx, new double[] {1}), s.sessionId()));
    SessionInfo t = WorkerBus.newSession();
    assertQuota("bytes", () -> limited.service().handle(Action.FHE_SETUP, WorkerBus.reference(), t.sessionId()));
  }

  private static void assertQuota(String which, Executable action) {
    ProtocolError error = assertThrows(ProtocolException.class, action).error();
    assertEquals(ErrorCode.RATE_LIMIT_EXCEEDED, error.code());
    assertEquals("quota", error.details().getString("reason"));
    assertEquals(which, error.details().getString("quota"));
  }

  @Test
  void sessionEndFreesEverything() throws Exception {
    SessionInfo s = WorkerBus.newSession();
    int before = bus.workers.activeContexts();
    String ctx = bus.ok(s, "fhe.setup", small()).getString("context_id");
    String ct = bus.ok(s, "fhe.encrypt", encrypt(ctx, new double[] {1})).getString("ciphertext_id");
    assertEquals(before + 1, bus.workers.activeContexts());
    bus.endSession(s);
    for (int i = 0; i < 100 && bus.workers.activeContexts() != before; i++) {
      Thread.sleep(20);
    }
    assertEquals(before, bus.workers.activeContexts());
    bus.refused(ErrorCode.FORBIDDEN, null, s, "fhe.decrypt", decrypt(ctx, ct));
  }
}
