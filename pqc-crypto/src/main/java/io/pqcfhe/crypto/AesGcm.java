package io.pqcfhe.crypto;

import java.security.GeneralSecurityException;
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
 * repeated IVs from the peer). Every size is checked exactly; any other size is refused.
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

  /** Encrypts and authenticates {@code plaintext}; {@code aad} may be null (empty). */
  public static Sealed seal(SecretBytes key, byte[] iv, byte[] plaintext, byte[] aad) {
    checkSizes(key, iv, TAG_BYTES);
    try {
      Cipher cipher = init(Cipher.ENCRYPT_MODE, key, iv, aad);
      byte[] out = cipher.doFinal(plaintext);
      int ctLength = out.length - TAG_BYTES;
      return new Sealed(Arrays.copyOf(out, ctLength), Arrays.copyOfRange(out, ctLength, out.length));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is required of every JDK", e);
    }
  }

  /**
   * Verifies the tag and decrypts; nothing of the plaintext is returned unless the tag verifies.
   *
   * @throws AuthenticationFailedException when the tag does not verify
   */
  public static byte[] open(SecretBytes key, byte[] iv, byte[] ciphertext, byte[] tag, byte[] aad)
      throws AuthenticationFailedException {
    checkSizes(key, iv, tag.length);
    try {
      Cipher cipher = init(Cipher.DECRYPT_MODE, key, iv, aad);
      // The JDK buffers a GCM decryption until the tag is checked: update() releases nothing, and
      // doFinal() returns the whole plaintext only when the tag verifies.
      byte[] head = cipher.update(ciphertext);
      byte[] tail = cipher.doFinal(tag);
      if (head == null || head.length == 0) {
        return tail;
      }
      byte[] plaintext = Arrays.copyOf(head, head.length + tail.length);
      System.arraycopy(tail, 0, plaintext, head.length, tail.length);
      return plaintext;
    } catch (AEADBadTagException e) {
      throw new AuthenticationFailedException();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is required of every JDK", e);
    }
  }

  private static Cipher init(int mode, SecretBytes key, byte[] iv, byte[] aad) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance(TRANSFORMATION);
    // SecretKeySpec copies the key; on Java 17 that copy cannot be wiped and lives until the next GC.
    // It is short-lived (one call) and never leaves this method.
    SecretKeySpec spec = key.reveal(bytes -> new SecretKeySpec(bytes, "AES"));
    cipher.init(mode, spec, new GCMParameterSpec(TAG_BYTES * 8, iv));
    cipher.updateAAD(aad == null ? NO_AAD : aad);
    return cipher;
  }

  private static void checkSizes(SecretBytes key, byte[] iv, int tagLength) {
    if (key.size() != KEY_BYTES) {
      throw new IllegalArgumentException("AES-256-GCM key must be " + KEY_BYTES + " bytes");
    }
    if (iv.length != IV_BYTES) {
      throw new IllegalArgumentException("AES-GCM IV must be " + IV_BYTES + " bytes");
    }
    if (tagLength != TAG_BYTES) {
      throw new IllegalArgumentException("AES-GCM tag must be " + TAG_BYTES + " bytes");
    }
  }
}
