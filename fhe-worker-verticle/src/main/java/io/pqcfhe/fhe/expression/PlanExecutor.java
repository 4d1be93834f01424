package io.pqcfhe.fhe.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a {@link Plan} on a {@link CkksBackend}. Registers are released after their last reader, so a long
 * expression holds only the ciphertexts it still needs.
 */
public final class PlanExecutor {
  private PlanExecutor() {}

  /**
   * Evaluates {@code plan} with {@code operands} (variable name to ciphertext). The operands must sit at the
   * levels the plan was compiled for.
   *
   * @return the result; when the expression is a bare variable, that operand itself
   * @throws io.pqcfhe.protocol.ProtocolException {@code NOISE_BUDGET_EXHAUSTED} before any work when the
   *     levels do not suffice ({@link Plan#requireFeasible()})
   * @throws IllegalArgumentException when an operand is missing or not at the level the plan expects
   */
  public static <C> C execute(Plan plan, Map<String, C> operands, CkksBackend<C> backend) {
    Objects.requireNonNull(backend, "backend");
    List<C> registers = new ArrayList<>(plan.registerCount());
    for (String variable : plan.variables()) {
      C operand = operands.get(variable);
      if (operand == null) {
        throw new IllegalArgumentException("no ciphertext for variable " + variable);
      }
      if (backend.level(operand) != plan.inputLevels().get(variable)) {
        throw new IllegalArgumentException("variable " + variable + " is not at the level the plan was compiled for");
      }
      registers.add(operand);
    }
    plan.requireFeasible();
    List<Instruction> instructions = plan.instructions();
    for (int i = 0; i < instructions.size(); i++) {
      Instruction instruction = instructions.get(i);
      registers.add(instruction.step().apply(backend, registers::get));
      for (int operand : instruction.step().operands()) {
        if (plan.lastUse(operand) == i) {
          registers.set(operand, null);
        }
      }
    }
    return registers.get(plan.resultRegister());
  }
}
