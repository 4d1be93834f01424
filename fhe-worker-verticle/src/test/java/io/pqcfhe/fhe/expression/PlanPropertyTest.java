package io.pqcfhe.fhe.expression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Random expressions: the plan run on the reference backend equals the direct evaluation of the tree,
 * lands at the level it predicts, and its depth lies between the degree bound and the naive depth.
 */
class PlanPropertyTest {
  private static final int SLOTS = 8;
  private static final int TOP = 30;
  private static final double SCALE = 0x1p40;
  private static final List<String> VARIABLES = List.of("a", "b", "c");
  private static final double[] CONSTANTS = {0, 1, -1, 2, 3, -4, 7, 0.5, -0.25, 0.1, 1e-2, 1.5, 12345};

  @Test
  void plansAgreeWithDirectEvaluationAtUniformLevels() {
    Random random = new Random(20261126);
    for (int n = 0; n < 500; n++) {
      Expr e = randomExpression(random);
      Map<String, Integer> levels = new HashMap<>();
      ExpressionPlanner.variablesOf(e).forEach(v -> levels.put(v, TOP));
      Plan plan = check(e, levels, random);
      String text = e.toString();
      assertTrue(plan.depth() <= naiveDepth(e), text + ": depth " + plan.depth() + " > naive " + naiveDepth(e));
      int degree = degree(e);
      if (degree > 0) {
        assertTrue(plan.depth() >= ceilLog2(degree), text + ": depth below the degree bound");
      }
    }
  }

  @Test
  void plansAgreeWithDirectEvaluationAtMixedLevels() {
    Random random = new Random(42);
    for (int n = 0; n < 300; n++) {
      Expr e = randomExpression(random);
      Map<String, Integer> levels = new HashMap<>();
      ExpressionPlanner.variablesOf(e).forEach(v -> levels.put(v, 12 + random.nextInt(TOP - 11)));
      check(e, levels, random);
    }
  }

  @Test
  void renderedExpressionsParseBackToTheSameTree() {
    Random random = new Random(7);
    for (int n = 0; n < 300; n++) {
      Expr e = randomExpression(random);
      assertEquals(e, ExpressionParser.parse(e.toString(), ExpressionLimits.DEFAULT, Set.copyOf(VARIABLES)::contains));
    }
  }

  private static Plan check(Expr e, Map<String, Integer> levels, Random random) {
    String text = e.toString();
    Plan plan = ExpressionPlanner.plan(e, levels);
    PlainBackend backend = PlainBackend.withPrimes(SLOTS, TOP, 40);
    Map<String, PlainCiphertext> operands = new HashMap<>();
    Map<String, double[]> clear = new HashMap<>();
    Map<String, double[]> magnitudes = new HashMap<>();
    for (String v : plan.variables()) {
      double[] values = new double[SLOTS];
      double[] abs = new double[SLOTS];
      for (int i = 0; i < SLOTS; i++) {
        values[i] = random.nextDouble() * 3 - 1.5;
        abs[i] = Math.abs(values[i]);
      }
      int level = levels.get(v);
      operands.put(v, backend.encrypt(values, level, backend.canonicalScale(SCALE, level)));
      clear.put(v, values);
      magnitudes.put(v, abs);
    }

    int predicted =
        plan.variables().stream().mapToInt(v -> levels.get(v) - plan.requiredLevels().get(v)).min().orElseThrow();
    assertEquals(predicted, plan.resultLevel(), text);
    if (!plan.isFeasible()) {
      return plan;
    }
    PlainCiphertext result = PlanExecutor.execute(plan, operands, backend);
    assertEquals(plan.resultLevel(), result.level(), text);

    double[] expected = ReferenceEvaluator.evaluate(e, clear, SLOTS);
    double[] bound = ReferenceEvaluator.evaluate(absolute(e), magnitudes, SLOTS);
    double[] actual = result.slots();
    for (int i = 0; i < SLOTS; i++) {
      assertEquals(expected[i], actual[i], 1e-12 * (1 + bound[i]) * 64, text + " slot " + i + "\n" + plan);
    }
    return plan;
  }

  private static Expr randomExpression(Random random) {
    Expr e = generate(random, 4);
    return ExpressionParser.usesVariable(e) ? e : new Expr.Mul(e, new Expr.Var("a"));
  }

