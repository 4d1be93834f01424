package io.pqcfhe.fhe.expression;

import java.util.Objects;

/**
 * The abstract syntax tree of a {@code polynomial} expression: immutable, structurally comparable values.
 * {@link #toString()} renders a fully parenthesized form that parses back to an equal tree (for every tree
 * the parser can produce: its literals are never negative, a leading minus being a {@link Neg}).
 */
public sealed interface Expr {

  /** A numeric literal (always finite; negative only after constant folding). */
  record Num(double value) implements Expr {
    public Num {
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("a literal must be finite");
      }
    }

    @Override
    public String toString() {
      return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
  }

  /** A variable, bound to a ciphertext by {@code variable_mapping}. */
  record Var(String name) implements Expr {
    public Var {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** Unary minus. */
  record Neg(Expr operand) implements Expr {
    public Neg {
      Objects.requireNonNull(operand, "operand");
    }

    @Override
    public String toString() {
      return "(-" + operand + ")";
    }
  }

  record Add(Expr left, Expr right) implements Expr {
    public Add {
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
    }

    @Override
    public String toString() {
      return "(" + left + " + " + right + ")";
    }
  }

  record Sub(Expr left, Expr right) implements Expr {
    public Sub {
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
    }

    @Override
    public String toString() {
      return "(" + left + " - " + right + ")";
    }
  }

  record Mul(Expr left, Expr right) implements Expr {
    public Mul {
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
    }

    @Override
    public String toString() {
      return "(" + left + " * " + right + ")";
    }
  }

  /** {@code base ^ exponent} with a positive exponent. */
  record Pow(Expr base, int exponent) implements Expr {
    public Pow {
      Objects.requireNonNull(base, "base");
      if (exponent < 1) {
        throw new IllegalArgumentException("exponent must be positive");
      }
    }

    @Override
    public String toString() {
      return "(" + base + " ^ " + exponent + ")";
    }
  }

  /** {@code rotate(operand, steps)}: a positive step moves slot i+k into slot i (SEAL's left rotation). */
  record Rotate(Expr operand, int steps) implements Expr {
    public Rotate {
      Objects.requireNonNull(operand, "operand");
    }

    @Override
    public String toString() {
      return "rotate(" + operand + ", " + steps + ")";
    }
  }

  /** {@code sum(operand)}: the total of all slots, in every slot. */
  record Sum(Expr operand) implements Expr {
    public Sum {
      Objects.requireNonNull(operand, "operand");
    }

    @Override
    public String toString() {
      return "sum(" + operand + ")";
    }
  }
}
