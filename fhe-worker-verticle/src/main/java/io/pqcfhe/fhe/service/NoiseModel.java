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
  private final CkksParameters parameters;

  NoiseModel(CkksParameters parameters) {
    double n = parameters.degree();
    double h = n;
    // B_clean = 8√2·σN + 6σ√N + 16σ√(hN): a fresh public-key encryption of zero.
    this.freshNoise = 8 * Math.sqrt(2) * SIGMA * n + 6 * SIGMA * Math.sqrt(n) + 16 * SIGMA * Math.sqrt(h * n);
    // Rounding the N coefficients of an encoding: each uniform in [−1/2, 1/2], 6 standard deviations per slot.
    this.roundingNoise = 6 * Math.sqrt(n / 12);
    // B_scale = √(N/3)·(3 + 8√h): dividing by a prime with rounding (rescale, and the division by P).
    this.rescaleNoise = Math.sqrt(n / 3) * (3 + 8 * Math.sqrt(h));
    // One digit per data prime: Σ_j d_j·e_j, divided by P. SEAL's digits d_j lie in [0, q_j), not centred:
    // d_j = q_j/2 + d'_j. The centred parts give 6σ·N·√(Σ q_j²/12) per slot; each constant q_j/2 multiplies
    // its key error by the all-ones polynomial, whose value at the root of a slot reaches 2N/π (slot 0 sits
    // next to 1), so 6σ·√N·(2N/π)·Σ q_j/2 more (summed worst case). This last term dominates.
    long[] primes = parameters.primes();
    double special = primes[primes.length - 1];
    double sumSquares = 0;
    double sum = 0;
    for (int i = 0; i < primes.length - 1; i++) {
      sumSquares += (double) primes[i] * primes[i];
      sum += primes[i];
    }
    double centred = 6 * SIGMA * n * Math.sqrt(sumSquares / 12);
    double offset = 6 * SIGMA * Math.sqrt(n) * (2 * n / Math.PI) * (sum / 2);
    this.keySwitchNoise = (centred + offset) / special + rescaleNoise;
    this.slotCount = parameters.slotCount();
    this.parameters = parameters;
  }

  /**
   * {@code precision_bits}: floor(−log2 E), at most 52 (a double's precision). E is capped by what a
   * decryption can be off by at all — slots of at most N·(Q/2)/Δ against values of at most M — and taken
   * at that cap when M·Δ may reach Q/2 (the values may have wrapped around the modulus). The result is
   * negative when the error may exceed 1.
   */
  int precisionBits(ErrorEstimate estimate, int level, double scale) {
    double log2Scale = log2(scale);
    double log2Modulus = parameters.log2Modulus(level);
    double log2Magnitude = log2(estimate.magnitude());
    double log2Cap = Math.max(log2(parameters.degree()) + log2Modulus - 1 - log2Scale, log2Magnitude) + 1;
    boolean mayWrap = !(log2Magnitude + log2Scale < log2Modulus - 1);
    double log2Error = mayWrap ? log2Cap : Math.min(log2(estimate.error()), log2Cap);
    // An unknown magnitude (client key mode, which never decrypts here) would make the cap infinite.
    return (int) Math.max(-1074, Math.min(52, Math.floor(-log2Error)));
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
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

  /** A rotation by {@code steps}: at most as many key switches as {@link #keySwitchesForRotation} says. */
  ErrorEstimate rotate(ErrorEstimate a, int steps, double scale) {
    return new ErrorEstimate(a.magnitude(), a.error() + keySwitchesForRotation(steps) * keySwitchNoise / scale);
  }

  /**
   * An upper bound on the key switches of a rotation: one with its own key, else the signed powers of two
   * of the shorter non-adjacent form of s or s − slots (how the engine composes it, as SEAL does).
   */
  int keySwitchesForRotation(int steps) {
    int s = Math.floorMod(steps, slotCount);
    return Math.max(1, Math.min(nafWeight(s), nafWeight(s - slotCount)));
  }

  /** The number of non-zero digits of the non-adjacent form of {@code value}. */
  static int nafWeight(long value) {
    int weight = 0;
    long x = value;
    while (x != 0) {
      if ((x & 1) != 0) {
        x -= 2 - Math.floorMod(x, 4);
        weight++;
      }
      x >>= 1;
    }
    return weight;
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
