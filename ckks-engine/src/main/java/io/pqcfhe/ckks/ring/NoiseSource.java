package io.pqcfhe.ckks.ring;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A fast cryptographic random stream for secrets and errors: the AES-256-CTR keystream (JDK
 * provider, AES-NI accelerated) under a fresh key and counter block drawn from {@link
 * SecureRandom}. Sampling a secret or three error polynomials needs ~100 KB of randomness per
 * operation; drawing it from SecureRandom directly would dominate encryption time.
 *
 * <p>One instance per operation; not thread-safe. The key is wiped from our arrays once the cipher
 * holds it, and {@link #close()} wipes the buffered keystream.
 */
public final class NoiseSource implements AutoCloseable {

  private static final int BUFFER_BYTES = 8192;
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final Cipher cipher;
  private final byte[] zeros = new byte[BUFFER_BYTES];
  private final byte[] buffer = new byte[BUFFER_BYTES];
  private int position = BUFFER_BYTES;

  public NoiseSource(SecureRandom random) {
    byte[] key = new byte[32];
    byte[] iv = new byte[16];
    random.nextBytes(key);
    random.nextBytes(iv);
    try {
      cipher = Cipher.getInstance("AES/CTR/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CTR unavailable", e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  public long nextLong() {
    if (position > BUFFER_BYTES - Long.BYTES) {
      refill();
    }
    long v = (long) LONG_LE.get(buffer, position);
    position += Long.BYTES;
    return v;
  }

  public int nextByte() {
    if (position >= BUFFER_BYTES) {
      refill();
    }
    return buffer[position++] & 0xFF;
  }

  private void refill() {
    try {
      cipher.update(zeros, 0, BUFFER_BYTES, buffer, 0);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CTR failed", e);
    }
    position = 0;
  }

  @Override
  public void close() {
    Arrays.fill(buffer, (byte) 0);
    position = BUFFER_BYTES;
  }
}
