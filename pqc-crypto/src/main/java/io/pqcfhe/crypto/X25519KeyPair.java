package io.pqcfhe.crypto;

/** An X25519 key pair: the raw 32-byte public u-coordinate and the 32-byte private scalar. */
public record X25519KeyPair(byte[] publicKey, SecretBytes privateKey) {

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  public void destroy() {
    privateKey.destroy();
  }
}
