package io.pqcfhe.fhe.store;

/**
 * What the server believes about the slots of a ciphertext: a bound on their magnitude and a
 * high-probability bound on their absolute error, both in value units (the model is docs/fhe.md, "Precision").
 * {@code Double.POSITIVE_INFINITY} means unknown (e.g. a ciphertext uploaded in client key mode).
 */
public record ErrorEstimate(double magnitude, double error) {

  public static final ErrorEstimate UNKNOWN = new ErrorEstimate(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);

  public ErrorEstimate {
    // NaN arises only from ∞·0; it means the same as unknown.
    magnitude = Double.isNaN(magnitude) ? Double.POSITIVE_INFINITY : magnitude;
    error = Double.isNaN(error) ? Double.POSITIVE_INFINITY : error;
    if (magnitude < 0 || error < 0) {
      throw new IllegalArgumentException("bounds are non-negative");
    }
  }
}
