package io.pqcfhe.fhe.expression;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Compiles an expression into a {@link Plan} of minimal multiplicative depth for operands at given levels.
 *
 * <ul>
 *   <li>Constant subtrees are folded; constant factors of a product and constant terms of a sum are combined
 *       only when the result is exact ({@link ExactArithmetic}).
 *   <li>A product is flattened into factors with exponents ({@code x^3*x^2 = x^5}); each factor's powers of
 *       two come from repeated squaring ({@code x, x^2, x^4, ...}), and the leaves are multiplied two at a
 *       time, always the two at the highest levels (the Huffman-like rule that minimizes the depth of a
 *       product tree; it gives {@code x^n} depth {@code ceil(log2 n)}). A constant that is not an integer
 *       with |c| &lt; 2^31 costs a level and is multiplied into the highest leaf; small integers cost none and
 *       are applied last.
 *   <li>A sum adds its terms two at a time, highest levels first, so that alignments happen as late and
 *       as rarely as possible; signs become {@code sub} rather than {@code negate} where they can.
 *   <li>Every step is numbered by value: a structurally equal subcomputation (commutative operands in either
 *       order) is computed once.
 *   <li>Operands meeting at different levels are aligned: the higher one is mod-switched to one level above
 *       the other, then brought onto the other's level and exact scale ({@link Step.MatchScale}).
 * </ul>
 */
public final class ExpressionPlanner {

  private final List<String> variables;
  private final Map<String, Integer> inputLevels;
  private final List<Instruction> instructions = new ArrayList<>();
  private final Map<Step, Integer> numbering = new HashMap<>();
  private int sequence;

  private ExpressionPlanner(List<String> variables, Map<String, Integer> inputLevels) {
    this.variables = variables;
    this.inputLevels = inputLevels;
  }

  /**
   * Compiles {@code expression} for operands at {@code inputLevels} (variable name to SEAL level; every
   * variable of the expression must have one, others are ignored).
   *
   * @throws ExpressionException if a constant subexpression overflows
   */
  public static Plan plan(Expr expression, Map<String, Integer> inputLevels) {
    List<String> variables = new ArrayList<>(variablesOf(expression));
    Plan.requireKnown(inputLevels, variables);
    Map<String, Integer> levels = new LinkedHashMap<>();
    variables.forEach(v -> levels.put(v, inputLevels.get(v)));
    ExpressionPlanner planner = new ExpressionPlanner(variables, levels);
    Expr folded = ExactArithmetic.foldConstants(expression);
    if (folded instanceof Expr.Num) {
      throw ExpressionException.invalid("the expression uses no variable", 0);
    }
    int result = planner.lower(folded);
    return new Plan(variables, levels, planner.instructions, result);
  }

  /** The variables of {@code e}, in order of first appearance. */
  public static Set<String> variablesOf(Expr e) {
    Set<String> names = new LinkedHashSet<>();
    collectVariables(e, names);
    return names;
  }

  // ---- lowering -------------------------------------------------------------------------------------

  /** A register of the plan, ordered for the greedy combination rules: higher level first, then older. */
  private record Leaf(int register, int level, int order) {}

  /** A term of a sum: {@code factor * register}, factor a small (possibly negative) integer. */
  private record Term(int register, long factor) {}

  /** A term of a sum during its combination: a leaf and its sign. */
  private record SignedLeaf(Leaf leaf, boolean negative) {}

  private static final Comparator<Leaf> HIGHEST_LEVEL_FIRST =
      Comparator.comparingInt(Leaf::level).reversed().thenComparingInt(Leaf::order);

  /** Lowers an expression that uses a variable; returns the register holding its value. */
  private int lower(Expr e) {
    if (e instanceof Expr.Var v) {
      return variables.indexOf(v.name());
    }
    if (e instanceof Expr.Rotate r) {
      int operand = lower(r.operand());
      return r.steps() == 0 ? operand : emit(new Step.Rotate(operand, r.steps()));
    }
    if (e instanceof Expr.Sum s) {
      return emit(new Step.SumSlots(lower(s.operand())));
    }
    return lowerSum(e);
  }

  private int lowerSum(Expr e) {
    List<Term> terms = new ArrayList<>();
    List<Double> constants = new ArrayList<>();
    collectTerms(e, 1, terms, constants);
    if (terms.isEmpty()) {
      // Only a tree built by hand can get here: the parser refuses rotate/sum of a constant.
      throw ExpressionException.expected("an operand that uses a variable", 0);
    }
    int result;
    if (terms.size() == 1) {
      result = scaled(terms.get(0).register(), terms.get(0).factor());
    } else {
      result = combineTerms(terms);
    }
    for (double c : constants) {
      if (c > 0) {
        result = emit(new Step.AddPlain(result, c));
      } else if (c < 0) {
        result = emit(new Step.SubPlain(result, -c));
      }
    }
    return result;
  }

