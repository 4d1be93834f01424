package io.pqcfhe.fhe.expression;

import java.math.BigDecimal;

/**
 * Constant folding that never changes a value: two constants are combined only when the double result is
 * exactly the real-number result, so reassociating {@code a*0.5*2} into {@code a} is safe while
 * {@code a*0.1*0.3} keeps its two factors.
 */
final class ExactArithmetic {
  /** Integers below this magnitude are multiplied without encoding or rescaling (no level). */
  static final double SMALL_INTEGER_BOUND = 0x1p31;

  private ExactArithmetic() {}

  static boolean isSmallInteger(double c) {
    return c == Math.rint(c) && Math.abs(c) < SMALL_INTEGER_BOUND;
  }

  /** The exact product, or NaN when the double product is rounded or not finite. */
  static double exactProduct(double a, double b) {
    double product = a * b;
    if (!Double.isFinite(product)) {
      return Double.NaN;
    }
    return new BigDecimal(a).multiply(new BigDecimal(b)).compareTo(new BigDecimal(product)) == 0
        ? product
        : Double.NaN;
  }

  /** The exact sum, or NaN when the double sum is rounded or not finite. */
  static double exactSum(double a, double b) {
    double sum = a + b;
    if (!Double.isFinite(sum)) {
      return Double.NaN;
    }
    return new BigDecimal(a).add(new BigDecimal(b)).compareTo(new BigDecimal(sum)) == 0 ? sum : Double.NaN;
  }

  /**
   * Folds every subtree without variables into one literal, evaluated left to right in double precision
   * exactly as a direct evaluation of the tree would; subtrees with variables are rebuilt around the folded
   * parts.
   *
   * @throws ExpressionException if a constant subexpression overflows
   */
  static Expr foldConstants(Expr e) {
    if (e instanceof Expr.Num || e instanceof Expr.Var) {
      return e;
    }
    if (e instanceof Expr.Neg n) {
      Expr operand = foldConstants(n.operand());
      return operand instanceof Expr.Num c ? literal(-c.value()) : new Expr.Neg(operand);
    }
    if (e instanceof Expr.Add a) {
      Expr l = foldConstants(a.left());
      Expr r = foldConstants(a.right());
      return l instanceof Expr.Num x && r instanceof Expr.Num y ? literal(x.value() + y.value()) : new Expr.Add(l, r);
    }
    if (e instanceof Expr.Sub s) {
      Expr l = foldConstants(s.left());
      Expr r = foldConstants(s.right());
      return l instanceof Expr.Num x && r instanceof Expr.Num y ? literal(x.value() - y.value()) : new Expr.Sub(l, r);
    }
    if (e instanceof Expr.Mul m) {
      Expr l = foldConstants(m.left());
      Expr r = foldConstants(m.right());
      return l instanceof Expr.Num x && r instanceof Expr.Num y ? literal(x.value() * y.value()) : new Expr.Mul(l, r);
    }
    if (e instanceof Expr.Pow p) {
      Expr base = foldConstants(p.base());
      return base instanceof Expr.Num x ? literal(power(x.value(), p.exponent())) : new Expr.Pow(base, p.exponent());
    }
    if (e instanceof Expr.Rotate r) {
      return new Expr.Rotate(foldConstants(r.operand()), r.steps());
    }
    return new Expr.Sum(foldConstants(((Expr.Sum) e).operand()));
  }

  /** {@code base^exponent} by repeated multiplication, the definition a direct evaluation uses. */
  static double power(double base, int exponent) {
    double result = base;
    for (int i = 1; i < exponent; i++) {
      result *= base;
    }
    return result;
  }

  private static Expr literal(double value) {
    if (!Double.isFinite(value)) {
      throw ExpressionException.invalid("a constant subexpression overflows", 0);
    }
    return new Expr.Num(value);
  }
}
