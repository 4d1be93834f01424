package io.pqcfhe.crypto;

/** The result of an ML-KEM encapsulation: the ciphertext for the peer and the 32-byte shared secret. */
public record Encapsulation(byte[] ciphertext, SecretBytes sharedSecret) {

  @Override
  public byte[] ciphertext() {
    return ciphertext.clone();
  }
}
