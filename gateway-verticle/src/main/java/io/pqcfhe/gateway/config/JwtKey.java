package io.pqcfhe.gateway.config;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * One key that may sign client tokens. {@code algorithm} is {@code HS256}, {@code RS256} or {@code ES256};
 * {@code material} is the shared secret for HS256 and the PEM public key ({@code -----BEGIN PUBLIC KEY-----})
 * otherwise. {@link #toString()} never shows an HS256 secret.
 */
public record JwtKey(String algorithm, String material) {

  public static final Set<String> ALGORITHMS = Set.of("HS256", "RS256", "ES256");

  /** RFC 7518 §3.2: an HMAC key at least as long as the hash output. */
  public static final int MIN_HS256_SECRET_BYTES = 32;

  public JwtKey {
    if (algorithm == null || !ALGORITHMS.contains(algorithm)) {
      throw new IllegalArgumentException("jwt key algorithm must be one of HS256, RS256, ES256");
    }
    if (material == null || material.isBlank()) {
      throw new IllegalArgumentException("jwt " + algorithm + " key material must not be empty");
    }
    if (algorithm.equals("HS256") && material.getBytes(StandardCharsets.UTF_8).length < MIN_HS256_SECRET_BYTES) {
      throw new IllegalArgumentException("jwt HS256 secret must be at least " + MIN_HS256_SECRET_BYTES + " bytes");
    }
    if (!algorithm.equals("HS256") && !material.contains("-----BEGIN PUBLIC KEY-----")) {
      throw new IllegalArgumentException("jwt " + algorithm + " key must be a PEM public key");
    }
  }

  public boolean isSymmetric() {
    return algorithm.equals("HS256");
  }

  @Override
  public String toString() {
    return "JwtKey[algorithm=" + algorithm + ", material=" + (isSymmetric() ? "<redacted>" : "<public key>") + "]";
  }
}
