package io.pqcfhe.fhe.expression;

/** A "ciphertext" of the plain reference backend: the slot values in clear, with CKKS level and scale. */
record PlainCiphertext(double[] slots, int level, double scale) {
  PlainCiphertext {
    slots = slots.clone();
  }

  @Override
  public double[] slots() {
    return slots.clone();
  }
}
