package io.pqcfhe.fhe.expression;

import io.pqcfhe.fhe.expression.Token.Kind;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A hand-written precedence-climbing (Pratt) parser for the {@code polynomial} expression language.
 *
 * <p>Binding, loosest first: {@code + -} (left-associative), {@code *} (left-associative), unary minus,
 * {@code ^} (right-associative, integer literal exponent). Hence {@code -x^2 = -(x^2)} and
 * {@code x^2^3 = x^8}. Every limit of {@link ExpressionLimits} is checked as the text is consumed, so the
 * recursion depth and the tree size stay bounded whatever the input. Not thread-safe; one instance
 * parses one text (use {@link #parse}).
 */
public final class ExpressionParser {

  /** Names that are functions and therefore cannot be variables. */
  public static final Set<String> RESERVED_NAMES = Set.of("rotate", "sum");

  private static final int ADDITIVE = 1;
  private static final int MULTIPLICATIVE = 2;

  private final String text;
  private final ExpressionLimits limits;
  private final Predicate<String> isKnownVariable;
  private final Lexer lexer;
  private Token current;
  private int nodes;
  private int nesting;

  private ExpressionParser(String text, ExpressionLimits limits, Predicate<String> isKnownVariable) {
    this.text = text;
    this.limits = limits;
    this.isKnownVariable = isKnownVariable;
    this.lexer = new Lexer(text);
  }

  /**
   * Parses {@code text}; every variable must satisfy {@code isKnownVariable}, and the expression must use
   * at least one.
   *
   * @throws ExpressionException with the position and the reason of the first problem found
   */
  public static Expr parse(String text, ExpressionLimits limits, Predicate<String> isKnownVariable) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(isKnownVariable, "isKnownVariable");
    if (text.length() > limits.maxLength()) {
      throw ExpressionException.tooComplex("length", limits.maxLength(), limits.maxLength());
    }
    return new ExpressionParser(text, limits, isKnownVariable).parseWhole();
  }

  /** True when {@code name} may name a variable: an identifier that is not a function name. */
  public static boolean isValidVariableName(String name) {
    if (name.isEmpty() || !Lexer.isIdentifierStart(name.charAt(0)) || RESERVED_NAMES.contains(name)) {
      return false;
    }
    return name.chars().allMatch(c -> Lexer.isIdentifierPart((char) c));
  }

  private Expr parseWhole() {
    current = lexer.next();
    Expr root = parseBinary(ADDITIVE);
    if (!current.is(Kind.END)) {
      throw ExpressionException.expected("an operator or the end of the expression", current.position());
    }
    if (!usesVariable(root)) {
      throw ExpressionException.invalid("the expression uses no variable", 0);
    }
    return root;
  }

  private Expr parseBinary(int minPrecedence) {
    Expr left = parseUnary();
    while (true) {
      int precedence = infixPrecedence(current.kind());
      if (precedence == 0 || precedence < minPrecedence) {
        return left;
      }
      Token operator = advance();
      Expr right = parseBinary(precedence + 1);
      left =
          count(
              switch (operator.kind()) {
                case PLUS -> new Expr.Add(left, right);
                case MINUS -> new Expr.Sub(left, right);
                default -> new Expr.Mul(left, right);
              },
              operator);
    }
  }

  private Expr parseUnary() {
    if (!current.is(Kind.MINUS)) {
      return parsePower();
    }
    Token minus = advance();
    enter(minus);
    Expr operand = parseUnary();
    leave();
    return count(new Expr.Neg(operand), minus);
  }

  private Expr parsePower() {
    Expr base = parsePrimary();
    if (!current.is(Kind.CARET)) {
      return base;
    }
    Token caret = advance();
    int exponent = parseExponent(caret);
    return count(new Expr.Pow(base, exponent), caret);
  }

  /** {@code exponent = digits ["^" exponent]}, evaluated right to left, bounded at every step. */
  private int parseExponent(Token caret) {
    Token literal = current;
    if (!literal.isDigitsOnly()) {
      throw ExpressionException.expected("a positive integer exponent", literal.position());
    }
    advance();
    int value = boundedExponent(literal);
    if (!current.is(Kind.CARET)) {
      return value;
    }
    Token next = advance();
    enter(next);
    int power = parseExponent(next);
    leave();
    // value ^ power, stopping as soon as it passes the limit (1 ^ anything stays 1).
    long result = 1;
    for (int i = 0; i < power && result <= limits.maxExponent(); i++) {
      result *= value;
    }
    if (result > limits.maxExponent()) {
      throw ExpressionException.tooComplex("exponent", limits.maxExponent(), literal.position());
    }
    return (int) result;
  }

  private int boundedExponent(Token literal) {
    String digits = literal.text().replaceFirst("^0+(?=.)", "");
    if (digits.length() > 9 || Integer.parseInt(digits) > limits.maxExponent()) {
      throw ExpressionException.tooComplex("exponent", limits.maxExponent(), literal.position());
    }
    int value = Integer.parseInt(digits);
    if (value == 0) {
      throw ExpressionException.expected("a positive integer exponent", literal.position());
    }
    return value;
  }

  private Expr parsePrimary() {
    Token token = current;
    switch (token.kind()) {
      case NUMBER -> {
        advance();
        double value = Double.parseDouble(token.text());
        if (!Double.isFinite(value)) {
          throw ExpressionException.invalid("number out of range", token.position());
        }
        return count(new Expr.Num(value), token);
      }
      case IDENTIFIER -> {
        advance();
        return switch (token.text()) {
          case "rotate" -> parseRotate(token);
          case "sum" -> parseSum(token);
          default -> variable(token);
        };
      }
      case LEFT_PAREN -> {
        advance();
        enter(token);
        Expr inner = parseBinary(ADDITIVE);
        expect(Kind.RIGHT_PAREN, "')'");
        leave();
        return inner;
      }
      default -> throw ExpressionException.expected("an operand", token.position());
    }
  }

  private Expr variable(Token name) {
    if (!isKnownVariable.test(name.text())) {
      throw ExpressionException.unknownVariable(name.text(), name.position());
    }
    return count(new Expr.Var(name.text()), name);
  }

  private Expr parseRotate(Token function) {
    expect(Kind.LEFT_PAREN, "'(' after 'rotate'");
    enter(function);
    Expr operand = parseCallOperand();
    expect(Kind.COMMA, "','");
    int steps = parseRotationSteps();
    expect(Kind.RIGHT_PAREN, "')'");
    leave();
    return count(new Expr.Rotate(operand, steps), function);
  }

  private Expr parseSum(Token function) {
    expect(Kind.LEFT_PAREN, "'(' after 'sum'");
    enter(function);
    Expr operand = parseCallOperand();
    expect(Kind.RIGHT_PAREN, "')'");
    leave();
    return count(new Expr.Sum(operand), function);
  }

  private Expr parseCallOperand() {
    int start = current.position();
    Expr operand = parseBinary(ADDITIVE);
    if (!usesVariable(operand)) {
      throw ExpressionException.expected("an operand that uses a variable", start);
    }
    return operand;
  }

  /** {@code ["-"] digits}, within the range of an int. */
  private int parseRotationSteps() {
    boolean negative = current.is(Kind.MINUS);
    if (negative) {
      advance();
    }
    Token literal = current;
    if (!literal.isDigitsOnly()) {
      throw ExpressionException.expected("an integer rotation step", literal.position());
    }
    advance();
    String digits = literal.text().replaceFirst("^0+(?=.)", "");
    long magnitude = digits.length() > 10 ? Long.MAX_VALUE : Long.parseLong(digits);
    if (magnitude > Integer.MAX_VALUE) {
      throw ExpressionException.invalid("rotation step out of range", literal.position());
    }
    return negative ? (int) -magnitude : (int) magnitude;
  }

  private void expect(Kind kind, String description) {
    if (!current.is(kind)) {
      throw ExpressionException.expected(description, current.position());
    }
    advance();
  }

  private Token advance() {
    Token consumed = current;
    current = lexer.next();
    return consumed;
  }

  private void enter(Token at) {
    if (++nesting > limits.maxNesting()) {
      throw ExpressionException.tooComplex("nesting", limits.maxNesting(), at.position());
    }
  }

  private void leave() {
    nesting--;
  }

  private Expr count(Expr node, Token at) {
    if (++nodes > limits.maxNodes()) {
      throw ExpressionException.tooComplex("nodes", limits.maxNodes(), at.position());
    }
    return node;
  }

  private static int infixPrecedence(Kind kind) {
    return switch (kind) {
      case PLUS, MINUS -> ADDITIVE;
      case STAR -> MULTIPLICATIVE;
      default -> 0;
    };
  }

  /** Depth-bounded: the tree has at most {@code maxNodes} nodes. */
  static boolean usesVariable(Expr e) {
    if (e instanceof Expr.Var) {
      return true;
    }
    if (e instanceof Expr.Num) {
      return false;
    }
    if (e instanceof Expr.Neg n) {
      return usesVariable(n.operand());
    }
    if (e instanceof Expr.Add a) {
      return usesVariable(a.left()) || usesVariable(a.right());
    }
    if (e instanceof Expr.Sub s) {
      return usesVariable(s.left()) || usesVariable(s.right());
    }
    if (e instanceof Expr.Mul m) {
      return usesVariable(m.left()) || usesVariable(m.right());
    }
    if (e instanceof Expr.Pow p) {
      return usesVariable(p.base());
    }
    if (e instanceof Expr.Rotate r) {
      return usesVariable(r.operand());
    }
    return usesVariable(((Expr.Sum) e).operand());
  }
}
