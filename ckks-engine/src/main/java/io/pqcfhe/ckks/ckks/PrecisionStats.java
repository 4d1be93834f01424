package io.pqcfhe.ckks.ckks;

import java.util.Arrays;

/**
 * Precision of decrypted values against the expected ones, in bits as Lattigo reports it: for each
 * slot −log2 |error|, summarized by minimum (the worst slot), mean and median, plus the largest
 * absolute error. An exact slot counts as 53 bits (a double's precision).
 */
public record PrecisionStats(
    double minBits, double meanBits, double medianBits, double maxAbsError, int count) {

  private static final double EXACT_BITS = 53.0;

  public static PrecisionStats of(double[] expected, double[] actual, int count) {
    if (count <= 0 || count > expected.length || count > actual.length) {
      throw new IllegalArgumentException("count out of range");
    }
    double[] bits = new double[count];
    double maxErr = 0;
    double sum = 0;
    for (int i = 0; i < count; i++) {
      double err = Math.abs(expected[i] - actual[i]);
      maxErr = Math.max(maxErr, err);
      bits[i] = err == 0 ? EXACT_BITS : Math.min(EXACT_BITS, -Math.log(err) / Math.log(2));
      sum += bits[i];
    }
    Arrays.sort(bits);
    double median = count % 2 == 1 ? bits[count / 2] : (bits[count / 2 - 1] + bits[count / 2]) / 2;
    return new PrecisionStats(bits[0], sum / count, median, maxErr, count);
  }

  @Override
  public String toString() {
    return String.format(
        "precision bits min %.2f  avg %.2f  median %.2f  (max |err| %.3e over %d slots)",
        minBits, meanBits, medianBits, maxAbsError, count);
  }
}
