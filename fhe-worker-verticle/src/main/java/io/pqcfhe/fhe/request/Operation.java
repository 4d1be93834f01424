package io.pqcfhe.fhe.request;

import java.util.Optional;

/** The operations of {@code fhe.compute}, with how many operands each takes. */
public enum Operation {
  ADD("add", 2),
  SUB("sub", 2),
  ADD_PLAIN("add_plain", 1),
  SUB_PLAIN("sub_plain", 1),
  MULTIPLY("multiply", 2),
  MULTIPLY_PLAIN("multiply_plain", 1),
  SQUARE("square", 1),
  NEGATE("negate", 1),
  ROTATE("rotate", 1),
  SUM("sum", 1),
  RESCALE("rescale", 1),
  RELINEARIZE("relinearize", 1),
  /** Operands come from {@code variable_mapping}; {@code operands} is optional. */
  POLYNOMIAL("polynomial", -1);

  private final String wireName;
  private final int arity;

  Operation(String wireName, int arity) {
    this.wireName = wireName;
    this.arity = arity;
  }

  public String wireName() {
    return wireName;
  }

  /** The number of operands, or -1 for {@link #POLYNOMIAL}. */
  public int arity() {
    return arity;
  }

  public static Optional<Operation> fromWireName(String name) {
    for (Operation operation : values()) {
      if (operation.wireName.equals(name)) {
        return Optional.of(operation);
      }
    }
    return Optional.empty();
  }
}
