package io.pqcfhe.ckks.ckks;

import io.pqcfhe.ckks.params.CkksParameters;
import io.pqcfhe.ckks.ring.RnsContext;
import java.util.Objects;

/**
 * Validated parameters with their precomputed arithmetic (NTT tables, rescaling and key-switching
 * constants, CRT composers, encoder tables). Build once per parameter set and share: immutable and
 * thread-safe.
 */
public final class CkksContext {

  private final CkksParameters parameters;
  private final RnsContext rns;
  private final EncoderTables encoderTables;

  public CkksContext(CkksParameters parameters) {
    this.parameters = Objects.requireNonNull(parameters, "parameters");
    this.rns = new RnsContext(parameters.degree(), parameters.primes());
    this.encoderTables = new EncoderTables(parameters.degree());
  }

  public CkksParameters parameters() {
    return parameters;
  }

  public RnsContext rns() {
    return rns;
  }

  EncoderTables encoderTables() {
    return encoderTables;
  }

  public int degree() {
    return parameters.degree();
  }

  public int slotCount() {
    return parameters.slotCount();
  }

  /** The level of fresh ciphertexts. */
  public int maxLevel() {
    return parameters.maxLevel();
  }
}
