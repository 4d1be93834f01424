package io.pqcfhe.fhe.service;

import io.pqcfhe.ckks.ckks.CkksEvaluator;
import io.pqcfhe.fhe.expression.ExpressionException;
import io.pqcfhe.fhe.expression.ExpressionPlanner;
import io.pqcfhe.fhe.expression.Plan;
import io.pqcfhe.fhe.expression.PlanExecutor;
import io.pqcfhe.fhe.request.ComputeRequest;
import io.pqcfhe.fhe.request.Operation;
import io.pqcfhe.fhe.request.OperationParameters;
import io.pqcfhe.fhe.request.PlainOperand;
import io.pqcfhe.fhe.store.FheContext;
import io.pqcfhe.fhe.store.FheStore;
import io.pqcfhe.fhe.store.StoredCiphertext;
import io.pqcfhe.protocol.ErrorCode;
import io.pqcfhe.protocol.ProtocolError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code fhe.compute}: every refusal that can be known in advance (unknown or foreign ids, context
 * mismatch, missing keys, too few levels, quota) is raised before any homomorphic work starts; a result is
 * stored only when the whole operation succeeded.
 */
final class ComputeHandler {
  /** The largest integer multiplier applied without encoding (as the planner does for constants). */
  private static final double INTEGER_LIMIT = 0x1p31;

  private final FheStore store;

  ComputeHandler(FheStore store) {
    this.store = store;
  }

  FheAnswer handle(ComputeRequest request, String sessionId, Ids ids) {
    FheContext context = store.context(sessionId, request.contextId());
    request.requireFitsSlots(context.parameters().slotCount());
    List<StoredCiphertext> operands = new ArrayList<>();
    long largest = 0;
    for (String id : request.operands()) {
      StoredCiphertext operand = store.ciphertext(sessionId, request.contextId(), id);
      operands.add(operand);
      largest = Math.max(largest, operand.sizeBytes());
    }
    store.requireRoom(sessionId, 0, 1, largest);
    EngineBackend backend =
        new EngineBackend(context.evaluator(), context.encoder(), new NoiseModel(context.parameters()));

    long start = System.nanoTime();
    Outcome outcome =
        request.operation() == Operation.POLYNOMIAL
            ? polynomial(request, operands, context, backend)
            : single(request, operands, context, backend);
    double elapsedMs = (System.nanoTime() - start) / 1e6;

    StoredCiphertext result = outcome.result();
    String id = ids.next("ct-");
    store.addCiphertext(sessionId, request.contextId(), id, result);
    JsonObject answer = new JsonObject().put("result_ciphertext_id", id);
    Optional<byte[]> bytes = FheService.putCiphertext(
        answer, "result_ciphertext", context, result.ciphertext(), request.includeCiphertext(), request.compression());
    int level = result.ciphertext().level();
    answer
        .put("operations_performed", new JsonArray(outcome.operations()))
        .put("remaining_depth", level)
        .put("noise_budget", NoiseBudget.of(context.parameters(), result.ciphertext()))
        .put("level", level)
        .put("scale", result.ciphertext().scale())
        .put("computation_time_ms", Math.round(elapsedMs * 1000) / 1000.0);
    return FheAnswer.of(answer, "result_ciphertext", bytes);
  }

  private record Outcome(StoredCiphertext result, List<String> operations) {}

  private static Outcome single(
      ComputeRequest request, List<StoredCiphertext> operands, FheContext context, EngineBackend backend) {
    StoredCiphertext a = operands.get(0);
    Operation operation = request.operation();
    if (operation != Operation.RELINEARIZE && operation != Operation.ADD && operation != Operation.SUB
        && operation != Operation.NEGATE) {
      for (StoredCiphertext operand : operands) {
        requireRelinearized(operand);
      }
    }
    return switch (operation) {
      case ADD -> new Outcome(backend.add(a, operands.get(1)), List.of("add"));
      case SUB -> new Outcome(backend.sub(a, operands.get(1)), List.of("sub"));
      case NEGATE -> new Outcome(backend.negate(a), List.of("negate"));
      case ADD_PLAIN, SUB_PLAIN -> addPlain(operation, a, plain(request), backend);
      case MULTIPLY, SQUARE -> multiply(request, operands, context, backend);
      case MULTIPLY_PLAIN -> multiplyPlain(a, plain(request), backend);
      case ROTATE -> {
        int steps = ((OperationParameters.Rotation) request.parameters()).steps();
        requireRotations(context, List.of(steps), false);
        yield new Outcome(steps == 0 ? a : backend.rotate(a, steps), List.of("rotate"));
      }
      case SUM -> {
        requireRotations(context, List.of(), true);
        yield new Outcome(backend.sum(a), List.of("sum"));
      }
      case RESCALE -> {
        requireLevels(a.ciphertext().level(), 1);
        yield new Outcome(backend.rescale(a), List.of("rescale"));
      }
      case RELINEARIZE -> {
        if (a.ciphertext().size() > 2 && !context.hasRelinKeys()) {
          throw EngineErrors.missingRelinKeys().asException();
        }
        yield new Outcome(backend.relinearize(a), List.of("relinearize"));
      }
      case POLYNOMIAL -> throw new IllegalStateException("polynomial is planned, not a single operation");
    };
  }

