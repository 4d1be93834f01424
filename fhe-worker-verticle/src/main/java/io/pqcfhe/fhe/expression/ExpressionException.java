package io.pqcfhe.fhe.expression;

import io.pqcfhe.protocol.ErrorCode;
import io.pqcfhe.protocol.ProtocolError;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * A refused expression: what was wrong, where (0-based character position), and the stable reason word
 * the client sees. Cheap to throw (no stack trace): refusing hostile input must not cost more than parsing it.
 */
public final class ExpressionException extends RuntimeException {

  /** The JSON path of the expression in an {@code fhe.compute} payload. */
  public static final String FIELD = "payload.parameters.expression";

  /** Why an expression was refused; {@link #word()} is the stable {@code details.reason}. */
  public enum Reason {
    /** Not in the grammar, or meaningless (no variable, a literal out of range). */
    INVALID_EXPRESSION("invalid_expression"),
    /** A variable that {@code variable_mapping} does not bind. */
    UNKNOWN_VARIABLE("unknown_variable"),
    /** Past one of the {@link ExpressionLimits}. */
    EXPRESSION_TOO_COMPLEX("expression_too_complex");

    private final String word;

    Reason(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }
  }

  /** Names echoed in refusals are cut to this length. */
  public static final int SHOWN_NAME_LENGTH = 64;

  private final Reason reason;
  private final int position;
  private final JsonObject extra;

  private ExpressionException(Reason reason, int position, String message, JsonObject extra) {
    super(message, null, false, false);
    this.reason = Objects.requireNonNull(reason);
    this.position = position;
    this.extra = extra;
  }

  static ExpressionException expected(String what, int position) {
    return new ExpressionException(
        Reason.INVALID_EXPRESSION, position, "expected " + what + " at position " + position, new JsonObject());
  }

  static ExpressionException invalid(String message, int position) {
    return new ExpressionException(
        Reason.INVALID_EXPRESSION, position, message + " at position " + position, new JsonObject());
  }

  static ExpressionException unknownVariable(String name, int position) {
    String shown = name.length() > SHOWN_NAME_LENGTH ? name.substring(0, SHOWN_NAME_LENGTH) : name;
    return new ExpressionException(
        Reason.UNKNOWN_VARIABLE,
        position,
        "unknown variable '" + shown + "' at position " + position + " (not in variable_mapping)",
        new JsonObject().put("variable", shown));
  }

  static ExpressionException tooComplex(String limit, int max, int position) {
    return new ExpressionException(
        Reason.EXPRESSION_TOO_COMPLEX,
        position,
        "expression exceeds the " + limit + " limit of " + max + " at position " + position,
        new JsonObject().put("limit", limit).put("max", max));
  }

  public Reason reason() {
    return reason;
  }

  /** 0-based character position in the expression text. */
  public int position() {
    return position;
  }

  /**
   * {@code INVALID_REQUEST} with {@code details}: {@code reason}, {@code position}, {@code field}, and
   * {@code variable} (unknown variable) or {@code limit} and {@code max} (too complex).
   */
  public ProtocolError toProtocolError() {
    JsonObject details =
        extra.copy().put("reason", reason.word()).put("position", position).put("field", FIELD);
    return new ProtocolError(ErrorCode.INVALID_REQUEST, getMessage(), details);
  }
}
