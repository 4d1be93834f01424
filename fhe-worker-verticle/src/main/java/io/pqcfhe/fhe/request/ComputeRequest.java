package io.pqcfhe.fhe.request;

import io.pqcfhe.fhe.expression.Expr;
import io.pqcfhe.fhe.expression.ExpressionException;
import io.pqcfhe.fhe.expression.ExpressionParser;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code fhe.compute}: one operation over stored ciphertexts.
 *
 * @param operands the ciphertext ids, in order; for {@code polynomial}, the distinct ids of
 *     {@code variable_mapping} in the order the mapping lists them
 */
public record ComputeRequest(
    String contextId,
    Operation operation,
    List<String> operands,
    OperationParameters parameters,
    boolean includeCiphertext,
    Compression compression)
    implements FheRequest {

  public ComputeRequest {
    Objects.requireNonNull(contextId, "contextId");
    Objects.requireNonNull(operation, "operation");
    operands = List.copyOf(operands);
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(compression, "compression");
  }

  public static ComputeRequest fromPayload(JsonObject payload, RequestLimits limits) {
    Fields fields = Fields.payload(payload);
    String contextId = fields.requiredId("context_id");
    String operationName = fields.requiredString("operation");
    Operation operation =
        Operation.fromWireName(operationName)
            .orElseThrow(
                () -> RequestErrors.invalid(fields.path("operation"), "unknown_operation", "unknown operation"));
    Fields parameters = fields.optionalObject("parameters");
    boolean includeCiphertext = fields.optionalBoolean("include_ciphertext", true);
    Compression compression = Compression.read(fields);

    if (operation == Operation.POLYNOMIAL) {
      OperationParameters.Polynomial polynomial = polynomial(parameters, limits);
      List<String> operands = polynomialOperands(fields, polynomial.variableMapping());
      return new ComputeRequest(contextId, operation, operands, polynomial, includeCiphertext, compression);
    }
    List<String> operands = fields.requiredIds("operands", RequestLimits.MAX_IDS);
    if (operands.size() != operation.arity()) {
      throw RequestErrors.invalid(
          fields.path("operands"),
          "wrong_operand_count",
          operation.wireName() + " takes " + operation.arity() + (operation.arity() == 1 ? " operand" : " operands"),
          new JsonObject().put("expected", operation.arity()));
    }
    return new ComputeRequest(
        contextId, operation, operands, parameters(operation, parameters), includeCiphertext, compression);
  }

  private static OperationParameters parameters(Operation operation, Fields parameters) {
    return switch (operation) {
      case MULTIPLY, SQUARE -> new OperationParameters.Multiplication(parameters.optionalBoolean("rescale", true));
      case ROTATE -> {
        long steps = parameters.requiredIntegral("steps");
        if (steps < Integer.MIN_VALUE || steps > Integer.MAX_VALUE) {
          throw RequestErrors.invalid(parameters.path("steps"), "out_of_range", parameters.path("steps") + " is out of range");
        }
        yield new OperationParameters.Rotation((int) steps);
      }
      case ADD_PLAIN, SUB_PLAIN, MULTIPLY_PLAIN -> new OperationParameters.Plain(PlainOperand.read(parameters));
      default -> new OperationParameters.None();
    };
  }

  private static OperationParameters.Polynomial polynomial(Fields parameters, RequestLimits limits) {
    String text = parameters.requiredString("expression");
    Fields mappingFields = parameters.requiredObject("variable_mapping");
    JsonObject mapping = mappingFields.json();
    String mappingPath = mappingFields.path();
    if (mapping.isEmpty()) {
      throw RequestErrors.invalid(mappingPath, "empty", mappingPath + " must bind at least one variable");
    }
    if (mapping.size() > RequestLimits.MAX_IDS) {
      throw RequestErrors.tooManyValues(mappingPath, RequestLimits.MAX_IDS);
    }
    Map<String, String> variables = new LinkedHashMap<>();
    for (String name : mapping.fieldNames()) {
      if (!ExpressionParser.isValidVariableName(name)) {
        String shown =
            name.length() > ExpressionException.SHOWN_NAME_LENGTH
                ? name.substring(0, ExpressionException.SHOWN_NAME_LENGTH)
                : name;
        throw RequestErrors.invalid(
            mappingPath,
            "invalid_variable_name",
            "variable names are identifiers ([A-Za-z_][A-Za-z0-9_]*) other than rotate and sum",
            new JsonObject().put("variable", shown));
      }
      variables.put(name, Fields.id(mappingFields.path(name), mapping.getValue(name)));
    }
    Expr expression;
    try {
      expression = ExpressionParser.parse(text, limits.expressionLimits(), variables::containsKey);
    } catch (ExpressionException e) {
      throw e.toProtocolError().asException();
    }
    return new OperationParameters.Polynomial(text, expression, variables);
  }

  /** {@code operands}, when given, must list exactly the ids of the mapping (as sets). */
  private static List<String> polynomialOperands(Fields fields, Map<String, String> variableMapping) {
    List<String> mapped = new ArrayList<>(new LinkedHashSet<>(variableMapping.values()));
    if (fields.has("operands")) {
      List<String> given = fields.requiredIds("operands", RequestLimits.MAX_IDS);
      if (!new HashSet<>(given).equals(new HashSet<>(mapped))) {
        throw RequestErrors.invalid(
            fields.path("operands"),
            "operands_mismatch",
            "operands must list exactly the ciphertext ids of variable_mapping");
      }
    }
    return mapped;
  }

  /**
   * The checks that need the context: a plain vector longer than the slot count ({@code too_many_values}),
   * a rotation step of magnitude at least the slot count ({@code out_of_range}, in {@code parameters.steps}
   * or in the expression).
   */
  public void requireFitsSlots(int slotCount) {
    if (parameters instanceof OperationParameters.Plain plain
        && plain.plain() instanceof PlainOperand.Vector vector
        && vector.size() > slotCount) {
      throw RequestErrors.tooManyValues("payload.parameters.plain", slotCount);
    }
    if (parameters instanceof OperationParameters.Rotation rotation && !fits(rotation.steps(), slotCount)) {
      throw rotationOutOfRange("payload.parameters.steps", rotation.steps(), slotCount);
    }
    if (parameters instanceof OperationParameters.Polynomial polynomial) {
      for (int steps : rotationSteps(polynomial.expression(), new HashSet<>())) {
        if (!fits(steps, slotCount)) {
          throw rotationOutOfRange(ExpressionException.FIELD, steps, slotCount);
        }
      }
    }
  }

  private static boolean fits(int steps, int slotCount) {
    return steps > -slotCount && steps < slotCount;
  }

  private static RuntimeException rotationOutOfRange(String path, int steps, int slotCount) {
    return RequestErrors.invalid(
        path,
        "out_of_range",
        "a rotation step must be smaller than the slot count (" + slotCount + ") in magnitude",
        new JsonObject().put("steps", steps).put("max", slotCount - 1));
  }

  private static Set<Integer> rotationSteps(Expr e, Set<Integer> into) {
    if (e instanceof Expr.Rotate r) {
      into.add(r.steps());
      rotationSteps(r.operand(), into);
    } else if (e instanceof Expr.Sum s) {
      rotationSteps(s.operand(), into);
    } else if (e instanceof Expr.Neg n) {
      rotationSteps(n.operand(), into);
    } else if (e instanceof Expr.Pow p) {
      rotationSteps(p.base(), into);
    } else if (e instanceof Expr.Add a) {
      rotationSteps(a.left(), into);
      rotationSteps(a.right(), into);
    } else if (e instanceof Expr.Sub s) {
      rotationSteps(s.left(), into);
      rotationSteps(s.right(), into);
    } else if (e instanceof Expr.Mul m) {
      rotationSteps(m.left(), into);
      rotationSteps(m.right(), into);
    }
    return into;
  }
}
