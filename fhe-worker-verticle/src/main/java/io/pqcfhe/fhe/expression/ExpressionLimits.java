package io.pqcfhe.fhe.expression;

/**
 * Bounds enforced while parsing, so that hostile input can exhaust neither the stack nor the heap.
 *
 * @param maxLength characters of expression text
 * @param maxNodes nodes of the syntax tree (literals, variables, operators, calls)
 * @param maxExponent the largest exponent of {@code ^} (after evaluating a tower such as {@code x^2^3})
 * @param maxNesting parentheses, unary minus, calls and exponent towers nested in one another
 */
public record ExpressionLimits(int maxLength, int maxNodes, int maxExponent, int maxNesting) {

  /** 4096 characters, 1024 nodes, exponent 64, nesting 64: room for any practical circuit (settings fhe.expression.*). */
  public static final ExpressionLimits DEFAULT = new ExpressionLimits(4096, 1024, 64, 64);

  public ExpressionLimits {
    if (maxLength < 1 || maxNodes < 1 || maxExponent < 1 || maxNesting < 1) {
      throw new IllegalArgumentException("expression limits must be positive");
    }
  }
}
