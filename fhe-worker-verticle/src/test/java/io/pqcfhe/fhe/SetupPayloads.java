package io.pqcfhe.fhe;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** {@code fhe.setup} payloads the tests share. */
public final class SetupPayloads {
  private SetupPayloads() {}

  /** The smallest parameters the worker accepts (N=4096, [30, 24, 24, 30], scale 2^24), one rotation key. */
  public static JsonObject small() {
    return new JsonObject()
        .put("scheme", "CKKS")
        .put("poly_modulus_degree", 4096)
        .put("coeff_modulus_bits", new JsonArray().add(30).add(24).add(24).add(30))
        .put("scale", Math.pow(2, 24))
        .put("rotations", new JsonArray().add(1));
  }
}
