package io.pqcfhe.fhe.expression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.fhe.expression.Expr.Add;
import io.pqcfhe.fhe.expression.Expr.Mul;
import io.pqcfhe.fhe.expression.Expr.Neg;
import io.pqcfhe.fhe.expression.Expr.Num;
import io.pqcfhe.fhe.expression.Expr.Pow;
import io.pqcfhe.fhe.expression.Expr.Rotate;
import io.pqcfhe.fhe.expression.Expr.Sub;
import io.pqcfhe.fhe.expression.Expr.Sum;
import io.pqcfhe.fhe.expression.Expr.Var;
import io.pqcfhe.protocol.ErrorCode;
import io.pqcfhe.protocol.ProtocolError;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionParserTest {
  private static final Var A = new Var("a");
  private static final Var B = new Var("b");
  private static final Var C = new Var("c");

  private static Expr parse(String text) {
    return ExpressionParser.parse(text, ExpressionLimits.DEFAULT, Set.of("a", "b", "c", "x", "x_1", "_t")::contains);
  }

  private static ExpressionException refuse(String text) {
    return refuse(text, ExpressionLimits.DEFAULT);
  }

  private static ExpressionException refuse(String text, ExpressionLimits limits) {
    return assertThrows(
        ExpressionException.class, () -> ExpressionParser.parse(text, limits, Set.of("a", "b", "x")::contains));
  }

  @Test
  void numbersInEveryForm() {
    assertEquals(new Mul(new Num(3), A), parse("3*a"));
    assertEquals(new Mul(new Num(0.25), A), parse("0.25*a"));
    assertEquals(new Mul(new Num(1e-3), A), parse("1e-3*a"));
    assertEquals(new Mul(new Num(2.5e+2), A), parse("2.5E+2*a"));
    assertEquals(new Mul(new Num(7), A), parse("007*a"));
  }

  @Test
  void identifiersAndWhitespace() {
    assertEquals(new Add(new Var("x_1"), new Var("_t")), parse(" x_1\t+\n_t\r "));
  }

  @Test
  void multiplicationBindsTighterThanAddition() {
    assertEquals(new Add(A, new Mul(B, C)), parse("a + b * c"));
    assertEquals(new Add(new Mul(A, B), C), parse("a * b + c"));
    assertEquals(new Mul(new Add(A, B), C), parse("(a + b) * c"));
  }

  @Test
  void additiveAndMultiplicativeOperatorsAreLeftAssociative() {
    assertEquals(new Sub(new Sub(A, B), C), parse("a - b - c"));
    assertEquals(new Add(new Sub(A, B), C), parse("a - b + c"));
    assertEquals(new Mul(new Mul(A, B), C), parse("a * b * c"));
  }

  @Test
  void powerIsRightAssociativeAndBindsTighterThanUnaryMinus() {
    assertEquals(new Neg(new Pow(A, 2)), parse("-a^2"));
    assertEquals(new Pow(A, 8), parse("a^2^3"));
    assertEquals(new Pow(new Pow(A, 2), 3), parse("(a^2)^3"));
    assertEquals(new Mul(new Num(2), new Pow(A, 3)), parse("2*a^3"));
    assertEquals(new Pow(new Neg(A), 2), parse("(-a)^2"));
    assertEquals(new Mul(new Pow(A, 2), new Pow(B, 2)), parse("a^2*b^2"));
  }

  @Test
  void unaryMinusAnywhereAnOperandMayStand() {
    assertEquals(new Sub(A, new Neg(B)), parse("a - -b"));
    assertEquals(new Mul(A, new Neg(B)), parse("a*-b"));
    assertEquals(new Neg(new Neg(A)), parse("--a"));
    assertEquals(new Mul(new Neg(A), B), parse("-a*b"));
  }

  @Test
  void functions() {
    assertEquals(new Rotate(A, 3), parse("rotate(a, 3)"));
    assertEquals(new Rotate(new Add(A, B), -5), parse("rotate(a + b, -5)"));
    assertEquals(new Sum(new Mul(A, B)), parse("sum(a*b)"));
    assertEquals(new Add(new Sum(A), new Rotate(new Sum(B), 1)), parse("sum(a) + rotate(sum(b),1)"));
    assertEquals(new Rotate(A, Integer.MAX_VALUE), parse("rotate(a, 2147483647)"));
  }

  @Test
  void toStringParsesBackToTheSameTree() {
    for (String text : new String[] {"a*b + 0.5*a", "-a^2 - rotate(a*b, -3)", "sum((a+b)^3) * 2.5e-3", "a - -b"}) {
      Expr tree = parse(text);
      assertEquals(tree, parse(tree.toString()), text);
    }
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "(a + b                | 6  | expected ')' at position 6",
        "a +                   | 3  | expected an operand at position 3",
        "''                    | 0  | expected an operand at position 0",
        "a b                   | 2  | expected an operator or the end of the expression at position 2",
        "a)                    | 1  | expected an operator or the end of the expression at position 1",
        "a * * b               | 4  | expected an operand at position 4",
        "2a                    | 1  | expected an operator or the end of the expression at position 1",
        "a ^ 0                 | 4  | expected a positive integer exponent at position 4",
        "a ^ -1                | 4  | expected a positive integer exponent at position 4",
        "a ^ 1.5               | 4  | expected a positive integer exponent at position 4",
        "a ^ b                 | 4  | expected a positive integer exponent at position 4",
        "a ^ 1e1               | 4  | expected a positive integer exponent at position 4",
        "rotate a              | 7  | expected '(' after 'rotate' at position 7",
        "rotate(a 1)           | 9  | expected ',' at position 9",
        "rotate(a, 1.5)        | 10 | expected an integer rotation step at position 10",
        "rotate(a, b)          | 10 | expected an integer rotation step at position 10",
        "rotate(a, 1           | 11 | expected ')' at position 11",
        "rotate(3, 1)          | 7  | expected an operand that uses a variable at position 7",
        "sum(2*3)              | 4  | expected an operand that uses a variable at position 4",
        "sum + a               | 4  | expected '(' after 'sum' at position 4",
        "sum(a, 1)             | 5  | expected ')' at position 5",
        "a # b                 | 2  | unexpected character '#' at position 2",
        "1. * a                | 2  | expected a digit after '.' at position 2",
        "1e * a                | 2  | expected a digit in the exponent of a number at position 2",
        "3 + 4                 | 0  | the expression uses no variable at position 0",
        "1e999 * a             | 0  | number out of range at position 0",
        "rotate(a, 2147483648) | 10 | rotation step out of range at position 10",
        "a / b                 | 2  | unexpected character '/' at position 2",
      })
  void syntaxErrorsSayWhatWasExpectedAndWhere(String text, int position, String message) {
    ExpressionException e = refuse(text);
    assertEquals(ExpressionException.Reason.INVALID_EXPRESSION, e.reason());
    assertEquals(position, e.position());
    assertEquals(message, e.getMessage());
  }

  @Test
  void controlCharactersAreDescribedNotEchoed() {
    assertEquals("unexpected character U+0007 at position 2", refuse("a \u0007 b").getMessage());
  }

  @Test
  void unknownVariableIsNamedWithItsPosition() {
    ExpressionException e = refuse("a + zeta * b");
    assertEquals(ExpressionException.Reason.UNKNOWN_VARIABLE, e.reason());
    assertEquals(4, e.position());
    ProtocolError error = e.toProtocolError();
    assertEquals(ErrorCode.INVALID_REQUEST, error.code());
    assertEquals("unknown_variable", error.details().getString("reason"));
    assertEquals("zeta", error.details().getString("variable"));
    assertEquals(4, error.details().getInteger("position"));
    assertEquals("payload.parameters.expression", error.details().getString("field"));
    assertTrue(error.message().contains("zeta"));
  }

  @Test
  void longUnknownNamesAreCutInTheRefusal() {
    ProtocolError error = refuse("a + " + "v".repeat(4000)).toProtocolError();
    assertEquals("v".repeat(64), error.details().getString("variable"));
    assertTrue(error.message().length() < 200);
  }

  @Test
  void syntaxErrorMapsToInvalidRequestWithPositionAndField() {
    ProtocolError error = refuse("(a + b").toProtocolError();
    assertEquals(ErrorCode.INVALID_REQUEST, error.code());
    assertEquals("invalid_expression", error.details().getString("reason"));
    assertEquals(6, error.details().getInteger("position"));
    assertEquals("payload.parameters.expression", error.details().getString("field"));
    assertEquals("expected ')' at position 6", error.message());
  }

  @Test
  void lengthLimit() {
    String ok = "a" + " ".repeat(4095);
    parse(ok);
    ExpressionException e = refuse(ok + " ");
    assertEquals(ExpressionException.Reason.EXPRESSION_TOO_COMPLEX, e.reason());
    assertEquals("length", e.toProtocolError().details().getString("limit"));
    assertEquals(4096, e.toProtocolError().details().getInteger("max"));
  }

  @Test
  void nodeLimit() {
    // a+a+...: n variables and n-1 additions = 2n-1 nodes.
    String atLimit = "a" + "+a".repeat(511); // 1023 nodes
    parse(atLimit);
    ExpressionException e = refuse(atLimit + "+a");
    assertEquals(ExpressionException.Reason.EXPRESSION_TOO_COMPLEX, e.reason());
    assertEquals("nodes", e.toProtocolError().details().getString("limit"));
    assertEquals(1024, e.toProtocolError().details().getInteger("max"));
  }

  @Test
  void exponentLimit() {
    assertEquals(new Pow(A, 64), parse("a^64"));
    assertEquals(new Pow(A, 64), parse("a^2^6"));
    assertEquals(new Pow(A, 64), parse("a^4^3"));
    assertEquals(new Pow(A, 1), parse("a^1^64"));
    for (String text : new String[] {"a^65", "a^2^7", "a^99999999999999999999", "a^8^2^2"}) {
      ExpressionException e = refuse(text);
      assertEquals(ExpressionException.Reason.EXPRESSION_TOO_COMPLEX, e.reason(), text);
      assertEquals("exponent", e.toProtocolError().details().getString("limit"), text);
    }
  }

  @Test
  void nestingLimitHoldsForParenthesesMinusCallsAndTowers() {
    parse("(".repeat(64) + "a" + ")".repeat(64));
    for (String text :
        new String[] {
          "(".repeat(65) + "a" + ")".repeat(65),
          "-".repeat(65) + "a",
          "sum(".repeat(65) + "a" + ")".repeat(65),
          "a" + "^1".repeat(66),
        }) {
      ExpressionException e = refuse(text);
      assertEquals(ExpressionException.Reason.EXPRESSION_TOO_COMPLEX, e.reason());
      assertEquals("nesting", e.toProtocolError().details().getString("limit"));
    }
  }

  @Test
  void hostileInputIsRefusedQuicklyWithoutOverflowingTheStack() {
    ExpressionLimits generous = new ExpressionLimits(2_000_000, 1024, 64, 64);
    for (String text :
        new String[] {"(".repeat(1_000_000), "-".repeat(1_000_000) + "a", "a" + "^1".repeat(500_000), "a+".repeat(600_000) + "a"}) {
      ExpressionException e = refuse(text, generous);
      assertEquals(ExpressionException.Reason.EXPRESSION_TOO_COMPLEX, e.reason());
    }
  }

  @Test
  void customLimitsApply() {
    ExpressionLimits tight = new ExpressionLimits(10, 3, 4, 2);
    assertEquals("length", refuse("a + b + a + b", tight).toProtocolError().details().getString("limit"));
    assertEquals("nodes", refuse("a+b+a", tight).toProtocolError().details().getString("limit"));
    assertEquals("exponent", refuse("a^5", tight).toProtocolError().details().getString("limit"));
    assertEquals("nesting", refuse("(((a)))", tight).toProtocolError().details().getString("limit"));
  }

  @Test
  void variableNames() {
    assertTrue(ExpressionParser.isValidVariableName("a"));
    assertTrue(ExpressionParser.isValidVariableName("_x9"));
    assertTrue(ExpressionParser.isValidVariableName("Sum"));
    assertFalse(ExpressionParser.isValidVariableName(""));
    assertFalse(ExpressionParser.isValidVariableName("9a"));
    assertFalse(ExpressionParser.isValidVariableName("a-b"));
    assertFalse(ExpressionParser.isValidVariableName("sum"));
    assertFalse(ExpressionParser.isValidVariableName("rotate"));
    assertFalse(ExpressionParser.isValidVariableName("é"));
  }
}
