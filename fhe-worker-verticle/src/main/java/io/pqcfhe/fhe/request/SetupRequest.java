package io.pqcfhe.fhe.request;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code fhe.setup}: the user's choice of CKKS parameters and key management. Only the choices are checked
 * here (types and the supported values of the contract); building the context (prime search, the
 * HomomorphicEncryption.org bound on the total modulus bits, loading client keys) is the engine's job.
 *
 * @param rotations the Galois key steps asked for in server mode; empty: the default (powers of two, both signs)
 * @param compression how the answer's {@code public_key} (server mode) is serialized
 */
public record SetupRequest(
    int polyModulusDegree,
    List<Integer> coeffModulusBits,
    double scale,
    int securityLevel,
    KeyManagement keyManagement,
    Optional<SealBytes> publicKey,
    Optional<SealBytes> relinKeys,
    Optional<SealBytes> galoisKeys,
    Optional<List<Integer>> rotations,
    Compression compression)
    implements FheRequest {

  public static final Set<Integer> DEGREES = Set.of(4096, 8192, 16384, 32768);
  public static final Set<Integer> SECURITY_LEVELS = Set.of(128, 192, 256);
  public static final int MIN_PRIME_BITS = 20;
  public static final int MAX_PRIME_BITS = 60;
  /** SEAL's {@code SEAL_COEFF_MOD_COUNT_MAX}. */
  public static final int MAX_PRIMES = 64;

  public SetupRequest {
    coeffModulusBits = List.copyOf(coeffModulusBits);
    Objects.requireNonNull(keyManagement, "keyManagement");
    rotations = rotations.map(List::copyOf);
    Objects.requireNonNull(compression, "compression");
  }

  public int slotCount() {
    return polyModulusDegree / 2;
  }

  public static SetupRequest fromPayload(JsonObject payload, RequestLimits limits) {
    Fields fields = Fields.payload(payload);
    String scheme = fields.requiredString("scheme");
    if (!scheme.equals("CKKS")) {
      throw RequestErrors.context(fields.path("scheme"), "unsupported_scheme", "scheme must be CKKS");
    }
    long degree = fields.requiredIntegral("poly_modulus_degree");
    if (degree > Integer.MAX_VALUE || !DEGREES.contains((int) degree)) {
      throw RequestErrors.context(
          fields.path("poly_modulus_degree"),
          "unsupported_poly_modulus_degree",
          "poly_modulus_degree must be 4096, 8192, 16384 or 32768");
    }
    List<Integer> bits = coeffModulusBits(fields);
    double scale = Scale.read(fields, "scale");
    int securityLevel = 128;
    if (fields.has("security_level")) {
      long level = fields.requiredIntegral("security_level");
      if (level > Integer.MAX_VALUE || !SECURITY_LEVELS.contains((int) level)) {
        throw RequestErrors.context(
            fields.path("security_level"), "unsupported_security_level", "security_level must be 128, 192 or 256");
      }
      securityLevel = (int) level;
    }
    KeyManagement keyManagement = KeyManagement.read(fields);
    Optional<SealBytes> publicKey = clientKey(fields, keyManagement, "public_key", limits);
    Optional<SealBytes> relinKeys = clientKey(fields, keyManagement, "relin_keys", limits);
    Optional<SealBytes> galoisKeys = clientKey(fields, keyManagement, "galois_keys", limits);
    Optional<List<Integer>> rotations = rotations(fields, keyManagement, (int) degree / 2);
    return new SetupRequest(
        (int) degree, bits, scale, securityLevel, keyManagement, publicKey, relinKeys, galoisKeys, rotations,
        Compression.read(fields));
  }

  private static List<Integer> coeffModulusBits(Fields fields) {
    JsonArray array = fields.requiredArray("coeff_modulus_bits");
    String path = fields.path("coeff_modulus_bits");
    if (array.isEmpty() || array.size() > MAX_PRIMES) {
      throw RequestErrors.context(
          path, "unsupported_coeff_modulus_bits", "coeff_modulus_bits must list 1 to " + MAX_PRIMES + " prime sizes");
    }
    List<Integer> bits = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      String elementPath = Fields.element(path, i);
      Object value = array.getValue(i);
      if (value == null) {
        throw RequestErrors.wrongType(elementPath, "an integer");
      }
      long b = Fields.integral(elementPath, value);
      if (b < MIN_PRIME_BITS || b > MAX_PRIME_BITS) {
        throw RequestErrors.context(
            elementPath, "unsupported_coeff_modulus_bits", elementPath + " must be between 20 and 60 bits");
      }
      bits.add((int) b);
    }
    return bits;
  }

  private static Optional<SealBytes> clientKey(
      Fields fields, KeyManagement keyManagement, String name, RequestLimits limits) {
    if (!fields.has(name)) {
      return Optional.empty();
    }
    if (keyManagement != KeyManagement.CLIENT) {
      throw RequestErrors.invalid(
          fields.path(name), "not_allowed", fields.path(name) + " is only accepted with key_management client");
    }
    return Optional.of(Base64Field.read(fields, name, limits.maxSealObjectBytes()));
  }

  private static Optional<List<Integer>> rotations(Fields fields, KeyManagement keyManagement, int slotCount) {
    if (!fields.has("rotations")) {
      return Optional.empty();
    }
    String path = fields.path("rotations");
    if (keyManagement != KeyManagement.SERVER) {
      throw RequestErrors.invalid(path, "not_allowed", path + " is only accepted with key_management server");
    }
    JsonArray array = fields.requiredArray("rotations");
    if (array.size() > RequestLimits.MAX_IDS) {
      throw RequestErrors.tooManyValues(path, RequestLimits.MAX_IDS);
    }
    List<Integer> steps = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      String elementPath = Fields.element(path, i);
      Object value = array.getValue(i);
      if (value == null) {
        throw RequestErrors.wrongType(elementPath, "an integer");
      }
      long step = Fields.integral(elementPath, value);
      if (step == 0 || step >= slotCount || step <= -slotCount) {
        throw RequestErrors.invalid(
            elementPath, "out_of_range", elementPath + " must be a non-zero step smaller than " + slotCount + " in magnitude");
      }
      steps.add((int) step);
    }
    return Optional.of(steps);
  }
}
