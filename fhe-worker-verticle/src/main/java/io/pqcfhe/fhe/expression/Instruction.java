package io.pqcfhe.fhe.expression;

import java.util.Objects;

/** {@code output := step}, with the level the result will have. */
public record Instruction(int output, Step step, int level) {
  public Instruction {
    Objects.requireNonNull(step, "step");
  }
}
