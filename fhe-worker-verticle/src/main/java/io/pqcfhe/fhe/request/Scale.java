package io.pqcfhe.fhe.request;

/** A CKKS scale: a JSON number, positive and finite, else {@code FHE_CONTEXT_ERROR}, {@code invalid_scale}. */
final class Scale {
  private Scale() {}

  static double read(Fields fields, String name) {
    double scale = fields.requiredNumber(name);
    if (!(scale > 0) || !Double.isFinite(scale)) {
      throw RequestErrors.context(fields.path(name), "invalid_scale", fields.path(name) + " must be a positive finite number");
    }
    return scale;
  }
}
