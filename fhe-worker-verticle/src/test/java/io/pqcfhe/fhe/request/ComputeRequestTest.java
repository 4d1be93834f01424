package io.pqcfhe.fhe.request;

import static io.pqcfhe.fhe.request.Refusals.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.pqcfhe.fhe.expression.Expr;
import io.pqcfhe.protocol.ProtocolError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComputeRequestTest {
  private static final String POLYNOMIAL =
      "{\"context_id\":\"fhe-ctx-001\",\"operation\":\"polynomial\",\"operands\":[\"ct-001\",\"ct-002\"],"
          + "\"parameters\":{\"expression\":\"a * b + 0.5 * a\",\"variable_mapping\":{\"a\":\"ct-001\",\"b\":\"ct-002\"}}}";

  private static JsonObject polynomial() {
    return new JsonObject(POLYNOMIAL);
  }

  private static JsonObject op(String operation, JsonArray operands, JsonObject parameters) {
    JsonObject payload = new JsonObject().put("context_id", "c").put("operation", operation).put("operands", operands);
    return parameters == null ? payload : payload.put("parameters", parameters);
  }

  private static JsonArray ids(String... ids) {
    JsonArray array = new JsonArray();
    for (String id : ids) {
      array.add(id);
    }
    return array;
  }

  private static ComputeRequest parse(JsonObject payload) {
    return ComputeRequest.fromPayload(payload, RequestLimits.DEFAULT);
  }

  private static JsonObject parameters(JsonObject payload) {
    return payload.getJsonObject("parameters");
  }

  @Test
  void theReferencePolynomial() {
    ComputeRequest request = parse(polynomial());
    assertEquals(Operation.POLYNOMIAL, request.operation());
    assertEquals(List.of("ct-001", "ct-002"), request.operands());
    OperationParameters.Polynomial p = assertInstanceOf(OperationParameters.Polynomial.class, request.parameters());
    assertEquals(Map.of("a", "ct-001", "b", "ct-002"), p.variableMapping());
    assertEquals(
        new Expr.Add(new Expr.Mul(new Expr.Var("a"), new Expr.Var("b")), new Expr.Mul(new Expr.Num(0.5), new Expr.Var("a"))),
        p.expression());
    assertEquals("a * b + 0.5 * a", p.expressionText());
  }

  @Test
  void polynomialOperandsMayBeOmittedOrGivenInAnyOrder() {
    JsonObject omitted = polynomial();
    omitted.remove("operands");
    assertEquals(List.of("ct-001", "ct-002"), parse(omitted).operands());
    assertEquals(List.of("ct-001", "ct-002"), parse(polynomial().put("operands", ids("ct-002", "ct-001"))).operands());
    JsonObject shared = polynomial();
    parameters(shared).put("variable_mapping", new JsonObject().put("a", "ct-1").put("b", "ct-1"));
    assertEquals(List.of("ct-1"), parse(shared.put("operands", ids("ct-1"))).operands());
  }

  @Test
  void polynomialOperandsMustMatchTheMapping() {
    for (JsonArray bad : List.of(ids("ct-001"), ids("ct-001", "ct-002", "ct-003"), ids("ct-001", "ct-009"), new JsonArray())) {
      assertInvalid("payload.operands", "operands_mismatch", () -> parse(polynomial().put("operands", bad)));
    }
    assertInvalid("payload.operands[1]", "wrong_type", () -> parse(polynomial().put("operands", new JsonArray().add("ct-001").add(2))));
  }

  @Test
  void expressionErrorsCarryTheirPosition() {
    JsonObject payload = polynomial();
    parameters(payload).put("expression", "a * (b + 1");
    ProtocolError error = assertInvalid("payload.parameters.expression", "invalid_expression", () -> parse(payload));
    assertEquals(10, error.details().getInteger("position"));
    assertEquals("expected ')' at position 10", error.message());

    parameters(payload).put("expression", "a * c");
    error = assertInvalid("payload.parameters.expression", "unknown_variable", () -> parse(payload));
    assertEquals("c", error.details().getString("variable"));
    assertEquals(4, error.details().getInteger("position"));

    parameters(payload).put("expression", "a^65");
    error = assertInvalid("payload.parameters.expression", "expression_too_complex", () -> parse(payload));
    assertEquals("exponent", error.details().getString("limit"));

    parameters(payload).put("expression", 42);
    assertInvalid("payload.parameters.expression", "wrong_type", () -> parse(payload));
    parameters(payload).remove("expression");
    assertInvalid("payload.parameters.expression", "missing", () -> parse(payload));
  }

  @Test
  void variableMappingRefusals() {
    JsonObject payload = polynomial();
    parameters(payload).put("variable_mapping", new JsonObject());
    assertInvalid("payload.parameters.variable_mapping", "empty", () -> parse(payload));
    parameters(payload).put("variable_mapping", new JsonArray());
    assertInvalid("payload.parameters.variable_mapping", "wrong_type", () -> parse(payload));
    parameters(payload).put("variable_mapping", new JsonObject().put("a", "ct-001").put("b", 2));
    assertInvalid("payload.parameters.variable_mapping.b", "wrong_type", () -> parse(payload));
    parameters(payload).put("variable_mapping", new JsonObject().put("a", "ct-001").put("b", ""));
    assertInvalid("payload.parameters.variable_mapping.b", "invalid_id", () -> parse(payload));
    for (String name : new String[] {"sum", "rotate", "1a", "a-b", "", "a b"}) {
      parameters(payload).put("variable_mapping", new JsonObject().put("a", "ct-001").put(name, "ct-002"));
      ProtocolError error = assertInvalid("payload.parameters.variable_mapping", "invalid_variable_name", () -> parse(payload));
      assertEquals(name, error.details().getString("variable"));
    }
    parameters(payload).remove("variable_mapping");
    assertInvalid("payload.parameters.variable_mapping", "missing", () -> parse(payload));
    payload.remove("parameters");
    assertInvalid("payload.parameters.expression", "missing", () -> parse(payload));
    assertInvalid("payload.parameters", "wrong_type", () -> parse(polynomial().put("parameters", "a*b")));
  }

  @Test
  void singleOperations() {
    assertInstanceOf(OperationParameters.None.class, parse(op("add", ids("x", "y"), null)).parameters());
    assertInstanceOf(OperationParameters.None.class, parse(op("negate", ids("x"), new JsonObject())).parameters());
    assertEquals(new OperationParameters.Multiplication(true), parse(op("multiply", ids("x", "y"), null)).parameters());
    assertEquals(
        new OperationParameters.Multiplication(false),
        parse(op("square", ids("x"), new JsonObject().put("rescale", false))).parameters());
    assertEquals(new OperationParameters.Rotation(-3), parse(op("rotate", ids("x"), new JsonObject().put("steps", -3))).parameters());
    assertEquals(
        new OperationParameters.Plain(new PlainOperand.Scalar(2.5)),
        parse(op("add_plain", ids("x"), new JsonObject().put("plain", 2.5))).parameters());
    OperationParameters.Plain vector =
        (OperationParameters.Plain) parse(op("multiply_plain", ids("x"), new JsonObject().put("plain", new JsonArray("[1,2,3]")))).parameters();
    assertArrayEquals(new double[] {1, 2, 3}, ((PlainOperand.Vector) vector.plain()).values());
    ComputeRequest rescale = parse(op("rescale", ids("x"), null).put("include_ciphertext", false).put("compression", "zstd"));
    assertFalse(rescale.includeCiphertext());
    assertEquals(Compression.ZSTD, rescale.compression());
  }

  @Test
  void everyOperationChecksItsOperandCount() {
    for (Operation operation : Operation.values()) {
      if (operation == Operation.POLYNOMIAL) {
        continue;
      }
      JsonArray wrong = operation.arity() == 2 ? ids("x") : ids("x", "y");
      ProtocolError error = assertInvalid("payload.operands", "wrong_operand_count", () -> parse(op(operation.wireName(), wrong, null)));
      assertEquals(operation.arity(), error.details().getInteger("expected"));
    }
    JsonObject noOperands = op("add", ids(), null);
    noOperands.remove("operands");
    assertInvalid("payload.operands", "missing", () -> parse(noOperands));
    assertInvalid("payload.operands", "wrong_type", () -> parse(op("add", ids(), null).put("operands", "x,y")));
  }

  @Test
  void operationAndParameterRefusals() {
    assertInvalid("payload.operation", "unknown_operation", () -> parse(op("divide", ids("x", "y"), null)));
    assertInvalid("payload.operation", "wrong_type", () -> parse(op("add", ids("x", "y"), null).put("operation", 1)));
    assertInvalid("payload.parameters.steps", "missing", () -> parse(op("rotate", ids("x"), null)));
    assertInvalid("payload.parameters.steps", "wrong_type", () -> parse(op("rotate", ids("x"), new JsonObject().put("steps", "1"))));
    assertInvalid("payload.parameters.steps", "wrong_type", () -> parse(op("rotate", ids("x"), new JsonObject().put("steps", 1.5))));
    assertInvalid("payload.parameters.steps", "out_of_range", () -> parse(op("rotate", ids("x"), new JsonObject().put("steps", 1L << 33))));
    assertInvalid("payload.parameters.rescale", "wrong_type", () -> parse(op("multiply", ids("x", "y"), new JsonObject().put("rescale", "no"))));
    assertInvalid("payload.parameters.plain", "missing", () -> parse(op("add_plain", ids("x"), null)));
    assertInvalid("payload.parameters.plain", "wrong_type", () -> parse(op("sub_plain", ids("x"), new JsonObject().put("plain", "2"))));
    assertInvalid("payload.parameters.plain", "not_finite", () -> parse(op("sub_plain", ids("x"), new JsonObject().put("plain", Double.NaN))));
    assertInvalid(
        "payload.parameters.plain[1]",
        "wrong_type",
        () -> parse(op("multiply_plain", ids("x"), new JsonObject().put("plain", new JsonArray("[1,\"2\"]")))));
    assertInvalid(
        "payload.parameters.plain[0]",
        "not_finite",
        () -> parse(op("multiply_plain", ids("x"), new JsonObject().put("plain", new JsonArray().add(Double.POSITIVE_INFINITY)))));
    assertInvalid("payload.parameters.plain", "empty", () -> parse(op("add_plain", ids("x"), new JsonObject().put("plain", new JsonArray()))));
    assertInvalid("payload.include_ciphertext", "wrong_type", () -> parse(op("negate", ids("x"), null).put("include_ciphertext", 0)));
    assertInvalid("payload.compression", "unsupported_compression", () -> parse(op("negate", ids("x"), null).put("compression", "brotli")));
  }

  @Test
  void checksThatNeedTheSlotCount() {
    ComputeRequest vector = parse(op("add_plain", ids("x"), new JsonObject().put("plain", new JsonArray("[1,2,3,4,5]"))));
    vector.requireFitsSlots(5);
    assertInvalid("payload.parameters.plain", "too_many_values", () -> vector.requireFitsSlots(4));
    parse(op("add_plain", ids("x"), new JsonObject().put("plain", 7))).requireFitsSlots(1);

    ComputeRequest rotate = parse(op("rotate", ids("x"), new JsonObject().put("steps", -4096)));
    rotate.requireFitsSlots(8192);
    assertInvalid("payload.parameters.steps", "out_of_range", () -> rotate.requireFitsSlots(4096));

    JsonObject payload = polynomial();
    parameters(payload).put("expression", "a + rotate(b * sum(a), 4096)");
    ComputeRequest polynomial = parse(payload);
    polynomial.requireFitsSlots(8192);
    ProtocolError error =
        assertInvalid("payload.parameters.expression", "out_of_range", () -> polynomial.requireFitsSlots(4096));
    assertEquals(4096, error.details().getInteger("steps"));
  }
}
