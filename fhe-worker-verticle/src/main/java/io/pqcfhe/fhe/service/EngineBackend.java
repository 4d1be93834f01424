package io.pqcfhe.fhe.service;

import io.pqcfhe.ckks.ckks.CkksEncoder;
import io.pqcfhe.ckks.ckks.CkksEvaluator;
import io.pqcfhe.ckks.params.CkksParameters;
import io.pqcfhe.ckks.rlwe.Ciphertext;
import io.pqcfhe.ckks.rlwe.Plaintext;
import io.pqcfhe.fhe.expression.CkksBackend;
import io.pqcfhe.fhe.store.ErrorEstimate;
import io.pqcfhe.fhe.store.StoredCiphertext;
import java.util.OptionalInt;

/**
 * The planner's {@link CkksBackend} on the engine's evaluator, carrying each result's {@link ErrorEstimate}
 * and encrypted length along. Also serves the single operations of {@code fhe.compute} (the extra methods
 * below cover what expressions cannot say: no rescale, lone rescale and relinearization). Stateless apart
 * from its context's immutable objects: thread-safe.
 */
final class EngineBackend implements CkksBackend<StoredCiphertext> {
  private final CkksEvaluator evaluator;
  private final CkksEncoder encoder;
  private final CkksParameters parameters;
  private final NoiseModel noise;

  EngineBackend(CkksEvaluator evaluator, CkksEncoder encoder, NoiseModel noise) {
    this.evaluator = evaluator;
    this.encoder = encoder;
    this.parameters = evaluator.context().parameters();
    this.noise = noise;
  }

  @Override
  public int level(StoredCiphertext c) {
    return c.ciphertext().level();
  }

  @Override
  public double scale(StoredCiphertext c) {
    return c.ciphertext().scale();
  }

  @Override
  public StoredCiphertext add(StoredCiphertext a, StoredCiphertext b) {
    Ciphertext out = evaluator.addNew(a.ciphertext(), b.ciphertext());
    return result(out, noise.add(a.estimate(), b.estimate(), scalesDiffer(a, b), out.scale()), longer(a, b));
  }

  @Override
  public StoredCiphertext sub(StoredCiphertext a, StoredCiphertext b) {
    Ciphertext out = evaluator.subNew(a.ciphertext(), b.ciphertext());
    return result(out, noise.add(a.estimate(), b.estimate(), scalesDiffer(a, b), out.scale()), longer(a, b));
  }

  @Override
  public StoredCiphertext negate(StoredCiphertext a) {
    return result(evaluator.negateNew(a.ciphertext()), a.estimate(), a.length());
  }

  @Override
  public StoredCiphertext addPlain(StoredCiphertext a, double constant) {
    Ciphertext out = evaluator.addConstantNew(a.ciphertext(), constant);
    return result(out, noise.addPlain(a.estimate(), Math.abs(constant), out.scale()), a.length());
  }

  @Override
  public StoredCiphertext subPlain(StoredCiphertext a, double constant) {
    Ciphertext out = evaluator.subConstantNew(a.ciphertext(), constant);
    return result(out, noise.addPlain(a.estimate(), Math.abs(constant), out.scale()), a.length());
  }

  @Override
  public StoredCiphertext addPlain(StoredCiphertext a, double[] values) {
    Ciphertext out = evaluator.addPlainNew(a.ciphertext(), values);
    return result(out, noise.addPlain(a.estimate(), maxAbs(values), out.scale()), longer(a, values));
  }

  @Override
  public StoredCiphertext subPlain(StoredCiphertext a, double[] values) {
    Ciphertext out = evaluator.subPlainNew(a.ciphertext(), values);
    return result(out, noise.addPlain(a.estimate(), maxAbs(values), out.scale()), longer(a, values));
  }

  @Override
  public StoredCiphertext multiply(StoredCiphertext a, StoredCiphertext b) {
    return multiply(a, b, true);
  }

  /** a·b relinearized, rescaled when {@code rescale}. */
  StoredCiphertext multiply(StoredCiphertext a, StoredCiphertext b, boolean rescale) {
    Ciphertext out = evaluator.multiplyNew(a.ciphertext(), b.ciphertext());
    evaluator.relinearize(out, out);
    double productScale = out.scale();
    if (rescale) {
      evaluator.rescale(out, out);
    }
    ErrorEstimate estimate =
        noise.multiply(a.estimate(), b.estimate(), productScale, rescale ? out.scale() : Double.POSITIVE_INFINITY);
    return result(out, estimate, longer(a, b));
  }

  @Override
  public StoredCiphertext square(StoredCiphertext a) {
    return square(a, true);
  }

  StoredCiphertext square(StoredCiphertext a, boolean rescale) {
    Ciphertext out = evaluator.squareNew(a.ciphertext());
    evaluator.relinearize(out, out);
    double productScale = out.scale();
    if (rescale) {
      evaluator.rescale(out, out);
    }
    ErrorEstimate estimate =
        noise.multiply(a.estimate(), a.estimate(), productScale, rescale ? out.scale() : Double.POSITIVE_INFINITY);
    return result(out, estimate, a.length());
  }

