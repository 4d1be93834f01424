package io.pqcfhe.fhe.request;

import io.pqcfhe.fhe.expression.Expr;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The {@code parameters} of an {@code fhe.compute} operation, by the kind each operation takes. */
public sealed interface OperationParameters {

  /** add, sub, negate, sum, rescale, relinearize. */
  record None() implements OperationParameters {}

  /** multiply, square: {@code parameters.rescale} (default true). */
  record Multiplication(boolean rescale) implements OperationParameters {}

  /** rotate: {@code parameters.steps}. */
  record Rotation(int steps) implements OperationParameters {}

  /** add_plain, sub_plain, multiply_plain: {@code parameters.plain}. */
  record Plain(PlainOperand plain) implements OperationParameters {
    public Plain {
      Objects.requireNonNull(plain, "plain");
    }
  }

  /**
   * polynomial: the parsed expression and its variables' ciphertext ids (in the order given).
   *
   * @param expressionText as the client wrote it
   */
  record Polynomial(String expressionText, Expr expression, Map<String, String> variableMapping)
      implements OperationParameters {
    public Polynomial {
      Objects.requireNonNull(expressionText, "expressionText");
      Objects.requireNonNull(expression, "expression");
      variableMapping = Collections.unmodifiableMap(new LinkedHashMap<>(variableMapping));
    }
  }
}
