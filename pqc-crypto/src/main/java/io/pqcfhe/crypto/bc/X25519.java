package io.pqcfhe.crypto.bc;

import io.pqcfhe.crypto.InvalidKeyMaterialException;
import io.pqcfhe.crypto.SecretBytes;
import io.pqcfhe.crypto.X25519KeyPair;
import java.security.SecureRandom;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/** X25519 (RFC 7748) on raw 32-byte encodings, refusing all-zero shared secrets (low-order points). */
public final class X25519 {
  public static final int PUBLIC_KEY_BYTES = 32;
  public static final int PRIVATE_KEY_BYTES = 32;
  public static final int SHARED_SECRET_BYTES = 32;

  private X25519() {}

  public static X25519KeyPair generateKeyPair(SecureRandom random) {
    X25519PrivateKeyParameters key = new X25519PrivateKeyParameters(random);
    return new X25519KeyPair(key.generatePublicKey().getEncoded(), SecretBytes.wrap(key.getEncoded()));
  }

  /** The key pair of a given private scalar (tests and vectors). */
  public static X25519KeyPair keyPairFromPrivate(SecretBytes privateKey) {
    X25519PrivateKeyParameters key = privateParameters(privateKey);
    return new X25519KeyPair(key.generatePublicKey().getEncoded(), SecretBytes.copyOf(key.getEncoded()));
  }

  /**
   * The shared secret with a peer's public key.
   *
   * @throws InvalidKeyMaterialException when the key is not 32 bytes or the result is all zero (a
   *     low-order point: the peer could force the secret)
   */
  public static SecretBytes agree(SecretBytes privateKey, byte[] peerPublicKey) throws InvalidKeyMaterialException {
    if (peerPublicKey.length != PUBLIC_KEY_BYTES) {
      throw new InvalidKeyMaterialException("X25519 public key must be " + PUBLIC_KEY_BYTES + " bytes");
    }
    X25519PublicKeyParameters peer = new X25519PublicKeyParameters(peerPublicKey, 0);
    byte[] secret = new byte[SHARED_SECRET_BYTES];
    try {
      privateParameters(privateKey).generateSecret(peer, secret, 0);
    } catch (IllegalStateException allZero) {
      // BouncyCastle refuses an all-zero result itself; we check again below so that the guarantee does
      // not rest on a library detail.
      throw new InvalidKeyMaterialException("X25519 agreement produced the all-zero secret");
    }
    int acc = 0;
    for (byte b : secret) {
      acc |= b;
    }
    if (acc == 0) {
      throw new InvalidKeyMaterialException("X25519 agreement produced the all-zero secret");
    }
    return SecretBytes.wrap(secret);
  }

  private static X25519PrivateKeyParameters privateParameters(SecretBytes privateKey) {
    if (privateKey.size() != PRIVATE_KEY_BYTES) {
      throw new IllegalArgumentException("X25519 private key must be " + PRIVATE_KEY_BYTES + " bytes");
    }
    return privateKey.reveal(bytes -> new X25519PrivateKeyParameters(bytes, 0));
  }
}