  private static Outcome addPlain(Operation operation, StoredCiphertext a, PlainOperand plain, EngineBackend backend) {
    boolean add = operation == Operation.ADD_PLAIN;
    StoredCiphertext result;
    if (plain instanceof PlainOperand.Scalar s) {
      result = add ? backend.addPlain(a, s.value()) : backend.subPlain(a, s.value());
    } else {
      double[] values = ((PlainOperand.Vector) plain).values();
      result = add ? backend.addPlain(a, values) : backend.subPlain(a, values);
    }
    return new Outcome(result, List.of(operation.wireName()));
  }

  private static Outcome multiply(
      ComputeRequest request, List<StoredCiphertext> operands, FheContext context, EngineBackend backend) {
    boolean rescale = ((OperationParameters.Multiplication) request.parameters()).rescale();
    if (!context.hasRelinKeys()) {
      throw EngineErrors.missingRelinKeys().asException();
    }
    int level = operands.stream().mapToInt(o -> o.ciphertext().level()).min().orElseThrow();
    if (rescale) {
      requireLevels(level, 1);
    }
    String name = request.operation().wireName();
    StoredCiphertext result =
        request.operation() == Operation.SQUARE
            ? backend.square(operands.get(0), rescale)
            : backend.multiply(operands.get(0), operands.get(1), rescale);
    return new Outcome(result, rescale ? List.of(name, "relinearize", "rescale") : List.of(name, "relinearize"));
  }

  /** An integer scalar multiplies without encoding and costs no level, as in expressions. */
  private static Outcome multiplyPlain(StoredCiphertext a, PlainOperand plain, EngineBackend backend) {
    if (plain instanceof PlainOperand.Scalar s && s.value() == Math.rint(s.value()) && Math.abs(s.value()) < INTEGER_LIMIT) {
      return new Outcome(backend.multiplyInteger(a, (long) s.value()), List.of("multiply_plain"));
    }
    requireLevels(a.ciphertext().level(), 1);
    StoredCiphertext result =
        plain instanceof PlainOperand.Scalar s
            ? backend.multiplyPlain(a, s.value())
            : backend.multiplyPlain(a, ((PlainOperand.Vector) plain).values());
    return new Outcome(result, List.of("multiply_plain", "rescale"));
  }

  private static Outcome polynomial(
      ComputeRequest request, List<StoredCiphertext> operands, FheContext context, EngineBackend backend) {
    OperationParameters.Polynomial polynomial = (OperationParameters.Polynomial) request.parameters();
    Map<String, StoredCiphertext> byId = new LinkedHashMap<>();
    for (int i = 0; i < operands.size(); i++) {
      requireRelinearized(operands.get(i));
      byId.put(request.operands().get(i), operands.get(i));
    }
    Map<String, StoredCiphertext> variables = new LinkedHashMap<>();
    Map<String, Integer> levels = new LinkedHashMap<>();
    Set<String> used = ExpressionPlanner.variablesOf(polynomial.expression());
    polynomial.variableMapping().forEach((variable, id) -> {
      if (used.contains(variable)) {
        variables.put(variable, byId.get(id));
        levels.put(variable, byId.get(id).ciphertext().level());
      }
    });
    Plan plan;
    try {
      plan = ExpressionPlanner.plan(polynomial.expression(), levels);
    } catch (ExpressionException e) {
      throw e.toProtocolError().asException();
    }
    plan.requireFeasible();
    if (plan.usesRelinearization() && !context.hasRelinKeys()) {
      throw EngineErrors.missingRelinKeys().asException();
    }
    if (plan.usesSlotSum() || !plan.rotationSteps().isEmpty()) {
      requireRotations(context, plan.rotationSteps(), plan.usesSlotSum());
    }
    StoredCiphertext result = PlanExecutor.execute(plan, variables, backend);
    return new Outcome(result, plan.operationsPerformed());
  }

  private static PlainOperand plain(ComputeRequest request) {
    return ((OperationParameters.Plain) request.parameters()).plain();
  }

  /**
   * Refuses before any work when a rotation or slot sum lacks its Galois keys (a context set up with
   * {@code rotations} has keys for those steps only), instead of failing halfway through a computation.
   */
  private static void requireRotations(FheContext context, Collection<Integer> steps, boolean slotSum) {
    CkksEvaluator evaluator = context.evaluator();
    boolean available = context.hasGaloisKeys()
        && steps.stream().allMatch(evaluator::canRotate)
        && (!slotSum || evaluator.canSumSlots());
    if (!available) {
      throw EngineErrors.missingGaloisKey().asException();
    }
  }

  private static void requireRelinearized(StoredCiphertext operand) {
    if (operand.ciphertext().size() != 2) {
      throw ProtocolError.withReason(
              ErrorCode.FHE_COMPUTATION_ERROR, "not_relinearized", "an operand must be relinearized first")
          .asException();
    }
  }

  /** {@code NOISE_BUDGET_EXHAUSTED} before any work when fewer than {@code required} levels are left. */
  private static void requireLevels(int level, int required) {
    if (level < required) {
      throw new ProtocolError(
              ErrorCode.NOISE_BUDGET_EXHAUSTED,
              "the operation needs " + required + " level(s) and the operand is at level " + level,
              new JsonObject().put("reason", "insufficient_level").put("level", level).put("required_level", required))
          .asException();
    }
  }
}