  private void collectTerms(Expr e, int sign, List<Term> terms, List<Double> constants) {
    if (e instanceof Expr.Add a) {
      collectTerms(a.left(), sign, terms, constants);
      collectTerms(a.right(), sign, terms, constants);
    } else if (e instanceof Expr.Sub s) {
      collectTerms(s.left(), sign, terms, constants);
      collectTerms(s.right(), -sign, terms, constants);
    } else if (e instanceof Expr.Neg n) {
      collectTerms(n.operand(), -sign, terms, constants);
    } else if (e instanceof Expr.Num c) {
      addExactly(constants, sign * c.value());
    } else if (e instanceof Expr.Mul || e instanceof Expr.Pow) {
      terms.add(lowerProduct(e, sign));
    } else {
      terms.add(new Term(lower(e), sign));
    }
  }

  /** Sums the terms two at a time, the two at the highest levels first. */
  private int combineTerms(List<Term> terms) {
    PriorityQueue<SignedLeaf> queue =
        new PriorityQueue<>(Comparator.comparing(SignedLeaf::leaf, HIGHEST_LEVEL_FIRST));
    for (Term term : terms) {
      int register = scaled(term.register(), Math.abs(term.factor()));
      queue.add(new SignedLeaf(leaf(register), term.factor() < 0));
    }
    while (queue.size() > 1) {
      SignedLeaf x = queue.poll();
      SignedLeaf y = queue.poll();
      int[] aligned = align(x.leaf().register(), y.leaf().register());
      int a = aligned[0];
      int b = aligned[1];
      if (x.negative() == y.negative()) {
        queue.add(new SignedLeaf(leaf(emit(Step.add(a, b))), x.negative()));
      } else if (y.negative()) {
        queue.add(new SignedLeaf(leaf(emit(new Step.Sub(a, b))), false));
      } else {
        queue.add(new SignedLeaf(leaf(emit(new Step.Sub(b, a))), false));
      }
    }
    SignedLeaf total = queue.poll();
    int register = total.leaf().register();
    return total.negative() ? emit(new Step.Negate(register)) : register;
  }

  /** {@code factor * register} for a small integer factor: nothing, a negation, or an integer multiply. */
  private int scaled(int register, long factor) {
    if (factor == 1) {
      return register;
    }
    if (factor == -1) {
      return emit(new Step.Negate(register));
    }
    return emit(new Step.MultiplyInteger(register, factor));
  }

  /**
   * Lowers {@code sign * product}; returns its register without its leading small-integer factor, and that
   * factor (carrying the sign unless a fractional constant could), so that a sum can turn it into a
   * subtraction.
   */
  private Term lowerProduct(Expr e, int sign) {
    Map<Integer, Integer> exponents = new LinkedHashMap<>();
    List<Double> constants = new ArrayList<>();
    if (sign < 0) {
      constants.add(-1.0);
    }
    collectFactors(e, exponents, constants);

    boolean negative = false;
    List<Double> fractional = new ArrayList<>();
    List<Long> integers = new ArrayList<>();
    for (double c : constants) {
      negative ^= c < 0;
      double magnitude = Math.abs(c);
      if (ExactArithmetic.isSmallInteger(magnitude)) {
        if (magnitude != 1) {
          integers.add((long) magnitude);
        }
      } else {
        fractional.add(magnitude);
      }
    }
    if (negative && !fractional.isEmpty()) {
      // A fractional constant is encoded anyway: it carries the sign for free.
      fractional.set(0, -fractional.get(0));
      negative = false;
    }

    PriorityQueue<Leaf> leaves = new PriorityQueue<>(HIGHEST_LEVEL_FIRST);
    exponents.forEach(
        (register, exponent) -> {
          int power = register;
          for (int bit = 0; (exponent >>> bit) != 0; bit++) {
            if (bit > 0) {
              power = emit(Step.multiply(power, power));
            }
            if (((exponent >>> bit) & 1) != 0) {
              leaves.add(leaf(power));
            }
          }
        });
    for (double c : fractional) {
      Leaf highest = leaves.poll();
      leaves.add(leaf(emit(new Step.MultiplyPlain(highest.register(), c))));
    }
    while (leaves.size() > 1) {
      Leaf first = leaves.poll();
      Leaf second = leaves.poll();
      int[] aligned = align(first.register(), second.register());
      leaves.add(leaf(emit(Step.multiply(aligned[0], aligned[1]))));
    }
    int register = leaves.poll().register();
    long leading = integers.isEmpty() ? 1 : integers.get(0);
    for (int i = 1; i < integers.size(); i++) {
      register = emit(new Step.MultiplyInteger(register, integers.get(i)));
    }
    return new Term(register, negative ? -leading : leading);
  }

