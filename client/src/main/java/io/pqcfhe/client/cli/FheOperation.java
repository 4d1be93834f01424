package io.pqcfhe.client.cli;

import io.pqcfhe.ckks.ckks.CkksEvaluator;
import io.pqcfhe.ckks.rlwe.Ciphertext;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * The operations {@code bench fhe} measures, each in its two forms: the {@code fhe.compute} request and the
 * same homomorphic work called on the engine directly.
 */
enum FheOperation {
  /** a · b, relinearized and rescaled (what {@code multiply} does on the server). */
  MULTIPLY("multiply") {
    @Override
    Ciphertext onEngine(CkksEvaluator evaluator, Ciphertext a, Ciphertext b) {
      return evaluator.multiplyRelinRescaleNew(a, b);
    }
  },
  /** a rotated left by one slot (one key switch). */
  ROTATE("rotate") {
    @Override
    Ciphertext onEngine(CkksEvaluator evaluator, Ciphertext a, Ciphertext b) {
      return evaluator.rotateNew(a, 1);
    }
  },
  /** The reference expression a · b + 0.5 · a (on the engine: the same products, rescaled, and the sum). */
  POLYNOMIAL("polynomial") {
    @Override
    Ciphertext onEngine(CkksEvaluator evaluator, Ciphertext a, Ciphertext b) {
      Ciphertext product = evaluator.multiplyRelinRescaleNew(a, b);
      Ciphertext half = evaluator.rescaleNew(evaluator.multiplyConstantNew(a, 0.5));
      return evaluator.addNew(product, half);
    }
  };

  static final String EXPRESSION = "a * b + 0.5 * a";

  private final String wireName;

  FheOperation(String wireName) {
    this.wireName = wireName;
  }

  String wireName() {
    return wireName;
  }

  static FheOperation of(String name) {
    for (FheOperation op : values()) {
      if (op.wireName.equals(name)) {
        return op;
      }
    }
    throw new UsageException("unknown operation " + name + " (multiply, rotate or polynomial)");
  }

  /** The operands of the request, given the ids of a and b. */
  List<String> operands(String a, String b) {
    return switch (this) {
      case MULTIPLY -> List.of(a, b);
      case ROTATE -> List.of(a);
      case POLYNOMIAL -> List.of();
    };
  }

  JsonObject parameters(String a, String b) {
    return switch (this) {
      case MULTIPLY -> new JsonObject();
      case ROTATE -> new JsonObject().put("steps", 1);
      case POLYNOMIAL -> new JsonObject().put("expression", EXPRESSION).put("variable_mapping", new JsonObject(Map.of("a", a, "b", b)));
    };
  }

  abstract Ciphertext onEngine(CkksEvaluator evaluator, Ciphertext a, Ciphertext b);
}
