package io.pqcfhe.client.fhe;

import io.pqcfhe.ckks.params.CkksParameters;
import io.pqcfhe.ckks.security.SecurityLevel;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The CKKS parameters of an {@code fhe.setup} (PROTOCOL.md §6). */
public record FheParameters(int polyModulusDegree, List<Integer> coeffModulusBits, double scale, int securityLevel) {

  public FheParameters {
    coeffModulusBits = List.copyOf(coeffModulusBits);
  }

  /** The reference's parameters: N = 8192, primes of 60, 40, 40, 60 bits, scale 2^40, 128-bit security. */
  public static FheParameters reference() {
    return new FheParameters(8192, List.of(60, 40, 40, 60), Math.pow(2, 40), 128);
  }

  /** The same parameters built by the engine (SEAL's primes), for keys, encryption and parms_id. */
  public CkksParameters engineParameters() {
    return CkksParameters.create(
        polyModulusDegree,
        coeffModulusBits.stream().mapToInt(Integer::intValue).toArray(),
        scale,
        SecurityLevel.ofBits(securityLevel));
  }

  JsonObject setupPayload() {
    return new JsonObject()
        .put("scheme", "CKKS")
        .put("poly_modulus_degree", polyModulusDegree)
        .put("coeff_modulus_bits", new JsonArray(coeffModulusBits))
        .put("scale", scale)
        .put("security_level", securityLevel);
  }
}
