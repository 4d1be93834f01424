package io.pqcfhe.fhe.expression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.protocol.ErrorCode;
import io.pqcfhe.protocol.ProtocolError;
import io.pqcfhe.protocol.ProtocolException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExpressionPlannerTest {
  private static final int SLOTS = 8;
  private static final int TOP = 20;
  private static final double SCALE = 0x1p40;
  private static final Set<String> NAMES = Set.of("a", "b", "c", "d", "e", "f", "g", "h", "x");

  private static Expr parse(String text) {
    return ExpressionParser.parse(text, ExpressionLimits.DEFAULT, NAMES::contains);
  }

  private static Plan plan(String text) {
    return plan(text, Collections.emptyMap());
  }

  /** All variables at TOP unless given. */
  private static Plan plan(String text, Map<String, Integer> levels) {
    Expr e = parse(text);
    Map<String, Integer> all = new HashMap<>();
    ExpressionPlanner.variablesOf(e).forEach(v -> all.put(v, levels.getOrDefault(v, TOP)));
    return ExpressionPlanner.plan(e, all);
  }

  private static long count(Plan plan, Class<? extends Step> kind) {
    return plan.instructions().stream().filter(i -> kind.isInstance(i.step())).count();
  }

  private static int ceilLog2(int n) {
    return 32 - Integer.numberOfLeadingZeros(n - 1);
  }

  @Test
  void theReferenceExampleReportsItsPrimitiveOperationsInOrder() {
    Plan plan = plan("a * b + 0.5 * a");
    assertEquals(
        List.of("multiply", "relinearize", "rescale", "multiply_plain", "rescale", "add"), plan.operationsPerformed());
    assertEquals(1, plan.depth());
    assertEquals(TOP - 1, plan.resultLevel());
  }

  @Test
  void powersHaveDepthCeilLog2OfTheExponent() {
    for (int n = 1; n <= 17; n++) {
      Plan plan = plan("x^" + n);
      assertEquals(ceilLog2(n), plan.depth(), "x^" + n);
      assertEquals(TOP - ceilLog2(n), plan.resultLevel(), "x^" + n);
      // Squarings for every bit below the top one, a multiplication per extra set bit.
      int squarings = 31 - Integer.numberOfLeadingZeros(n);
      assertEquals(squarings, count(plan, Step.Square.class), "x^" + n);
      assertEquals(Integer.bitCount(n) - 1, count(plan, Step.Multiply.class), "x^" + n);
      assertValue(plan, "x^" + n);
    }
    assertEquals(6, plan("x^64").depth());
    assertEquals(6, plan("x^63").depth());
  }

  @Test
  void fourthPowerIsTheSquareOfTheSquare() {
    assertEquals(
        List.of("square", "relinearize", "rescale", "square", "relinearize", "rescale"), plan("x^4").operationsPerformed());
  }

  @Test
  void productsAreBalancedByDepth() {
    assertEquals(3, plan("a*b*c*d*e*f*g*h").depth());
    assertEquals(3, plan("a*b*c*d*e").depth());
    assertEquals(2, plan("a*b*c*d").depth());
    assertEquals(3, plan("a^3*b^5").depth()); // total degree 8
    assertEquals(3, plan("x^2*x^3").depth()); // x^5
    assertEquals(2, plan("(a*b)*(c*d)").depth());
    assertEquals(2, plan("((a*b)*c)*d").depth());
  }

  @Test
  void commonSubexpressionsAreComputedOnce() {
    Plan plan = plan("a*b + (a*b)^2");
    assertEquals(1, count(plan, Step.Multiply.class));
    assertEquals(1, count(plan, Step.Square.class));
    assertEquals(2, plan.depth());
    assertValue(plan, "a*b + (a*b)^2");

    Plan commuted = plan("a*b + b*a");
    assertEquals(1, count(commuted, Step.Multiply.class));

    Plan rotations = plan("rotate(a+b, 2) * rotate(b+a, 2)");
    assertEquals(1, count(rotations, Step.Rotate.class));
    assertEquals(1, count(rotations, Step.Add.class));
    assertEquals(1, count(rotations, Step.Square.class));
  }

  @Test
  void smallIntegerConstantsCostNoLevel() {
    assertEquals(0, plan("5*a").depth());
    assertEquals(List.of("multiply_plain"), plan("5*a").operationsPerformed());
    assertEquals(0, plan("2147483647*a").depth());
    assertEquals(0, plan("-2147483647*a").depth());
    assertEquals(1, plan("2147483648*a").depth());
    assertEquals(1, plan("3*a*b").depth());
    assertEquals(1, plan("a*b*7 - 2*a*b").depth());
    assertEquals(1, plan("0.5*a").depth());
  }

  @Test
  void constantsFoldWhenExact() {
    Plan sixA = plan("2*3*a");
    assertEquals(1, sixA.instructions().size());
    assertEquals(new Step.MultiplyInteger(0, 6), sixA.instructions().get(0).step());

    assertEquals(List.of(), plan("a*0.5*2").operationsPerformed());
    assertEquals(0, plan("2*a*3").depth());
    assertEquals(new Step.MultiplyInteger(0, 6), plan("2*a*3").instructions().get(0).step());
    assertEquals(new Step.MultiplyPlain(0, 0.5), plan("0.25*a*2").instructions().get(0).step());
    assertEquals(new Step.MultiplyPlain(0, 0.1 * 0.3), plan("(0.1*0.3)*a").instructions().get(0).step());

    // 0.1 * 0.3 is not exact in double: the factors stay apart (and cost a level each).
    assertEquals(2, plan("a*0.1*0.3").depth());

    assertEquals(List.of(new Step.AddPlain(0, 3)), steps(plan("a + 1 + 2")));
    assertEquals(List.of(new Step.SubPlain(0, 3)), steps(plan("a - 3")));
    assertEquals(List.of(), steps(plan("a + 0")));
    assertEquals(List.of(), steps(plan("1*a")));
    assertEquals(List.of(), steps(plan("--a")));
    assertEquals(List.of(), steps(plan("rotate(a, 0)")));
  }

  @Test
  void signsBecomeSubtractionsWherePossible() {
    assertEquals(List.of(new Step.Sub(0, 1)), steps(plan("a - b")));
    assertEquals(List.of(new Step.Sub(1, 0)), steps(plan("-a + b")));
    assertEquals(List.of(new Step.Add(0, 1), new Step.Negate(2)), steps(plan("-(a + b)")));
    assertEquals(List.of(new Step.Negate(0)), steps(plan("-a")));
    assertEquals(List.of(new Step.MultiplyInteger(0, -2)), steps(plan("-2*a")));
    assertEquals(List.of(new Step.MultiplyPlain(0, -0.5)), steps(plan("-(0.5*a)")));
    assertEquals(List.of(new Step.MultiplyInteger(1, 2), new Step.Sub(0, 2)), steps(plan("a - 2*b")));
  }

  @Test
  void operandsMeetingAtDifferentLevelsAreAlignedOntoTheLowerLevelAndScale() {
    Plan plan = plan("x^2 + x");
    assertEquals(
        List.of("square", "relinearize", "rescale", "multiply_plain", "rescale", "add"), plan.operationsPerformed());
    assertEquals(new Step.MatchScale(0, 1), plan.instructions().get(1).step());
    assertValue(plan, "x^2 + x");

    Plan deeper = plan("x^4 + x");
    assertEquals(new Step.ModSwitch(0, TOP - 1), deeper.instructions().get(2).step());
    assertEquals(new Step.MatchScale(3, 2), deeper.instructions().get(3).step());
    assertValue(deeper, "x^4 + x");

    // x^3 = x^2 * x: x is aligned, then multiplied; a fractional constant goes to the highest leaf instead.
    assertEquals(2, plan("x^3").depth());
    Plan halfCube = plan("0.5*x^3");
    assertEquals(2, halfCube.depth());
    assertEquals(0, count(halfCube, Step.MatchScale.class));
    assertValue(halfCube, "0.5*x^3");
  }

  @Test
  void sumsAddTermsAtTheSameLevelBeforeAligning() {
    Plan plan = plan("x^4 + a + b");
    assertEquals(1, count(plan, Step.MatchScale.class));
    assertEquals(1, count(plan, Step.ModSwitch.class));
    assertValue(plan, "x^4 + a + b");
  }

  @Test
  void operandsAtDifferentLevelsArePlannedForTheirLevels() {
    Plan plan = plan("a * b", Map.of("a", 5, "b", 2));
    assertEquals(List.of("mod_switch", "multiply_plain", "rescale", "multiply", "relinearize", "rescale"), plan.operationsPerformed());
    assertEquals(1, plan.resultLevel());
    assertEquals(Map.of("a", 1, "b", 1), plan.requiredLevels());

    // The low operand should be multiplied last: a*b*c with c two levels lower keeps one level more.
    Plan greedy = plan("c*a*b", Map.of("a", 6, "b", 6, "c", 4));
    assertEquals(3, greedy.resultLevel());
    assertValue(greedy, "c*a*b");
  }

  @Test
  void insufficientLevelsAreRefusedBeforeAnyWork() {
    Plan plan = plan("x^4 + a", Map.of("x", 1, "a", 5));
    assertFalse(plan.isFeasible());
    assertEquals(Map.of("x", 2, "a", 0), plan.requiredLevels());
    PlainBackend backend = PlainBackend.withPrimes(SLOTS, TOP, 40);
    Map<String, PlainCiphertext> operands =
        Map.of(
            "x", backend.encrypt(new double[] {1}, 1, backend.canonicalScale(SCALE, 1)),
            "a", backend.encrypt(new double[] {1}, 5, backend.canonicalScale(SCALE, 5)));
    ProtocolException e = assertThrows(ProtocolException.class, () -> PlanExecutor.execute(plan, operands, backend));
    ProtocolError error = e.error();
    assertEquals(ErrorCode.NOISE_BUDGET_EXHAUSTED, error.code());
    assertEquals("insufficient_level", error.details().getString("reason"));
    assertEquals("x", error.details().getString("variable"));
    assertEquals(1, error.details().getInteger("level"));
    assertEquals(2, error.details().getInteger("required_level"));
    assertEquals(0, backend.operations(), "nothing was computed");

    Plan exact = plan("x^2", Map.of("x", 1));
    assertTrue(exact.isFeasible());
    assertEquals(0, exact.resultLevel());
  }

  @Test
  void theReferenceBackendRefusesAMultiplicationAtLevelZero() {
    PlainBackend backend = PlainBackend.withPrimes(SLOTS, TOP, 40);
    PlainCiphertext last = backend.encrypt(new double[] {1}, 0, SCALE);
    ProtocolException e = assertThrows(ProtocolException.class, () -> backend.multiply(last, last));
    assertEquals(ErrorCode.NOISE_BUDGET_EXHAUSTED, e.error().code());
  }

  @Test
  void keysNeededAreKnownBeforeStarting() {
    Plan plan = plan("rotate(a, 3) + rotate(a, -1) + sum(a)");
    assertEquals(Set.of(-1, 3), plan.rotationSteps());
    assertTrue(plan.usesSlotSum());
    assertFalse(plan.usesRelinearization());
    assertTrue(plan("a*b").usesRelinearization());
    assertFalse(plan("2*a + 0.5*b").usesRelinearization());
  }

  @Test
  void aBareVariableIsItsOwnResult() {
    Plan plan = plan("a");
    PlainBackend backend = PlainBackend.withPrimes(SLOTS, TOP, 40);
    PlainCiphertext a = backend.encrypt(new double[] {1, 2}, TOP, SCALE);
    assertSame(a, PlanExecutor.execute(plan, Map.of("a", a), backend));
  }

  @Test
  void executionRefusesOperandsAtOtherLevelsThanPlanned() {
    Plan plan = plan("a*b");
    PlainBackend backend = PlainBackend.withPrimes(SLOTS, TOP, 40);
    PlainCiphertext low = backend.encrypt(new double[] {1}, 3, SCALE);
    assertThrows(IllegalArgumentException.class, () -> PlanExecutor.execute(plan, Map.of("a", low, "b", low), backend));
    assertThrows(IllegalArgumentException.class, () -> PlanExecutor.execute(plan, Map.of("a", low), backend));
  }

  @Test
  void rotationAndSumFollowSeal() {
    Plan plan = plan("rotate(a, 1) + sum(b)");
    PlainBackend backend = PlainBackend.withPrimes(4, TOP, 40);
    PlainCiphertext a = backend.encrypt(new double[] {1, 2, 3, 4}, TOP, SCALE);
    PlainCiphertext b = backend.encrypt(new double[] {1, 1, 1, 2}, TOP, SCALE);
    assertArrayEquals(new double[] {7, 8, 9, 6}, PlanExecutor.execute(plan, Map.of("a", a, "b", b), backend).slots());
  }

  @Test
  void expressionsAtTheLimitsPlanAndRun() {
    // 512 factors: one exponent after flattening, depth log2(512) = 9, nine squarings.
    String product = "a" + "*a".repeat(511);
    Plan power = plan(product);
    assertEquals(9, power.depth());
    assertEquals(9, power.instructions().size());

    // 512 alternating terms of distinct products: a long sum whose terms are all at one level.
    StringBuilder sum = new StringBuilder("a*b");
    for (int i = 1; i < 256; i++) {
      sum.append(i % 2 == 0 ? " + " : " - ").append(i % 3 == 0 ? "a*c" : "b*c");
    }
    assertValue(plan(sum.toString()), sum.toString());

    // Nesting at its limit, through calls and parentheses.
    String nested = "sum(rotate(".repeat(21) + "(a*b)" + ", 1))".repeat(21);
    Plan deep = plan(nested);
    assertEquals(1, deep.depth());
    assertValue(deep, nested);
  }

  @Test
  void handBuiltTreesWithoutVariablesAreRefused() {
    Map<String, Integer> none = Map.of();
    assertThrows(ExpressionException.class, () -> ExpressionPlanner.plan(new Expr.Num(3), none));
    assertThrows(
        ExpressionException.class,
        () -> ExpressionPlanner.plan(new Expr.Add(new Expr.Var("a"), new Expr.Sum(new Expr.Num(1))), Map.of("a", 3)));
    assertThrows(IllegalArgumentException.class, () -> ExpressionPlanner.plan(new Expr.Var("a"), none));
  }

  @Test
  void anOverflowingConstantSubexpressionIsRefused() {
    ExpressionException e = assertThrows(ExpressionException.class, () -> plan("1e300*1e300*a"));
    assertEquals(ExpressionException.Reason.INVALID_EXPRESSION, e.reason());
    assertEquals("a constant subexpression overflows at position 0", e.getMessage());
    assertThrows(ExpressionException.class, () -> plan("a + 10^64^1 * 1e300^2"));
  }

  private static List<Step> steps(Plan plan) {
    return plan.instructions().stream().map(Instruction::step).toList();
  }

  /** Executes with canonical-scale operands on the reference backend and compares with direct evaluation. */
  static void assertValue(Plan plan, String text) {
    PlainBackend backend = PlainBackend.withPrimes(SLOTS, TOP, 40);
    Map<String, PlainCiphertext> operands = new HashMap<>();
    Map<String, double[]> clear = new HashMap<>();
    int seed = 1;
    for (String v : plan.variables()) {
      double[] values = new double[SLOTS];
      for (int i = 0; i < SLOTS; i++) {
        values[i] = Math.sin(seed++ * 1.7) * 1.3;
      }
      int level = plan.inputLevels().get(v);
      operands.put(v, backend.encrypt(values, level, backend.canonicalScale(SCALE, level)));
      clear.put(v, values);
    }
    PlainCiphertext result = PlanExecutor.execute(plan, operands, backend);
    assertEquals(plan.resultLevel(), result.level(), text);
    assertEquals(backend.canonicalScale(SCALE, result.level()), result.scale(), 1e-9 * result.scale(), text);
    double[] expected = ReferenceEvaluator.evaluate(parse(text), clear, SLOTS);
    double[] actual = result.slots();
    for (int i = 0; i < SLOTS; i++) {
      assertEquals(expected[i], actual[i], 1e-9 * (1 + Math.abs(expected[i])), text + " slot " + i);
    }
  }
}
