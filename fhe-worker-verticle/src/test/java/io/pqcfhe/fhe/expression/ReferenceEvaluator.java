package io.pqcfhe.fhe.expression;

import java.util.Map;

/** Direct evaluation of a syntax tree over clear slot vectors: the meaning every plan must reproduce. */
final class ReferenceEvaluator {
  private final Map<String, double[]> variables;
  private final int slotCount;

  private ReferenceEvaluator(Map<String, double[]> variables, int slotCount) {
    this.variables = variables;
    this.slotCount = slotCount;
  }

  static double[] evaluate(Expr e, Map<String, double[]> variables, int slotCount) {
    return new ReferenceEvaluator(variables, slotCount).eval(e);
  }

  private double[] eval(Expr e) {
    double[] out = new double[slotCount];
    if (e instanceof Expr.Num n) {
      java.util.Arrays.fill(out, n.value());
    } else if (e instanceof Expr.Var v) {
      double[] in = variables.get(v.name());
      System.arraycopy(in, 0, out, 0, in.length);
    } else if (e instanceof Expr.Neg n) {
      double[] x = eval(n.operand());
      for (int i = 0; i < slotCount; i++) out[i] = -x[i];
    } else if (e instanceof Expr.Add a) {
      double[] x = eval(a.left());
      double[] y = eval(a.right());
      for (int i = 0; i < slotCount; i++) out[i] = x[i] + y[i];
    } else if (e instanceof Expr.Sub s) {
      double[] x = eval(s.left());
      double[] y = eval(s.right());
      for (int i = 0; i < slotCount; i++) out[i] = x[i] - y[i];
    } else if (e instanceof Expr.Mul m) {
      double[] x = eval(m.left());
      double[] y = eval(m.right());
      for (int i = 0; i < slotCount; i++) out[i] = x[i] * y[i];
    } else if (e instanceof Expr.Pow p) {
      double[] x = eval(p.base());
      for (int i = 0; i < slotCount; i++) out[i] = Math.pow(x[i], p.exponent());
    } else if (e instanceof Expr.Rotate r) {
      double[] x = eval(r.operand());
      for (int i = 0; i < slotCount; i++) out[i] = x[Math.floorMod(i + r.steps(), slotCount)];
    } else {
      double[] x = eval(((Expr.Sum) e).operand());
      double total = 0;
      for (double v : x) total += v;
      java.util.Arrays.fill(out, total);
    }
    return out;
  }
}