  private void collectFactors(Expr e, Map<Integer, Integer> exponents, List<Double> constants) {
    if (e instanceof Expr.Mul m) {
      collectFactors(m.left(), exponents, constants);
      collectFactors(m.right(), exponents, constants);
    } else if (e instanceof Expr.Neg n) {
      multiplyExactly(constants, -1);
      collectFactors(n.operand(), exponents, constants);
    } else if (e instanceof Expr.Num c) {
      multiplyExactly(constants, c.value());
    } else if (e instanceof Expr.Pow p) {
      exponents.merge(lower(p.base()), p.exponent(), Integer::sum);
    } else {
      exponents.merge(lower(e), 1, Integer::sum);
    }
  }

  /**
   * Adds {@code c} to the product's constants, merging it into one already there when the product is exact
   * and costs no more levels than the two factors did.
   */
  private static void multiplyExactly(List<Double> constants, double c) {
    for (int i = 0; i < constants.size(); i++) {
      double existing = constants.get(i);
      double product = ExactArithmetic.exactProduct(existing, c);
      if (!Double.isNaN(product) && levelCost(product) <= levelCost(existing) + levelCost(c)) {
        constants.set(i, product);
        return;
      }
    }
    constants.add(c);
  }

  private static int levelCost(double c) {
    return ExactArithmetic.isSmallInteger(c) ? 0 : 1;
  }

  private static void addExactly(List<Double> constants, double c) {
    for (int i = 0; i < constants.size(); i++) {
      double sum = ExactArithmetic.exactSum(constants.get(i), c);
      if (!Double.isNaN(sum)) {
        constants.set(i, sum);
        return;
      }
    }
    constants.add(c);
  }

  // ---- alignment and numbering ----------------------------------------------------------------------

  /** Brings the higher of two registers onto the other's level and scale; returns both, in order. */
  private int[] align(int a, int b) {
    int levelA = levelOf(a);
    int levelB = levelOf(b);
    if (levelA > levelB) {
      return new int[] {lowerOnto(a, b), b};
    }
    if (levelB > levelA) {
      return new int[] {a, lowerOnto(b, a)};
    }
    return new int[] {a, b};
  }

  private int lowerOnto(int high, int low) {
    int target = levelOf(low);
    int register = high;
    if (levelOf(high) > target + 1) {
      register = emit(new Step.ModSwitch(high, target + 1));
    }
    return emit(new Step.MatchScale(register, low));
  }

  /** Emits {@code step} unless an equal step was emitted before; returns the register holding its value. */
  private int emit(Step step) {
    Integer known = numbering.get(step);
    if (known != null) {
      return known;
    }
    int register = variables.size() + instructions.size();
    instructions.add(new Instruction(register, step, step.level(this::levelOf)));
    numbering.put(step, register);
    return register;
  }

  private int levelOf(int register) {
    if (register < variables.size()) {
      return inputLevels.get(variables.get(register));
    }
    return instructions.get(register - variables.size()).level();
  }

  private Leaf leaf(int register) {
    return new Leaf(register, levelOf(register), sequence++);
  }

  private static void collectVariables(Expr e, Set<String> names) {
    if (e instanceof Expr.Var v) {
      names.add(v.name());
    } else if (e instanceof Expr.Neg n) {
      collectVariables(n.operand(), names);
    } else if (e instanceof Expr.Add a) {
      collectVariables(a.left(), names);
      collectVariables(a.right(), names);
    } else if (e instanceof Expr.Sub s) {
      collectVariables(s.left(), names);
      collectVariables(s.right(), names);
    } else if (e instanceof Expr.Mul m) {
      collectVariables(m.left(), names);
      collectVariables(m.right(), names);
    } else if (e instanceof Expr.Pow p) {
      collectVariables(p.base(), names);
    } else if (e instanceof Expr.Rotate r) {
      collectVariables(r.operand(), names);
    } else if (e instanceof Expr.Sum s) {
      collectVariables(s.operand(), names);
    }
  }
}
