package io.pqcfhe.fhe.service;

import io.pqcfhe.ckks.params.CkksParameters;
import io.pqcfhe.ckks.rlwe.Ciphertext;

/**
 * CKKS has no BFV-style noise budget; the contract's {@code noise_budget} is the headroom left:
 * floor(Σ log2 q_i − log2 scale) over the primes of the ciphertext's current level (99 for a fresh
 * ciphertext of N = 8192 [60, 40, 40, 60] at scale 2^40), never negative.
 */
final class NoiseBudget {
  private NoiseBudget() {}

  static int of(CkksParameters parameters, Ciphertext ct) {
    double headroom = parameters.log2Modulus(ct.level()) - Math.log(ct.scale()) / Math.log(2);
    return (int) Math.max(0, Math.floor(headroom));
  }
}
