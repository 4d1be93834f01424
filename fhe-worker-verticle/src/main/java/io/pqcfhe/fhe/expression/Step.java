package io.pqcfhe.fhe.expression;

import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

/**
 * One primitive CKKS operation of a {@link Plan}, over virtual registers. A step is a value: two equal
 * steps compute the same thing, which is how the planner computes common subexpressions once.
 * Commutative steps are built with their operands in ascending order.
 */
public sealed interface Step {

  /** The registers this step reads. */
  List<Integer> operands();

  /** The names reported in {@code operations_performed}, in order. */
  List<String> reportedOperations();

  /** Levels this step consumes on the way from its operands to the result (alignments count 0). */
  int levelCost();

  /** The level of the result, given the levels of the registers. */
  int level(IntUnaryOperator levelOf);

  <C> C apply(CkksBackend<C> backend, IntFunction<C> register);

  static Step add(int a, int b) {
    return new Add(Math.min(a, b), Math.max(a, b));
  }

  static Step multiply(int a, int b) {
    return a == b ? new Square(a) : new Multiply(Math.min(a, b), Math.max(a, b));
  }

  record Add(int left, int right) implements Step {
    public List<Integer> operands() {
      return List.of(left, right);
    }

    public List<String> reportedOperations() {
      return List.of("add");
    }

    public int levelCost() {
      return 0;
    }

    public int level(IntUnaryOperator levelOf) {
      return levelOf.applyAsInt(left);
    }

    public <C> C apply(CkksBackend<C> backend, IntFunction<C> register) {
      return backend.add(register.apply(left), register.apply(right));
    }
  }

  record Sub(int left, int right) implements Step {
    public List<Integer> operands() {
      return List.of(left, right);
    }

    public List<String> reportedOperations() {
      return List.of("sub");
    }

    public int levelCost() {
      return 0;
    }

    public int level(IntUnaryOperator levelOf) {
      return levelOf.applyAsInt(left);
    }

    public <C> C apply(CkksBackend<C> backend, IntFunction<C> register) {
      return backend.sub(register.apply(left), register.apply(right));
    }
  }

  record Negate(int operand) implements Step {
    public List<Integer> operands() {
      return List.of(operand);
    }

    public List<String> reportedOperations() {
      return List.of("negate");
    }

    public int levelCost() {
      return 0;
    }

    public int level(IntUnaryOperator levelOf) {
      return levelOf.applyAsInt(operand);
    }

    public <C> C apply(CkksBackend<C> backend, IntFunction<C> register) {
      return backend.negate(register.apply(operand));
    }
  }

  record Multiply(int left, int right) implements Step {
    public List<Integer> operands() {
      return List.of(left, right);
    }

    public List<String> reportedOperations() {
      return List.of("multiply", "relinearize", "rescale");
    }

    public int levelCost() {
      return 1;
    }

    public int level(IntUnaryOperator levelOf) {
      return levelOf.applyAsInt(left) - 1;
    }

    public <C> C apply(CkksBackend<C> backend, IntFunction<C> register) {
      return backend.multiply(register.apply(left), register.apply(right));
    }
  }

  record Square(int operand) implements Step {
    public List<Integer> operands() {
      return List.of(operand);
    }

    public List<String> reportedOperations() {
      return List.of("square", "relinearize", "rescale");
    }

    public int levelCost() {
      return 1;
    }

    public int level(IntUnaryOperator levelOf) {
      return levelOf.applyAsInt(operand) - 1;
    }

    public <C> C apply(CkksBackend<C> backend, IntFunction<C> register) {
      return backend.square(register.apply(operand));
    }
  }

  record AddPlain(int operand, double constant) implements Step {
    public List<Integer> operands() {
      return List.of(operand);
    }

    public List<String> reportedOperations() {
      return List.of("add_plain");
    }

    public int levelCost() {
      return 0;
    }

    public int level(IntUnaryOperator levelOf) {
      return levelOf.applyAsInt(operand);
    }

    public <C> C apply(CkksBackend<C> backend, IntFunction<C> register) {
      return backend.addPlain(register.apply(operand), constant);
    }
  }

