package io.pqcfhe.crypto;

/**
 * An ML-KEM key pair kept in its compact form: the 64-byte seed (d ‖ z) and the raw encapsulation key.
 * {@link #destroy()} wipes the seed.
 */
public record MlKemKeyPair(MlKemParameterSet parameterSet, byte[] encapsulationKey, SecretBytes seed) {

  @Override
  public byte[] encapsulationKey() {
    return encapsulationKey.clone();
  }

  public void destroy() {
    seed.destroy();
  }
}
