package io.pqcfhe.fhe.verticle;

import static io.pqcfhe.fhe.verticle.WorkerBus.assertClose;
import static io.pqcfhe.fhe.verticle.WorkerBus.compute;
import static io.pqcfhe.fhe.verticle.WorkerBus.decrypt;
import static io.pqcfhe.fhe.verticle.WorkerBus.encrypt;
import static io.pqcfhe.fhe.verticle.WorkerBus.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.protocol.SessionInfo;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Arrays;
import java.util.Base64;
import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The reference flow and every operation of §6 in server key mode, against plain arithmetic. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerKeyModeTest {
  /** Where the workers keep their state: overridden by the run of these tests on the shared store. */
  WorkerBus.Store store() {
    return WorkerBus.Store.IN_MEMORY;
  }

  private static final int COUNT = 64;
  private static final double TOLERANCE = 1e-4;

  private WorkerBus bus;
  private SessionInfo session;
  private JsonObject setup;
  private String ctx;
  private final double[] x = random(1);
  private final double[] y = random(2);
  private String cx;
  private String cy;

  @BeforeAll
  void deploy(Vertx vertx) {
    bus = WorkerBus.deploy(vertx, store());
    session = WorkerBus.newSession();
    setup = bus.ok(session, "fhe.setup", WorkerBus.reference());
    ctx = setup.getString("context_id");
    cx = bus.ok(session, "fhe.encrypt", encrypt(ctx, x)).getString("ciphertext_id");
    cy = bus.ok(session, "fhe.encrypt", encrypt(ctx, y)).getString("ciphertext_id");
  }

  @Test
  void setupAnswersEveryField() {
    assertEquals(2, setup.getInteger("max_depth"));
    assertEquals(4096, setup.getInteger("slot_count"));
    String parmsId = setup.getString("parms_id");
    assertEquals(64, parmsId.length());
    assertTrue(parmsId.startsWith("e2a8dd3f") && parmsId.endsWith("08c5dd"), parmsId);
    assertEquals("server", setup.getString("key_management"));
    for (String id : new String[] {"context_id", "public_key_id", "relin_key_id", "galois_key_id"}) {
      assertNotNull(setup.getString(id), id);
    }
    byte[] publicKey = Base64.getDecoder().decode(setup.getString("public_key"));
    assertEquals((byte) 0x5E, publicKey[0]);
    assertEquals((byte) 0xA1, publicKey[1]);
  }

  @Test
  void setupCompressesThePublicKeyWhenAsked() {
    SessionInfo s = WorkerBus.newSession();
    JsonObject compressed = bus.ok(s, "fhe.setup", WorkerBus.reference().put("compression", "zstd"));
    byte[] key = Base64.getDecoder().decode(compressed.getString("public_key"));
    int uncompressedLength = Base64.getDecoder().decode(setup.getString("public_key")).length;
    assertEquals(2, key[5], "zstd compr_mode in the SEAL header");
    assertTrue(key.length < uncompressedLength, key.length + " vs " + uncompressedLength);
    // It loads: a client-mode context takes it as its public key and encrypts under it.
    String clientContext = bus.ok(s, "fhe.setup", WorkerBus.reference().put("key_management", "client")
        .put("public_key", compressed.getString("public_key"))).getString("context_id");
    assertNotNull(bus.ok(s, "fhe.encrypt", encrypt(clientContext, x)).getString("ciphertext_id"));
  }

  @Test
  void referenceFlow() {
    SessionInfo s = WorkerBus.newSession();
    String c = bus.ok(s, "fhe.setup", WorkerBus.reference()).getString("context_id");
    double[] a = {1.5, 2.3, 4.7, 8.1};
    double[] b = {0.5, -1.25, 2.0, 3.0};
    JsonObject ea = bus.ok(s, "fhe.encrypt", encrypt(c, a));
    assertEquals(99, ea.getInteger("noise_budget"));
    assertEquals(2, ea.getInteger("level"));
    assertEquals(Math.pow(2, 40), ea.getDouble("scale"));
    assertEquals(393_329, ea.getInteger("size_bytes"));
    assertEquals(393_329, Base64.getDecoder().decode(ea.getString("ciphertext")).length);
    String eb = bus.ok(s, "fhe.encrypt", encrypt(c, b)).getString("ciphertext_id");
    JsonObject result =
        bus.ok(
            s,
            "fhe.compute",
            new JsonObject()
                .put("context_id", c)
                .put("operation", "polynomial")
                .put("operands", new JsonArray().add(ea.getString("ciphertext_id")).add(eb))
                .put(
                    "parameters",
                    new JsonObject()
                        .put("expression", "a * b + 0.5 * a")
                        .put("variable_mapping", new JsonObject().put("a", ea.getString("ciphertext_id")).put("b", eb))));
    assertEquals(
        new JsonArray().add("multiply").add("relinearize").add("rescale").add("multiply_plain").add("rescale").add("add"),
        result.getJsonArray("operations_performed"));
    assertEquals(1, result.getInteger("remaining_depth"));
    assertEquals(1, result.getInteger("level"));
    assertNotNull(result.getString("result_ciphertext"));
    assertTrue(result.getInteger("noise_budget") < 99 && result.getInteger("noise_budget") > 0);
    assertTrue(result.getDouble("computation_time_ms") >= 0);
    JsonObject decrypted = bus.ok(s, "fhe.decrypt", decrypt(c, result.getString("result_ciphertext_id")));
    double[] expected = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      expected[i] = a[i] * b[i] + 0.5 * a[i];
    }
    assertClose(expected, values(decrypted), TOLERANCE);
    assertTrue(decrypted.getInteger("precision_bits") >= 10, decrypted::toString);
  }

  @Test
  void addSubNegate() {
    check("add", new JsonObject(), (a, b) -> a + b, cx, cy);
    check("sub", new JsonObject(), (a, b) -> a - b, cx, cy);
    check("negate", new JsonObject(), a -> -a, cx);
  }

  @Test
  void plainOperations() {
    check("add_plain", new JsonObject().put("plain", 1.25), a -> a + 1.25, cx);
    check("sub_plain", new JsonObject().put("plain", 0.75), a -> a - 0.75, cx);
    check("multiply_plain", new JsonObject().put("plain", 0.5), a -> a * 0.5, cx);
    check("multiply_plain", new JsonObject().put("plain", 3), a -> a * 3, cx);
    JsonArray vector = new JsonArray();
    double[] v = random(3);
    Arrays.stream(v).forEach(vector::add);
    double[] expected = new double[COUNT];
    for (int i = 0; i < COUNT; i++) {
      expected[i] = x[i] * v[i];
    }
    assertClose(expected, run("multiply_plain", new JsonObject().put("plain", vector), cx), TOLERANCE);
    for (int i = 0; i < COUNT; i++) {
      expected[i] = x[i] + v[i];
    }
    assertClose(expected, run("add_plain", new JsonObject().put("plain", vector), cx), TOLERANCE);
  }

  @Test
  void multiplications() {
    check("multiply", new JsonObject(), (a, b) -> a * b, cx, cy);
    check("square", new JsonObject(), a -> a * a, cx);
    JsonObject unscaled = bus.ok(session, "fhe.compute", compute(ctx, "multiply", new JsonObject().put("rescale", false), cx, cy));
    assertEquals(2, unscaled.getInteger("level"));
    assertEquals(Math.pow(2, 80), unscaled.getDouble("scale"));
    assertEquals(new JsonArray().add("multiply").add("relinearize"), unscaled.getJsonArray("operations_performed"));
    JsonObject rescaled =
        bus.ok(session, "fhe.compute", compute(ctx, "rescale", new JsonObject(), unscaled.getString("result_ciphertext_id")));
    assertEquals(1, rescaled.getInteger("level"));
    double[] expected = new double[COUNT];
    for (int i = 0; i < COUNT; i++) {
      expected[i] = x[i] * y[i];
    }
    assertClose(expected, decrypted(rescaled.getString("result_ciphertext_id"), COUNT), TOLERANCE);
    JsonObject relin =
        bus.ok(session, "fhe.compute", compute(ctx, "relinearize", new JsonObject(), rescaled.getString("result_ciphertext_id")));
    assertClose(expected, decrypted(relin.getString("result_ciphertext_id"), COUNT), TOLERANCE);
  }

  @Test
  void rotationsAndSum() {
    for (int steps : new int[] {1, -1, 3, 100, -77}) {
      JsonObject r = bus.ok(session, "fhe.compute", compute(ctx, "rotate", new JsonObject().put("steps", steps), cx));
      double[] slots = decrypted(r.getString("result_ciphertext_id"), 4096);
      for (int i = 0; i < 4096; i++) {
        int from = Math.floorMod(i + steps, 4096);
        double expected = from < COUNT ? x[from] : 0;
        assertEquals(expected, slots[i], TOLERANCE, "rotate " + steps + " slot " + i);
      }
    }
    JsonObject sum = bus.ok(session, "fhe.compute", compute(ctx, "sum", new JsonObject(), cx));
    double total = Arrays.stream(x).sum();
    double[] slots = decrypted(sum.getString("result_ciphertext_id"), 4096);
    for (double slot : slots) {
      assertEquals(total, slot, 1e-3);
    }
  }

  @Test
  void polynomialWithRotationAndPowers() {
    JsonObject r =
        bus.ok(
            session,
            "fhe.compute",
            new JsonObject()
                .put("context_id", ctx)
                .put("operation", "polynomial")
                .put(
                    "parameters",
                    new JsonObject()
                        .put("expression", "x^2 - 2*y + rotate(x, 1)")
                        .put("variable_mapping", new JsonObject().put("x", cx).put("y", cy))));
    double[] slots = decrypted(r.getString("result_ciphertext_id"), COUNT - 1);
    double[] expected = new double[COUNT - 1];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = x[i] * x[i] - 2 * y[i] + x[i + 1];
    }
    assertClose(expected, slots, TOLERANCE);
  }

  @Test
  void uploadDownloadAndRelease() {
    JsonObject download = bus.ok(session, "fhe.download", new JsonObject().put("context_id", ctx).put("ciphertext_id", cx).put("compression", "zstd"));
    byte[] bytes = Base64.getDecoder().decode(download.getString("ciphertext"));
    assertEquals(bytes.length, download.getInteger("size_bytes"));
    assertEquals(2, bytes[5], "zstd compr_mode in the SEAL header");
    JsonObject upload = bus.ok(session, "fhe.upload", new JsonObject().put("context_id", ctx).put("ciphertext", download.getString("ciphertext")));
    assertEquals(2, upload.getInteger("level"));
    assertEquals(393_329, upload.getInteger("size_bytes"));
    String copy = upload.getString("ciphertext_id");
    assertClose(Arrays.copyOf(x, COUNT), decrypted(copy, COUNT), TOLERANCE);
    JsonObject released =
        bus.ok(session, "fhe.release", new JsonObject().put("context_id", ctx).put("ciphertext_ids", new JsonArray().add(copy).add("ct-unknown")));
    assertEquals(1, released.getInteger("released"));
    assertFalse(released.getBoolean("context_released"));
    bus.refused(io.pqcfhe.protocol.ErrorCode.FORBIDDEN, null, session, "fhe.decrypt", decrypt(ctx, copy));
  }

  @Test
  void encryptWithoutCiphertextStillReportsItsSize() {
    JsonObject e = bus.ok(session, "fhe.encrypt", encrypt(ctx, new double[] {1, 2}).put("include_ciphertext", false).put("compression", "zlib"));
    assertNull(e.getValue("ciphertext"));
    assertTrue(e.getInteger("size_bytes") > 0 && e.getInteger("size_bytes") < 393_329);
    assertEquals(2, values(bus.ok(session, "fhe.decrypt", decrypt(ctx, e.getString("ciphertext_id")))).length);
  }

  @Test
  void degree16384WithDepthFour() {
    SessionInfo s = WorkerBus.newSession();
    JsonObject big =
        bus.ok(
            s,
            "fhe.setup",
            WorkerBus.setup(16384, new JsonArray().add(60).add(40).add(40).add(40).add(40).add(60)).put("rotations", new JsonArray().add(1)));
    assertEquals(4, big.getInteger("max_depth"));
    assertEquals(8192, big.getInteger("slot_count"));
    String c = big.getString("context_id");
    String x = bus.ok(s, "fhe.encrypt", encrypt(c, new double[] {1.1, -0.9, 0.5})).getString("ciphertext_id");
    JsonObject r =
        bus.ok(
            s,
            "fhe.compute",
            new JsonObject()
                .put("context_id", c)
                .put("operation", "polynomial")
                .put("parameters", new JsonObject().put("expression", "x^8 + rotate(x, 1)").put("variable_mapping", new JsonObject().put("x", x))));
    assertEquals(1, r.getInteger("level"));
    double[] expected = {Math.pow(1.1, 8) - 0.9, Math.pow(-0.9, 8) + 0.5, Math.pow(0.5, 8)};
    // A rotation moves values in from other slots: the result's length is no longer known, so it is asked for.
    JsonObject decrypted = bus.ok(s, "fhe.decrypt", decrypt(c, r.getString("result_ciphertext_id")).put("expected_size", 3));
    assertClose(expected, values(decrypted), TOLERANCE);
    bus.endSession(s);
  }

  private void check(String operation, JsonObject parameters, DoubleBinaryOperator f, String a, String b) {
    double[] expected = new double[COUNT];
    for (int i = 0; i < COUNT; i++) {
      expected[i] = f.applyAsDouble(x[i], y[i]);
    }
    assertClose(expected, run(operation, parameters, a, b), TOLERANCE);
  }

  private void check(String operation, JsonObject parameters, DoubleUnaryOperator f, String a) {
    double[] expected = new double[COUNT];
    for (int i = 0; i < COUNT; i++) {
      expected[i] = f.applyAsDouble(x[i]);
    }
    assertClose(expected, run(operation, parameters, a), TOLERANCE);
  }

  private double[] run(String operation, JsonObject parameters, String... operands) {
    JsonObject r = bus.ok(session, "fhe.compute", compute(ctx, operation, parameters, operands));
    assertEquals(r.getInteger("level"), r.getInteger("remaining_depth"));
    assertFalse(r.containsKey("result_ciphertext"));
    assertTrue(r.getInteger("size_bytes") > 0);
    return decrypted(r.getString("result_ciphertext_id"), COUNT);
  }

  private double[] decrypted(String ciphertextId, int count) {
    return values(bus.ok(session, "fhe.decrypt", decrypt(ctx, ciphertextId).put("expected_size", count)));
  }

  private static double[] random(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] v = new double[COUNT];
    for (int i = 0; i < COUNT; i++) {
      v[i] = r.nextDouble(-2, 2);
    }
    return v;
  }
}