  record SubPlain(int operand, double constant) implements Step {
    public List<Integer> operands() {
      return List.of(operand);
    }

    public List<String> reportedOperations() {
      return List.of("sub_plain");
    }

    public int levelCost() {
      return 0;
    }

    public int level(IntUnaryOperator levelOf) {
      return levelOf.applyAsInt(operand);
    }

    public <C> C apply(CkksBackend<C> backend, IntFunction<C> register) {
      return backend.subPlain(register.apply(operand), constant);
    }
  }

  /** Multiplication by a constant that is not a small integer: encoded, then rescaled (one level). */
  record MultiplyPlain(int operand, double constant) implements Step {
    public List<Integer> operands() {
      return List.of(operand);
    }

    public List<String> reportedOperations() {
      return List.of("multiply_plain", "rescale");
    }

    public int levelCost() {
      return 1;
    }

    public int level(IntUnaryOperator levelOf) {
      return levelOf.applyAsInt(operand) - 1;
    }

    public <C> C apply(CkksBackend<C> backend, IntFunction<C> register) {
      return backend.multiplyPlain(register.apply(operand), constant);
    }
  }

  /** Multiplication by an integer with |factor| < 2^31: no rescale, no level; reported as multiply_plain. */
  record MultiplyInteger(int operand, long factor) implements Step {
    public List<Integer> operands() {
      return List.of(operand);
    }

    public List<String> reportedOperations() {
      return List.of("multiply_plain");
    }

    public int levelCost() {
      return 0;
    }

    public int level(IntUnaryOperator levelOf) {
      return levelOf.applyAsInt(operand);
    }

    public <C> C apply(CkksBackend<C> backend, IntFunction<C> register) {
      return backend.multiplyInteger(register.apply(operand), factor);
    }
  }

  record Rotate(int operand, int steps) implements Step {
    public List<Integer> operands() {
      return List.of(operand);
    }

    public List<String> reportedOperations() {
      return List.of("rotate");
    }

    public int levelCost() {
      return 0;
    }

    public int level(IntUnaryOperator levelOf) {
      return levelOf.applyAsInt(operand);
    }

    public <C> C apply(CkksBackend<C> backend, IntFunction<C> register) {
      return backend.rotate(register.apply(operand), steps);
    }
  }

  record SumSlots(int operand) implements Step {
    public List<Integer> operands() {
      return List.of(operand);
    }

    public List<String> reportedOperations() {
      return List.of("sum");
    }

    public int levelCost() {
      return 0;
    }

    public int level(IntUnaryOperator levelOf) {
      return levelOf.applyAsInt(operand);
    }

    public <C> C apply(CkksBackend<C> backend, IntFunction<C> register) {
      return backend.sum(register.apply(operand));
    }
  }

  /** Level alignment, part one: drop to {@code targetLevel} (two or more levels down), scale unchanged. */
  record ModSwitch(int operand, int targetLevel) implements Step {
    public List<Integer> operands() {
      return List.of(operand);
    }

    public List<String> reportedOperations() {
      return List.of("mod_switch");
    }

    public int levelCost() {
      return 0;
    }

    public int level(IntUnaryOperator levelOf) {
      return targetLevel;
    }

    public <C> C apply(CkksBackend<C> backend, IntFunction<C> register) {
      return backend.modSwitchTo(register.apply(operand), targetLevel);
    }
  }

  /**
   * Level alignment, part two: drop {@code operand} the last level onto {@code reference}'s level and
   * exact scale (multiply by 1 at a tailored scale, rescale). {@code reference} is read for its scale only.
   */
  record MatchScale(int operand, int reference) implements Step {
    public List<Integer> operands() {
      return List.of(operand, reference);
    }

    public List<String> reportedOperations() {
      return List.of("multiply_plain", "rescale");
    }

    public int levelCost() {
      return 0;
    }

    public int level(IntUnaryOperator levelOf) {
      return levelOf.applyAsInt(reference);
    }

    public <C> C apply(CkksBackend<C> backend, IntFunction<C> register) {
      C target = register.apply(reference);
      return backend.rescaleToScale(register.apply(operand), backend.scale(target));
    }
  }
}
