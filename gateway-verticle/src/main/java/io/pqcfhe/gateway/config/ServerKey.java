package io.pqcfhe.gateway.config;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The server's long-lived ML-DSA-65 public key as sessions advertise it, with its fingerprint (lowercase
 * hex SHA-256 of the raw key). The fingerprint is checked against the key, so a misconfiguration cannot
 * make clients pin the wrong value.
 */
public record ServerKey(byte[] publicKey, String fingerprint) {

  /** FIPS 204 ML-DSA-65 public key length. */
  public static final int ML_DSA_65_PUBLIC_KEY_BYTES = 1952;

  public ServerKey {
    Objects.requireNonNull(publicKey, "server public key");
    if (publicKey.length != ML_DSA_65_PUBLIC_KEY_BYTES) {
      throw new IllegalArgumentException(
          "server public key must be a raw ML-DSA-65 key of " + ML_DSA_65_PUBLIC_KEY_BYTES + " bytes");
    }
    publicKey = publicKey.clone();
    if (fingerprint == null || !fingerprint.equals(fingerprintOf(publicKey))) {
      throw new IllegalArgumentException("server key fingerprint must be the lowercase hex SHA-256 of the key");
    }
  }

  /** The key with its computed fingerprint. */
  public static ServerKey of(byte[] publicKey) {
    return new ServerKey(publicKey, fingerprintOf(Objects.requireNonNull(publicKey, "server public key")));
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ServerKey other && Arrays.equals(publicKey, other.publicKey);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(publicKey);
  }

  @Override
  public String toString() {
    return "ServerKey[fingerprint=" + fingerprint + "]";
  }

  static String fingerprintOf(byte[] key) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
  }
}
