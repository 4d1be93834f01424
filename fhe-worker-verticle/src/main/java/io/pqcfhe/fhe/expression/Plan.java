package io.pqcfhe.fhe.expression;

import io.pqcfhe.protocol.ErrorCode;
import io.pqcfhe.protocol.ProtocolError;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An immutable program of primitive CKKS operations over virtual registers, compiled for operands at given
 * levels. Registers {@code 0..variables().size()-1} hold the operands, in the order of {@link #variables()};
 * each {@link Instruction} writes one new register; {@link #resultRegister()} holds the answer (it may be an
 * operand register when the expression is a bare variable).
 */
public final class Plan {
  private final List<String> variables;
  private final Map<String, Integer> inputLevels;
  private final List<Instruction> instructions;
  private final int resultRegister;
  private final Map<String, Integer> requiredLevels;
  private final int[] lastUse;

  Plan(List<String> variables, Map<String, Integer> inputLevels, List<Instruction> instructions, int resultRegister) {
    this.variables = List.copyOf(variables);
    this.inputLevels = Collections.unmodifiableMap(new LinkedHashMap<>(inputLevels));
    this.instructions = List.copyOf(instructions);
    this.resultRegister = resultRegister;
    this.requiredLevels = computeRequiredLevels();
    this.lastUse = computeLastUse();
  }

  /** The operands' variable names; register {@code i} holds {@code variables().get(i)}. */
  public List<String> variables() {
    return variables;
  }

  /** The operand levels this plan was compiled for. */
  public Map<String, Integer> inputLevels() {
    return inputLevels;
  }

  public List<Instruction> instructions() {
    return instructions;
  }

  public int resultRegister() {
    return resultRegister;
  }

  /** The level of the result; negative when the operands' levels do not suffice ({@link #isFeasible()}). */
  public int resultLevel() {
    return instructions.isEmpty()
        ? inputLevels.get(variables.get(resultRegister))
        : levelOf(resultRegister);
  }

  /**
   * For each variable, the number of levels the plan consumes on the longest path from it to the result:
   * the plan can run exactly when every operand's level is at least this. Alignment steps (mod switches)
   * only realize the minimum of two levels and are not counted.
   */
  public Map<String, Integer> requiredLevels() {
    return requiredLevels;
  }

  /** The multiplicative depth: the largest of {@link #requiredLevels()}. */
  public int depth() {
    return requiredLevels.values().stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  public boolean isFeasible() {
    return variables.stream().allMatch(v -> inputLevels.get(v) >= requiredLevels.get(v));
  }

  /**
   * Refuses a plan the operands' levels cannot carry, before any work is done: {@code NOISE_BUDGET_EXHAUSTED}
   * with {@code details} {@code reason: "insufficient_level"}, {@code variable}, {@code level},
   * {@code required_level}.
   */
  public void requireFeasible() {
    for (String variable : variables) {
      int level = inputLevels.get(variable);
      int required = requiredLevels.get(variable);
      if (level < required) {
        throw new ProtocolError(
                ErrorCode.NOISE_BUDGET_EXHAUSTED,
                "the expression needs " + required + " levels on variable '" + variable + "', which is at level " + level,
                new JsonObject()
                    .put("reason", "insufficient_level")
                    .put("variable", variable)
                    .put("level", level)
                    .put("required_level", required))
            .asException();
      }
    }
  }

  /** The primitive operations in execution order, as reported in {@code operations_performed}. */
  public List<String> operationsPerformed() {
    List<String> names = new ArrayList<>();
    for (Instruction instruction : instructions) {
      names.addAll(instruction.step().reportedOperations());
    }
    return List.copyOf(names);
  }

  /** Every rotation step the plan uses (so Galois keys can be checked before starting). */
  public Set<Integer> rotationSteps() {
    Set<Integer> steps = new TreeSet<>();
    for (Instruction instruction : instructions) {
      if (instruction.step() instanceof Step.Rotate rotate) {
        steps.add(rotate.steps());
      }
    }
    return Collections.unmodifiableSet(steps);
  }

  /** True when the plan sums slots (which needs the Galois keys of the powers of two). */
  public boolean usesSlotSum() {
    return instructions.stream().anyMatch(i -> i.step() instanceof Step.SumSlots);
  }

  /** True when the plan multiplies ciphertexts (which needs relinearization keys). */
  public boolean usesRelinearization() {
    return instructions.stream()
        .anyMatch(i -> i.step() instanceof Step.Multiply || i.step() instanceof Step.Square);
  }

  /** The index of the last instruction reading {@code register}, or -1; the result is never released. */
  int lastUse(int register) {
    return lastUse[register];
  }

  int registerCount() {
    return variables.size() + instructions.size();
  }

  int levelOf(int register) {
    if (register < variables.size()) {
      return inputLevels.get(variables.get(register));
    }
    return instructions.get(register - variables.size()).level();
  }

  private int[] computeLastUse() {
    int[] last = new int[registerCount()];
    Arrays.fill(last, -1);
    for (int i = 0; i < instructions.size(); i++) {
      for (int operand : instructions.get(i).step().operands()) {
        last[operand] = i;
      }
    }
    last[resultRegister] = Integer.MAX_VALUE;
    return last;
  }

  /** Longest level-consuming path from every register to the result, walking the program backwards. */
  private Map<String, Integer> computeRequiredLevels() {
    int[] toResult = new int[registerCount()];
    Arrays.fill(toResult, Integer.MIN_VALUE);
    toResult[resultRegister] = 0;
    for (int i = instructions.size() - 1; i >= 0; i--) {
      Instruction instruction = instructions.get(i);
      int fromOutput = toResult[instruction.output()];
      if (fromOutput == Integer.MIN_VALUE) {
        continue;
      }
      int viaStep = fromOutput + instruction.step().levelCost();
      for (int operand : instruction.step().operands()) {
        toResult[operand] = Math.max(toResult[operand], viaStep);
      }
    }
    Map<String, Integer> required = new LinkedHashMap<>();
    for (int register = 0; register < variables.size(); register++) {
      required.put(variables.get(register), Math.max(0, toResult[register]));
    }
    return Collections.unmodifiableMap(required);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < variables.size(); i++) {
      out.append('r').append(i).append(" = ").append(variables.get(i)).append(" @").append(levelOf(i)).append('\n');
    }
    for (Instruction instruction : instructions) {
      out.append('r').append(instruction.output()).append(" = ").append(instruction.step())
          .append(" @").append(instruction.level()).append('\n');
    }
    return out.append("result r").append(resultRegister).toString();
  }

  static void requireKnown(Map<String, Integer> levels, List<String> variables) {
    for (String variable : variables) {
      if (levels.get(variable) == null) {
        throw new IllegalArgumentException("no level given for variable " + variable);
      }
    }
  }
}
