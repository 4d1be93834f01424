package io.pqcfhe.crypto;

import io.pqcfhe.crypto.bc.Hkdf;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The secure channel's two AES-256 keys, derived from the handshake (PROTOCOL §4): IKM = the ML-KEM
 * shared secret, followed in hybrid mode by the X25519 shared secret; the client → server key is
 * HKDF-SHA384(IKM, "channel-key"), the server → client key HKDF-SHA384(IKM, "channel-key-server"), salt
 * absent, 32 bytes each.
 *
 * <p>The keys never leave this object: callers seal and open through it. {@link #destroy()} wipes both.
 * Sealing and opening are thread-safe; destruction should come after the last use (the owner's job).
 */
public final class ChannelKeys {
  public static final String CLIENT_TO_SERVER_INFO = "channel-key";
  public static final String SERVER_TO_CLIENT_INFO = "channel-key-server";
  public static final int KEY_BYTES = AesGcm.KEY_BYTES;
  /** 16 bytes of SHA-256 as lowercase hex. */
  public static final int CONFIRM_HASH_CHARS = 32;

  private final SecretBytes clientToServer;
  private final SecretBytes serverToClient;
  private final AesGcm.Bound clientToServerCipher;
  private final AesGcm.Bound serverToClientCipher;

  private ChannelKeys(SecretBytes clientToServer, SecretBytes serverToClient) {
    this.clientToServer = clientToServer;
    this.serverToClient = serverToClient;
    this.clientToServerCipher = new AesGcm.Bound(clientToServer);
    this.serverToClientCipher = new AesGcm.Bound(serverToClient);
  }

  /**
   * Derives both keys.
   *
   * @param x25519Secret the X25519 shared secret in hybrid mode, else null
   */
  public static ChannelKeys derive(SecretBytes mlKemSecret, SecretBytes x25519Secret) {
    byte[] ikm = mlKemSecret.revealCopy();
    if (x25519Secret != null) {
      byte[] classical = x25519Secret.revealCopy();
      byte[] both = Arrays.copyOf(ikm, ikm.length + classical.length);
      System.arraycopy(classical, 0, both, ikm.length, classical.length);
      Arrays.fill(classical, (byte) 0);
      Arrays.fill(ikm, (byte) 0);
      ikm = both;
    }
    SecretBytes material = SecretBytes.wrap(ikm);
    try {
      return new ChannelKeys(
          Hkdf.sha384(material, ascii(CLIENT_TO_SERVER_INFO), KEY_BYTES),
          Hkdf.sha384(material, ascii(SERVER_TO_CLIENT_INFO), KEY_BYTES));
    } finally {
      material.destroy();
    }
  }

  /**
   * What the client proves it derived the same keys with: lowercase hex of the first 16 bytes of
   * SHA-256(first 16 bytes of the client → server key).
   */
  public String confirmHash() {
    byte[] digest = clientToServer.reveal(key -> sha256(Arrays.copyOf(key, 16)));
    try {
      return HexFormat.of().formatHex(digest, 0, 16);
    } finally {
      Arrays.fill(digest, (byte) 0);
    }
  }

  /** Compares a presented confirm hash with ours in constant time (exact lowercase hex). */
  public boolean matchesConfirmHash(String presented) {
    return MessageDigest.isEqual(ascii(confirmHash()), ascii(presented));
  }

  public AesGcm.Sealed seal(ChannelDirection direction, byte[] iv, byte[] plaintext, byte[] aad) {
    return cipher(direction).seal(iv, plaintext, aad);
  }

  public byte[] open(ChannelDirection direction, byte[] iv, byte[] ciphertext, byte[] tag, byte[] aad)
      throws AuthenticationFailedException {
    return cipher(direction).open(iv, ciphertext, tag, aad);
  }

  /** Wipes both keys and drops the ciphers bound to them; every later use fails. Idempotent. */
  public void destroy() {
    clientToServer.destroy();
    serverToClient.destroy();
    clientToServerCipher.destroy();
    serverToClientCipher.destroy();
  }

  public boolean isDestroyed() {
    return clientToServer.isDestroyed() && serverToClient.isDestroyed();
  }

  private AesGcm.Bound cipher(ChannelDirection direction) {
    return direction == ChannelDirection.CLIENT_TO_SERVER ? clientToServerCipher : serverToClientCipher;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] sha256(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    } finally {
      Arrays.fill(input, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "ChannelKeys[" + (isDestroyed() ? "destroyed" : "live") + "]";
  }
}
