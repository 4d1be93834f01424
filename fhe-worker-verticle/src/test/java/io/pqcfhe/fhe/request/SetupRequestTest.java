package io.pqcfhe.fhe.request;

import static io.pqcfhe.fhe.request.Refusals.assertContextError;
import static io.pqcfhe.fhe.request.Refusals.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SetupRequestTest {
  private static final String REFERENCE =
      "{\"scheme\":\"CKKS\",\"poly_modulus_degree\":8192,\"coeff_modulus_bits\":[60,40,40,60],"
          + "\"scale\":1099511627776,\"security_level\":128}";

  private static JsonObject reference() {
    return new JsonObject(REFERENCE);
  }

  private static SetupRequest parse(JsonObject payload) {
    return SetupRequest.fromPayload(payload, RequestLimits.DEFAULT);
  }

  @Test
  void theReferencePayload() {
    SetupRequest request = parse(reference());
    assertEquals(8192, request.polyModulusDegree());
    assertEquals(List.of(60, 40, 40, 60), request.coeffModulusBits());
    assertEquals(0x1p40, request.scale());
    assertEquals(128, request.securityLevel());
    assertEquals(KeyManagement.SERVER, request.keyManagement());
    assertEquals(Optional.empty(), request.rotations());
    assertEquals(4096, request.slotCount());
  }

  @Test
  void defaultsAndIntegralDoubles() {
    JsonObject payload = new JsonObject("{\"scheme\":\"CKKS\",\"poly_modulus_degree\":4096.0,\"coeff_modulus_bits\":[40,20,40],\"scale\":1048576.5}");
    SetupRequest request = parse(payload);
    assertEquals(4096, request.polyModulusDegree());
    assertEquals(128, request.securityLevel());
    assertEquals(1048576.5, request.scale());
  }

  @Test
  void clientModeCarriesKeys() {
    byte[] key = {0x5E, (byte) 0xA1, 0x10, 0x04};
    JsonObject payload =
        reference()
            .put("key_management", "client")
            .put("public_key", Base64.getEncoder().encodeToString(key))
            .put("galois_keys", Base64.getUrlEncoder().withoutPadding().encodeToString(key));
    SetupRequest request = parse(payload);
    assertEquals(KeyManagement.CLIENT, request.keyManagement());
    assertArrayEquals(key, request.publicKey().orElseThrow().bytes());
    assertTrue(request.relinKeys().isEmpty());
    assertArrayEquals(key, request.galoisKeys().orElseThrow().bytes());
  }

  @Test
  void compressionDefaultsToNoneAndIsChecked() {
    assertEquals(Compression.NONE, parse(reference()).compression());
    assertEquals(Compression.ZSTD, parse(reference().put("compression", "zstd")).compression());
    assertInvalid("payload.compression", "unsupported_compression", () -> parse(reference().put("compression", "gzip")));
  }

  @Test
  void serverModeRotations() {
    SetupRequest request = parse(reference().put("rotations", new JsonArray().add(1).add(-1).add(4095).add(-4095)));
    assertEquals(Optional.of(List.of(1, -1, 4095, -4095)), request.rotations());
  }

  @Test
  void missingAndMistypedFieldsAreInvalidRequests() {
    for (String name : new String[] {"scheme", "poly_modulus_degree", "coeff_modulus_bits", "scale"}) {
      JsonObject payload = reference();
      payload.remove(name);
      assertInvalid("payload." + name, "missing", () -> parse(payload));
      assertInvalid("payload." + name, "missing", () -> parse(reference().putNull(name)));
    }
    assertInvalid("payload.scheme", "wrong_type", () -> parse(reference().put("scheme", 1)));
    assertInvalid("payload.poly_modulus_degree", "wrong_type", () -> parse(reference().put("poly_modulus_degree", "8192")));
    assertInvalid("payload.poly_modulus_degree", "wrong_type", () -> parse(reference().put("poly_modulus_degree", 8192.5)));
    assertInvalid("payload.coeff_modulus_bits", "wrong_type", () -> parse(reference().put("coeff_modulus_bits", 60)));
    assertInvalid(
        "payload.coeff_modulus_bits[2]",
        "wrong_type",
        () -> parse(reference().put("coeff_modulus_bits", new JsonArray().add(60).add(40).add("40"))));
    assertInvalid(
        "payload.coeff_modulus_bits[1]",
        "wrong_type",
        () -> parse(reference().put("coeff_modulus_bits", new JsonArray().add(60).addNull())));
    assertInvalid("payload.scale", "wrong_type", () -> parse(reference().put("scale", "2^40")));
    assertInvalid("payload.security_level", "wrong_type", () -> parse(reference().put("security_level", true)));
    assertInvalid("payload.key_management", "wrong_type", () -> parse(reference().put("key_management", 1)));
    assertInvalid("payload.rotations", "wrong_type", () -> parse(reference().put("rotations", 1)));
    assertInvalid(
        "payload.rotations[0]", "wrong_type", () -> parse(reference().put("rotations", new JsonArray().add("1"))));
    assertInvalid("payload", "wrong_type", () -> Fields.object("payload", "x"));
  }

  @Test
  void anAbsentPayloadIsAnEmptyOne() {
    assertInvalid("payload.scheme", "missing", () -> SetupRequest.fromPayload(null, RequestLimits.DEFAULT));
  }

  @ParameterizedTest
  @ValueSource(strings = {"BFV", "ckks", "BGV", ""})
  void unsupportedScheme(String scheme) {
    assertContextError("payload.scheme", "unsupported_scheme", () -> parse(reference().put("scheme", scheme)));
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1024, 2048, 8191, 65536, -8192, 1L << 40})
  void unsupportedDegree(long degree) {
    assertContextError(
        "payload.poly_modulus_degree",
        "unsupported_poly_modulus_degree",
        () -> parse(reference().put("poly_modulus_degree", degree)));
  }

  @Test
  void hugeDegreeIsUnsupportedNotMistyped() {
    JsonObject payload = new JsonObject(REFERENCE.replace("8192", "123456789012345678901234567890"));
    assertContextError("payload.poly_modulus_degree", "unsupported_poly_modulus_degree", () -> parse(payload));
  }

  @ParameterizedTest
  @ValueSource(ints = {19, 61, 0, -40, 64})
  void primeSizesOutside20To60(int bits) {
    assertContextError(
        "payload.coeff_modulus_bits[1]",
        "unsupported_coeff_modulus_bits",
        () -> parse(reference().put("coeff_modulus_bits", new JsonArray().add(60).add(bits).add(60))));
  }

  @Test
  void primeCount() {
    assertContextError(
        "payload.coeff_modulus_bits",
        "unsupported_coeff_modulus_bits",
        () -> parse(reference().put("coeff_modulus_bits", new JsonArray())));
    JsonArray many = new JsonArray();
    for (int i = 0; i < 65; i++) {
      many.add(20);
    }
    assertContextError(
        "payload.coeff_modulus_bits", "unsupported_coeff_modulus_bits", () -> parse(reference().put("coeff_modulus_bits", many)));
  }

  @Test
  void scaleMustBePositiveAndFinite() {
    for (double scale : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY, -0.0}) {
      assertContextError("payload.scale", "invalid_scale", () -> parse(reference().put("scale", scale)));
    }
    JsonObject overflow = new JsonObject(REFERENCE.replace("1099511627776", "1e400"));
    assertContextError("payload.scale", "invalid_scale", () -> parse(overflow));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 80, 127, 129, 512})
  void unsupportedSecurityLevel(int level) {
    assertContextError(
        "payload.security_level", "unsupported_security_level", () -> parse(reference().put("security_level", level)));
  }

  @Test
  void unknownKeyManagement() {
    assertInvalid(
        "payload.key_management", "unsupported_key_management", () -> parse(reference().put("key_management", "hsm")));
  }

  @Test
  void keysOnlyInClientModeAndRotationsOnlyInServerMode() {
    String key = Base64.getEncoder().encodeToString(new byte[8]);
    for (String name : new String[] {"public_key", "relin_keys", "galois_keys"}) {
      assertInvalid("payload." + name, "not_allowed", () -> parse(reference().put(name, key)));
    }
    assertInvalid(
        "payload.rotations",
        "not_allowed",
        () -> parse(reference().put("key_management", "client").put("rotations", new JsonArray().add(1))));
  }

  @Test
  void clientKeysMustBeBase64WithinTheCap() {
    JsonObject client = reference().put("key_management", "client");
    assertInvalid("payload.relin_keys", "invalid_base64", () -> parse(client.copy().put("relin_keys", "not base64!")));
    assertInvalid("payload.relin_keys", "wrong_type", () -> parse(client.copy().put("relin_keys", 5)));
    RequestLimits small = new RequestLimits(6, RequestLimits.DEFAULT.expressionLimits());
    assertInvalid(
        "payload.public_key",
        "too_large",
        () -> SetupRequest.fromPayload(client.copy().put("public_key", "AAAAAAAAAAA"), small));
  }

  @Test
  void rotationStepsMustBeNonZeroAndBelowTheSlotCount() {
    for (long step : new long[] {0, 4096, -4096, 1L << 40, Long.MIN_VALUE}) {
      assertInvalid(
          "payload.rotations[1]",
          "out_of_range",
          () -> parse(reference().put("rotations", new JsonArray().add(1).add(step))));
    }
  }
}
