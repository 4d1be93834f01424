package io.pqcfhe.fhe.expression;

/**
 * The primitive CKKS operations a {@link Plan} is executed with, over ciphertexts of type {@code C}.
 * Implemented by the FHE service on the engine's evaluator, and by a plain reference interpreter in tests.
 *
 * <p>Contract (the depth model of the planner, and SEAL's semantics): {@code level} is SEAL's chain index
 * (0 is the last level); binary operations take operands at the same level, and {@code add}/{@code sub}
 * operands at the same scale. Every multiplication rescales, so it consumes one level and needs
 * {@code level >= 1}; a scalar or vector plain operand applies to every slot (a short vector is
 * zero-padded). Implementations never modify their arguments.
 */
public interface CkksBackend<C> {

  /** SEAL's chain index of {@code c}. */
  int level(C c);

  /** The scale of {@code c}. */
  double scale(C c);

  C add(C a, C b);

  C sub(C a, C b);

  C negate(C a);

  /** Adds a constant encoded at {@code a}'s scale and level; no level consumed. */
  C addPlain(C a, double constant);

  C subPlain(C a, double constant);

  C addPlain(C a, double[] values);

  C subPlain(C a, double[] values);

  /** Multiplies, relinearizes and rescales: one level. */
  C multiply(C a, C b);

  /** Squares, relinearizes and rescales: one level. */
  C square(C a);

  /** Multiplies by a constant encoded at {@code a}'s scale, then rescales: one level. */
  C multiplyPlain(C a, double constant);

  /** Multiplies by a vector encoded at {@code a}'s scale, then rescales: one level. */
  C multiplyPlain(C a, double[] values);

  /** Multiplies every coefficient by an integer (|factor| < 2^31): no encoding, no rescale, no level. */
  C multiplyInteger(C a, long factor);

  /** SEAL rotation: a positive step moves slot i+k into slot i. No level consumed. */
  C rotate(C a, int steps);

  /** The total of all slots, in every slot. No level consumed. */
  C sum(C a);

  /** Drops {@code a} to the lower {@code level} without changing its scale (SEAL {@code mod_switch_to}). */
  C modSwitchTo(C a, int level);

  /**
   * Drops {@code a} exactly one level so that its scale becomes {@code targetScale}: multiplies by the
   * constant 1 encoded at scale {@code q_level * targetScale / scale(a)}, then rescales by {@code q_level}.
   * This is how operands of different levels are aligned without a scale mismatch.
   */
  C rescaleToScale(C a, double targetScale);
}
