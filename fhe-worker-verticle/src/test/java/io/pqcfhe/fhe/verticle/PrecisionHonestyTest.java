package io.pqcfhe.fhe.verticle;

import static io.pqcfhe.fhe.verticle.WorkerBus.compute;
import static io.pqcfhe.fhe.verticle.WorkerBus.decrypt;
import static io.pqcfhe.fhe.verticle.WorkerBus.encrypt;
import static io.pqcfhe.fhe.verticle.WorkerBus.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.fhe.SetupPayloads;
import io.pqcfhe.protocol.SessionInfo;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code precision_bits} must never promise more than the decryption delivers: over many random inputs
 * and computations, it is checked against the measured precision (−log2 of the largest absolute error).
 * {@code noise_budget} is checked against its definition on SEAL's primes.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrecisionHonestyTest {
  /** Where the workers keep their state: overridden by the run of these tests on the shared store. */
  WorkerBus.Store store() {
    return WorkerBus.Store.IN_MEMORY;
  }

  /** SEAL's primes for N = 8192, [60, 40, 40, 60] (as SEAL's CoeffModulus::Create picks them), data primes only. */
  private static final double[] PRIMES = {1152921504606748673.0, 1099510890497.0, 1099511480321.0};
  private static final int RUNS = 12;

  private WorkerBus bus;
  private SessionInfo session;
  private String ctx;
  private String smallCtx;

  @BeforeAll
  void deploy(Vertx vertx) {
    bus = WorkerBus.deploy(vertx, store());
    session = WorkerBus.newSession();
    ctx = bus.ok(session, "fhe.setup", WorkerBus.reference()).getString("context_id");
    smallCtx = bus.ok(session, "fhe.setup", SetupPayloads.small().putNull("rotations")).getString("context_id");
  }

  private record Case(String name, BiFunction<double[], double[], double[]> plain, JsonObject compute) {}

  @Test
  void precisionBitsIsALowerBoundOfTheMeasuredPrecision() {
    checkPrecision(ctx, 4096, RUNS);
  }

  /** N = 4096 [30, 24, 24, 30] at scale 2^24: little headroom, the noise terms dominate. */
  @Test
  void precisionBitsIsALowerBoundAtSmallParametersToo() {
    checkPrecision(smallCtx, 2048, RUNS / 2);
  }

  private void checkPrecision(String ctx, int count, int runs) {
    Map<String, Integer> margins = new TreeMap<>();
    SplittableRandom random = new SplittableRandom(2026);
    int worstMargin = Integer.MAX_VALUE;
    int checks = 0;
    for (int run = 0; run < runs; run++) {
      double bound = new double[] {1, 4, 16}[run % 3];
      double[] x = random(random, bound, count);
      double[] y = random(random, bound, count);
      String cx = bus.ok(session, "fhe.encrypt", encrypt(ctx, x).put("include_ciphertext", false)).getString("ciphertext_id");
      String cy = bus.ok(session, "fhe.encrypt", encrypt(ctx, y).put("include_ciphertext", false)).getString("ciphertext_id");
      Case[] cases = {
        new Case("fresh", (a, b) -> a, null),
        new Case("add", (a, b) -> map(a, b, (p, q) -> p + q), compute(ctx, "add", new JsonObject(), cx, cy)),
        new Case("multiply", (a, b) -> map(a, b, (p, q) -> p * q), compute(ctx, "multiply", new JsonObject(), cx, cy)),
        new Case("square", (a, b) -> map(a, b, (p, q) -> p * p), compute(ctx, "square", new JsonObject(), cx)),
        new Case("multiply_plain", (a, b) -> map(a, b, (p, q) -> p * 0.3), compute(ctx, "multiply_plain", new JsonObject().put("plain", 0.3), cx)),
        new Case("rotate 5", (a, b) -> rotate(a, 5), compute(ctx, "rotate", new JsonObject().put("steps", 5), cx)),
        new Case("rotate -1", (a, b) -> rotate(a, -1), compute(ctx, "rotate", new JsonObject().put("steps", -1), cx)),
        new Case("rotate 1000", (a, b) -> rotate(a, 1000), compute(ctx, "rotate", new JsonObject().put("steps", 1000), cx)),
        new Case("sum", (a, b) -> sum(a), compute(ctx, "sum", new JsonObject(), cx)),
        new Case("a*b + 0.5*a", (a, b) -> map(a, b, (p, q) -> p * q + 0.5 * p), polynomial(ctx, "x * y + 0.5 * x", cx, cy)),
        new Case("x^3 - 2*y", (a, b) -> map(a, b, (p, q) -> p * p * p - 2 * q), polynomial(ctx, "x^3 - 2*y", cx, cy)),
      };
      for (Case c : cases) {
        String id = c.compute() == null ? cx : bus.ok(session, "fhe.compute", c.compute()).getString("result_ciphertext_id");
        JsonObject decrypted = bus.ok(session, "fhe.decrypt", decrypt(ctx, id).put("expected_size", count));
        double[] expected = c.plain().apply(x, y);
        double measured = measuredBits(expected, values(decrypted));
        int promised = decrypted.getInteger("precision_bits");
        assertTrue(
            promised <= measured,
            () -> c.name() + " (|x| < " + bound + "): precision_bits " + promised + " > measured " + measured);
        worstMargin = Math.min(worstMargin, (int) Math.floor(measured) - promised);
        margins.merge(c.name(), (int) Math.floor(measured) - promised, Math::min);
        checks++;
      }
    }
    System.out.printf(
        "precision_bits checked %d times at %d slots; smallest margin below the measured precision: %d bits%n",
        checks, count, worstMargin);
    System.out.println("smallest margin per computation (bits): " + margins);
  }

  @Test
  void noiseBudgetFollowsItsDefinition() {
    String fresh = bus.ok(session, "fhe.encrypt", encrypt(ctx, new double[] {1, 2})).getString("ciphertext_id");
    JsonObject once = bus.ok(session, "fhe.compute", compute(ctx, "square", new JsonObject(), fresh));
    JsonObject twice = bus.ok(session, "fhe.compute", compute(ctx, "square", new JsonObject(), once.getString("result_ciphertext_id")));
    for (JsonObject answer : new JsonObject[] {once, twice}) {
      int level = answer.getInteger("level");
      double bits = 0;
      for (int i = 0; i <= level; i++) {
        bits += Math.log(PRIMES[i]) / Math.log(2);
      }
      int expected = (int) Math.floor(bits - Math.log(answer.getDouble("scale")) / Math.log(2));
      assertEquals(expected, answer.getInteger("noise_budget"), answer::toString);
    }
    assertEquals(59, once.getInteger("noise_budget"));
    assertEquals(19, twice.getInteger("noise_budget"));
  }

  private static JsonObject polynomial(String ctx, String expression, String cx, String cy) {
    return new JsonObject()
        .put("context_id", ctx)
        .put("operation", "polynomial")
        .put("include_ciphertext", false)
        .put("parameters", new JsonObject().put("expression", expression).put("variable_mapping", new JsonObject().put("x", cx).put("y", cy)));
  }

  private static double measuredBits(double[] expected, double[] actual) {
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
    }
    return worst == 0 ? 53 : -Math.log(worst) / Math.log(2);
  }

  private static double[] random(SplittableRandom random, double bound, int count) {
    double[] v = new double[count];
    for (int i = 0; i < count; i++) {
      v[i] = random.nextDouble(-bound, bound);
    }
    return v;
  }

  private static double[] map(double[] a, double[] b, DoubleBinaryOperator f) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = f.applyAsDouble(a[i], b[i]);
    }
    return out;
  }

  private static double[] rotate(double[] a, int steps) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[Math.floorMod(i + steps, a.length)];
    }
    return out;
  }

  private static double[] sum(double[] a) {
    double total = 0;
    for (double v : a) {
      total += v;
    }
    double[] out = new double[a.length];
    Arrays.fill(out, total);
    return out;
  }
}
