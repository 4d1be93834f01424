package io.pqcfhe.crypto;

import java.util.Arrays;
import java.util.Optional;

/** The three ML-KEM parameter sets of FIPS 203, with their wire names and raw encoding sizes. */
public enum MlKemParameterSet {
  ML_KEM_512("ML-KEM-512", 2, 800, 768),
  ML_KEM_768("ML-KEM-768", 3, 1184, 1088),
  ML_KEM_1024("ML-KEM-1024", 4, 1568, 1568);

  /** The parameter set a {@code pqc.initiate} without {@code algorithm} uses. */
  public static final MlKemParameterSet DEFAULT = ML_KEM_768;

  /** The 64-byte seed (d ‖ z) from which a decapsulation key is expanded (FIPS 203 §7.1). */
  public static final int SEED_BYTES = 64;

  /** Every parameter set agrees on a 32-byte shared secret. */
  public static final int SHARED_SECRET_BYTES = 32;

  private final String wireName;
  private final int k;
  private final int encapsulationKeyBytes;
  private final int ciphertextBytes;

  MlKemParameterSet(String wireName, int k, int encapsulationKeyBytes, int ciphertextBytes) {
    this.wireName = wireName;
    this.k = k;
    this.encapsulationKeyBytes = encapsulationKeyBytes;
    this.ciphertextBytes = ciphertextBytes;
  }

  /** The protocol's name, e.g. {@code ML-KEM-768}. */
  public String wireName() {
    return wireName;
  }

  /** The module rank k: the encapsulation key holds k polynomials of 256 12-bit coefficients. */
  public int rank() {
    return k;
  }

  public int encapsulationKeyBytes() {
    return encapsulationKeyBytes;
  }

  public int ciphertextBytes() {
    return ciphertextBytes;
  }

  public static Optional<MlKemParameterSet> fromWire(String name) {
    return Arrays.stream(values()).filter(p -> p.wireName.equals(name)).findFirst();
  }
}
