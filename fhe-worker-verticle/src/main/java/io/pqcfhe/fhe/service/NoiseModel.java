package io.pqcfhe.fhe.service;

import io.pqcfhe.ckks.params.CkksParameters;
import io.pqcfhe.fhe.store.ErrorEstimate;

/**
 * The error model behind {@code precision_bits}: worst-case propagation of a magnitude bound M and an
 * error bound E per ciphertext, seeded with the high-probability noise bounds of the CKKS paper (Cheon,
 * Kim, Kim, Song 2017, Lemma 1 and the rescale and key-switching lemmas), in the canonical embedding,
 * i.e. directly per slot. All bounds are for a ternary secret of full Hamming weight h = N and SEAL's
 * error distribution (σ ≈ 3.2). docs/fhe.md, "Precision", states the rules; a test checks that the
 * resulting precision never exceeds the measured one.
 */
final class NoiseModel {
  /** SEAL's centered binomial error, standard deviation √(21/2). */
  private static final double SIGMA = Math.sqrt(10.5);
  /** The 2^−32 relative slack of scales the engine treats as equal (CkksEvaluator.SCALE_TOLERANCE), doubled. */
  private static final double SCALE_SLACK = 0x1p-31;

  private final double freshNoise;
  private final double roundingNoise;
  private final double rescaleNoise;
  private final double keySwitchNoise;
  private final int slotCount;

  NoiseModel(CkksParameters parameters) {
    double n = parameters.degree();
    double h = n;
    // B_clean = 8√2·σN + 6σ√N + 16σ√(hN): a fresh public-key encryption of zero.
    this.freshNoise = 8 * Math.sqrt(2) * SIGMA * n + 6 * SIGMA * Math.sqrt(n) + 16 * SIGMA * Math.sqrt(h * n);
    // Rounding the N coefficients of an encoding: each uniform in [−1/2, 1/2], 6 standard deviations per slot.
    this.roundingNoise = 6 * Math.sqrt(n / 12);
    // B_scale = √(N/3)·(3 + 8√h): dividing by a prime with rounding (rescale, and the division by P).
    this.rescaleNoise = Math.sqrt(n / 3) * (3 + 8 * Math.sqrt(h));
    // One digit per data prime: Σ_j d_j·e_j with d_j < q_j, 6 standard deviations, divided by P.
    long[] primes = parameters.primes();
    double special = primes[primes.length - 1];
    double largestData = 0;
    for (int i = 0; i < primes.length - 1; i++) {
      largestData = Math.max(largestData, primes[i]);
    }
    int digits = primes.length - 1;
    this.keySwitchNoise = 6 * n * SIGMA * Math.sqrt(digits / 3.0) * largestData / special + rescaleNoise;
    this.slotCount = parameters.slotCount();
  }

  /** A fresh encryption of values bounded by {@code magnitude} at {@code scale}. */
  ErrorEstimate fresh(double magnitude, double scale) {
    return new ErrorEstimate(magnitude, (freshNoise + roundingNoise) / scale);
  }

  ErrorEstimate add(ErrorEstimate a, ErrorEstimate b, boolean scalesDiffer, double scale) {
    double error = a.error() + b.error();
    if (scalesDiffer) {
      error += alignment(a.magnitude() + b.magnitude(), scale);
    }
    return new ErrorEstimate(a.magnitude() + b.magnitude(), error);
  }

  /** Adding or subtracting plain values bounded by {@code plainMagnitude}, encoded at {@code scale}. */
  ErrorEstimate addPlain(ErrorEstimate a, double plainMagnitude, double scale) {
    return new ErrorEstimate(a.magnitude() + plainMagnitude, a.error() + roundingNoise / scale);
  }

  /**
   * Multiplying by plain values bounded by {@code plainMagnitude}, encoded at {@code plainScale}, then (when
   * {@code resultScale} is finite) rescaled to {@code resultScale}.
   */
  ErrorEstimate multiplyPlain(ErrorEstimate a, double plainMagnitude, double plainScale, double resultScale) {
    double error = a.error() * plainMagnitude + a.magnitude() * roundingNoise / plainScale + rescale(resultScale);
    return new ErrorEstimate(a.magnitude() * plainMagnitude, error);
  }

  ErrorEstimate multiplyInteger(ErrorEstimate a, long factor) {
    double k = Math.abs((double) factor);
    return new ErrorEstimate(a.magnitude() * k, a.error() * k);
  }

  /** a·b, relinearized at the product scale, rescaled to {@code resultScale} when it is finite. */
  ErrorEstimate multiply(ErrorEstimate a, ErrorEstimate b, double productScale, double resultScale) {
    double error =
        a.magnitude() * b.error() + b.magnitude() * a.error() + a.error() * b.error()
            + keySwitchNoise / productScale + rescale(resultScale);
    return new ErrorEstimate(a.magnitude() * b.magnitude(), error);
  }

  /** One key switch at {@code scale} (relinearization of a size-3 ciphertext, or a rotation). */
  ErrorEstimate keySwitch(ErrorEstimate a, double scale) {
    return new ErrorEstimate(a.magnitude(), a.error() + keySwitchNoise / scale);
  }

  /** {@code rotations} key switches; values are permuted, so the bounds hold slot by slot. */
  ErrorEstimate rotate(ErrorEstimate a, int rotations, double scale) {
    return new ErrorEstimate(a.magnitude(), a.error() + rotations * keySwitchNoise / scale);
  }

  /** The total of all slots in every slot: log2(slots) rotate-and-add rounds, worst case. */
  ErrorEstimate sum(ErrorEstimate a, double scale) {
    double magnitude = a.magnitude();
    double error = a.error();
    for (int step = 1; step < slotCount; step <<= 1) {
      magnitude *= 2;
      error = 2 * error + keySwitchNoise / scale;
    }
    return new ErrorEstimate(magnitude, error);
  }

  ErrorEstimate rescaled(ErrorEstimate a, double resultScale) {
    return new ErrorEstimate(a.magnitude(), a.error() + rescale(resultScale));
  }

  /** Moving onto another scale with a correction within 2^−32 and one rescale. */
  ErrorEstimate aligned(ErrorEstimate a, double resultScale) {
    return new ErrorEstimate(a.magnitude(), a.error() + alignment(a.magnitude(), resultScale));
  }

  private double alignment(double magnitude, double scale) {
    return magnitude * SCALE_SLACK + rescaleNoise / scale;
  }

  private double rescale(double resultScale) {
    return Double.isFinite(resultScale) ? rescaleNoise / resultScale : 0;
  }
}