  private static Expr generate(Random random, int depth) {
    if (depth == 0 || random.nextInt(10) < 3) {
      return random.nextInt(10) < 7
          ? new Expr.Var(VARIABLES.get(random.nextInt(VARIABLES.size())))
          : literal(CONSTANTS[random.nextInt(CONSTANTS.length)]);
    }
    return switch (random.nextInt(9)) {
      case 0, 1 -> new Expr.Add(generate(random, depth - 1), generate(random, depth - 1));
      case 2 -> new Expr.Sub(generate(random, depth - 1), generate(random, depth - 1));
      case 3, 4 -> new Expr.Mul(generate(random, depth - 1), generate(random, depth - 1));
      case 5 -> new Expr.Neg(generate(random, depth - 1));
      case 6 -> new Expr.Pow(generate(random, depth - 1), 1 + random.nextInt(4));
      case 7 -> new Expr.Rotate(withVariable(random, depth), random.nextInt(7) - 3);
      default -> new Expr.Sum(withVariable(random, depth));
    };
  }

  /** Literals are never negative in the language: a negative constant is a negated literal. */
  private static Expr literal(double c) {
    return c < 0 ? new Expr.Neg(new Expr.Num(-c)) : new Expr.Num(c);
  }

  private static Expr withVariable(Random random, int depth) {
    Expr e = generate(random, depth - 1);
    return ExpressionParser.usesVariable(e) ? e : new Expr.Var("b");
  }

  /** The same tree with every sign made positive: bounds the magnitudes met while evaluating. */
  private static Expr absolute(Expr e) {
    if (e instanceof Expr.Num n) return new Expr.Num(Math.abs(n.value()));
    if (e instanceof Expr.Var) return e;
    if (e instanceof Expr.Neg n) return absolute(n.operand());
    if (e instanceof Expr.Add a) return new Expr.Add(absolute(a.left()), absolute(a.right()));
    if (e instanceof Expr.Sub s) return new Expr.Add(absolute(s.left()), absolute(s.right()));
    if (e instanceof Expr.Mul m) return new Expr.Mul(absolute(m.left()), absolute(m.right()));
    if (e instanceof Expr.Pow p) return new Expr.Pow(absolute(p.base()), p.exponent());
    if (e instanceof Expr.Rotate r) return new Expr.Rotate(absolute(r.operand()), r.steps());
    return new Expr.Sum(absolute(((Expr.Sum) e).operand()));
  }

  /** Depth of evaluating the tree as written, with the same cost model. -1 marks a constant. */
  private static int naiveDepth(Expr e) {
    if (e instanceof Expr.Num) return -1;
    if (e instanceof Expr.Var) return 0;
    if (e instanceof Expr.Neg n) return naiveDepth(n.operand());
    if (e instanceof Expr.Add a) return Math.max(naiveDepth(a.left()), naiveDepth(a.right()));
    if (e instanceof Expr.Sub s) return Math.max(naiveDepth(s.left()), naiveDepth(s.right()));
    if (e instanceof Expr.Mul m) {
      int l = naiveDepth(m.left());
      int r = naiveDepth(m.right());
      if (l < 0 && r < 0) return -1;
      if (l < 0 || r < 0) {
        Expr constant = l < 0 ? m.left() : m.right();
        double c = ((Expr.Num) ExactArithmetic.foldConstants(constant)).value();
        return Math.max(l, r) + (ExactArithmetic.isSmallInteger(c) ? 0 : 1);
      }
      return Math.max(l, r) + 1;
    }
    if (e instanceof Expr.Pow p) {
      int d = naiveDepth(p.base());
      return d < 0 ? -1 : d + ceilLog2(p.exponent());
    }
    if (e instanceof Expr.Rotate r) return naiveDepth(r.operand());
    return naiveDepth(((Expr.Sum) e).operand());
  }

  /** Polynomial degree in the variables (an upper bound: cancellations are ignored). */
  private static int degree(Expr e) {
    if (e instanceof Expr.Num) return 0;
    if (e instanceof Expr.Var) return 1;
    if (e instanceof Expr.Neg n) return degree(n.operand());
    if (e instanceof Expr.Add a) return Math.max(degree(a.left()), degree(a.right()));
    if (e instanceof Expr.Sub s) return Math.max(degree(s.left()), degree(s.right()));
    if (e instanceof Expr.Mul m) {
      // x*0 folds to an integer multiply by 0: the degree bound only holds for non-zero constants.
      return degree(m.left()) + degree(m.right());
    }
    if (e instanceof Expr.Pow p) return degree(p.base()) * p.exponent();
    if (e instanceof Expr.Rotate r) return degree(r.operand());
    return degree(((Expr.Sum) e).operand());
  }

  private static int ceilLog2(int n) {
    return n <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(n - 1);
  }
}
