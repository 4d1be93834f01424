package io.pqcfhe.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a 96-bit IV and a 128-bit tag carried apart from the ciphertext, as the secure
 * channel sends them. The JDK's provider is used on purpose: it has the AES-NI and carry-less-multiply
 * intrinsics that make GCM cheap.
 *
 * <p>IV uniqueness is the caller's duty (the channel draws a fresh random IV per message and refuses
 * repeated IVs from the peer); as a last line, the JDK refuses to encrypt twice in a row with the same
 * IV under one {@link Bound} key. Every size is checked exactly; any other size is refused.
 */
public final class AesGcm {
  public static final int KEY_BYTES = 32;
  public static final int IV_BYTES = 12;
  public static final int TAG_BYTES = 16;

  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final byte[] NO_AAD = new byte[0];

  private AesGcm() {}

  /** Ciphertext (same length as the plaintext) and its 16-byte tag. */
  public record Sealed(byte[] ciphertext, byte[] tag) {
    @Override
    public byte[] ciphertext() {
      return ciphertext.clone();
    }

    @Override
    public byte[] tag() {
      return tag.clone();
    }
  }

  /** One-off encryption; a channel uses a {@link Bound} key instead. {@code aad} may be null (empty). */
  public static Sealed seal(SecretBytes key, byte[] iv, byte[] plaintext, byte[] aad) {
    return new Bound(key).seal(iv, plaintext, aad);
  }

  /**
   * One-off decryption; a channel uses a {@link Bound} key instead.
   *
   * @throws AuthenticationFailedException when the tag does not verify
   */
  public static byte[] open(SecretBytes key, byte[] iv, byte[] ciphertext, byte[] tag, byte[] aad)
      throws AuthenticationFailedException {
    return new Bound(key).open(iv, ciphertext, tag, aad);
  }

  /**
   * A cipher bound to one key for many messages. Reusing the JDK cipher keeps its AES key schedule
   * between messages (a fresh cipher per message costs about ten times more for 1 KiB), and leaves one
   * provider-side copy of the key for the key's lifetime instead of one per message: on Java 17 those
   * copies (in {@code SecretKeySpec} and the provider) cannot be wiped, only dropped, which
   * {@link #destroy()} does. Thread-safe (calls are serialised).
   */
  public static final class Bound {
    private SecretKeySpec spec;
    private Cipher cipher;

    public Bound(SecretBytes key) {
      if (key.size() != KEY_BYTES) {
        throw new IllegalArgumentException("AES-256-GCM key must be " + KEY_BYTES + " bytes");
      }
      this.spec = key.reveal(bytes -> new SecretKeySpec(bytes, "AES"));
    }

    public synchronized Sealed seal(byte[] iv, byte[] plaintext, byte[] aad) {
      checkSizes(iv, TAG_BYTES);
      try {
        Cipher c = init(Cipher.ENCRYPT_MODE, iv, aad);
        byte[] out = c.doFinal(plaintext);
        int ctLength = out.length - TAG_BYTES;
        return new Sealed(Arrays.copyOf(out, ctLength), Arrays.copyOfRange(out, ctLength, out.length));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES-GCM encryption failed", e);
      }
    }

    /**
     * Verifies the tag and decrypts; nothing of the plaintext is returned unless the tag verifies.
     *
     * @throws AuthenticationFailedException when the tag does not verify
     */
    public synchronized byte[] open(byte[] iv, byte[] ciphertext, byte[] tag, byte[] aad)
        throws AuthenticationFailedException {
      checkSizes(iv, tag.length);
      try {
        Cipher c = init(Cipher.DECRYPT_MODE, iv, aad);
        // The JDK buffers a GCM decryption until the tag is checked: update() releases nothing, and
        // doFinal() returns the whole plaintext only when the tag verifies.
        byte[] head = c.update(ciphertext);
        byte[] tail = c.doFinal(tag);
        if (head == null || head.length == 0) {
          return tail;
        }
        byte[] plaintext = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, plaintext, head.length, tail.length);
        return plaintext;
      } catch (AEADBadTagException e) {
        throw new AuthenticationFailedException();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES-GCM decryption failed", e);
      }
    }

    /** Drops the cipher and the key copy it holds; every later use fails. Idempotent. */
    public synchronized void destroy() {
      spec = null;
      cipher = null;
    }

    private Cipher init(int mode, byte[] iv, byte[] aad) throws GeneralSecurityException {
      if (spec == null) {
        throw new IllegalStateException("key already destroyed");
      }
      if (cipher == null) {
        cipher = Cipher.getInstance(TRANSFORMATION);
      }
      try {
        cipher.init(mode, spec, new GCMParameterSpec(TAG_BYTES * 8, iv));
      } catch (InvalidAlgorithmParameterException e) {
        throw new IllegalStateException("refused to encrypt twice with the same IV under one key", e);
      }
      cipher.updateAAD(aad == null ? NO_AAD : aad);
      return cipher;
    }
  }

  private static void checkSizes(byte[] iv, int tagLength) {
    if (iv.length != IV_BYTES) {
      throw new IllegalArgumentException("AES-GCM IV must be " + IV_BYTES + " bytes");
    }
    if (tagLength != TAG_BYTES) {
      throw new IllegalArgumentException("AES-GCM tag must be " + TAG_BYTES + " bytes");
    }
  }
}