  /** As the planner's contract says: the constant is encoded at a's scale, then the product is rescaled. */
  @Override
  public StoredCiphertext multiplyPlain(StoredCiphertext a, double constant) {
    Ciphertext ct = a.ciphertext();
    return multiplyPlain(a, encoder.encodeConstant(constant, ct.level(), ct.scale()), Math.abs(constant), a.length());
  }

  @Override
  public StoredCiphertext multiplyPlain(StoredCiphertext a, double[] values) {
    Ciphertext ct = a.ciphertext();
    // Zero padding: past the vector, slots are multiplied by 0.
    return multiplyPlain(a, encoder.encode(values, ct.level(), ct.scale()), maxAbs(values), OptionalInt.of(values.length));
  }

  private StoredCiphertext multiplyPlain(StoredCiphertext a, Plaintext plain, double plainMagnitude, OptionalInt length) {
    Ciphertext out = new Ciphertext(parameters.degree());
    evaluator.multiplyPlain(a.ciphertext(), plain, out);
    evaluator.rescale(out, out);
    return result(out, noise.multiplyPlain(a.estimate(), plainMagnitude, plain.scale(), out.scale()), length);
  }

  @Override
  public StoredCiphertext multiplyInteger(StoredCiphertext a, long factor) {
    return result(evaluator.multiplyByIntegerNew(a.ciphertext(), factor), noise.multiplyInteger(a.estimate(), factor), a.length());
  }

  @Override
  public StoredCiphertext rotate(StoredCiphertext a, int steps) {
    Ciphertext out = evaluator.rotateNew(a.ciphertext(), steps);
    return result(out, noise.rotate(a.estimate(), steps, out.scale()), OptionalInt.empty());
  }

  @Override
  public StoredCiphertext sum(StoredCiphertext a) {
    Ciphertext out = evaluator.sumSlotsNew(a.ciphertext());
    return result(out, noise.sum(a.estimate(), out.scale()), OptionalInt.empty());
  }

  @Override
  public StoredCiphertext modSwitchTo(StoredCiphertext a, int level) {
    return result(evaluator.modSwitchToNew(a.ciphertext(), level), a.estimate(), a.length());
  }

  @Override
  public StoredCiphertext rescaleToScale(StoredCiphertext a, double targetScale) {
    Ciphertext ct = a.ciphertext();
    int level = ct.level();
    double plainScale = (double) parameters.prime(level) * targetScale / ct.scale();
    Ciphertext out = new Ciphertext(parameters.degree());
    evaluator.multiplyPlain(ct, encoder.encodeConstant(1.0, level, plainScale), out);
    evaluator.rescale(out, out);
    // The rounded constant is within 1/2 of its target: the declared scale is exact to better than 2^-32.
    out.setScale(targetScale);
    return result(out, noise.aligned(a.estimate(), targetScale), a.length());
  }

  /** Divides by the last prime of the level (a lone {@code rescale}). */
  StoredCiphertext rescale(StoredCiphertext a) {
    Ciphertext out = evaluator.rescaleNew(a.ciphertext());
    return result(out, noise.rescaled(a.estimate(), out.scale()), a.length());
  }

  /** Relinearizes a size-3 ciphertext; a size-2 one is returned unchanged (as SEAL does). */
  StoredCiphertext relinearize(StoredCiphertext a) {
    if (a.ciphertext().size() == 2) {
      return a;
    }
    Ciphertext out = evaluator.relinearizeNew(a.ciphertext());
    return result(out, noise.keySwitch(a.estimate(), out.scale()), a.length());
  }

  private static StoredCiphertext result(Ciphertext ct, ErrorEstimate estimate, OptionalInt length) {
    return new StoredCiphertext(ct, estimate, length);
  }

  private static boolean scalesDiffer(StoredCiphertext a, StoredCiphertext b) {
    double x = a.ciphertext().scale();
    double y = b.ciphertext().scale();
    return Math.abs(x - y) > CkksEvaluator.SCALE_TOLERANCE * Math.max(x, y);
  }

  private static OptionalInt longer(StoredCiphertext a, StoredCiphertext b) {
    return a.length().isPresent() && b.length().isPresent()
        ? OptionalInt.of(Math.max(a.length().getAsInt(), b.length().getAsInt()))
        : OptionalInt.empty();
  }

  private static OptionalInt longer(StoredCiphertext a, double[] values) {
    return a.length().isPresent() ? OptionalInt.of(Math.max(a.length().getAsInt(), values.length)) : OptionalInt.empty();
  }

  static double maxAbs(double[] values) {
    double max = 0;
    for (double v : values) {
      max = Math.max(max, Math.abs(v));
    }
    return max;
  }
}
