package io.pqcfhe.fhe.store.shared;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SecretKeySealerTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final byte[] key = RANDOM.generateSeed(32);
  private final SecretKeySealer sealer = new SecretKeySealer(key, RANDOM);
  private final byte[] secret = RANDOM.generateSeed(100);

  @Test
  void opensWhereItWasSealed() {
    byte[] sealed = sealer.seal(secret, "s/ctx-1");
    assertEquals(12 + secret.length + 16, sealed.length);
    assertArrayEquals(secret, sealer.open(sealed, "s/ctx-1"));
    assertNotEquals(Arrays.toString(sealed), Arrays.toString(sealer.seal(secret, "s/ctx-1")), "a fresh nonce each time");
  }

  @Test
  void refusesAnotherLocationAlteredBytesAndAnotherKey() {
    byte[] sealed = sealer.seal(secret, "s/ctx-1");
    assertThrows(SecretKeySealer.SealedKeyException.class, () -> sealer.open(sealed, "s/ctx-2"));
    assertThrows(SecretKeySealer.SealedKeyException.class, () -> sealer.open(sealed, "t/ctx-1"));
    for (int i : new int[] {0, 11, 12, sealed.length - 1}) {
      byte[] altered = sealed.clone();
      altered[i] ^= 1;
      assertThrows(SecretKeySealer.SealedKeyException.class, () -> sealer.open(altered, "s/ctx-1"), "byte " + i);
    }
    assertThrows(SecretKeySealer.SealedKeyException.class, () -> sealer.open(Arrays.copyOf(sealed, 27), "s/ctx-1"));
    SecretKeySealer other = new SecretKeySealer(RANDOM.generateSeed(32), RANDOM);
    assertThrows(SecretKeySealer.SealedKeyException.class, () -> other.open(sealed, "s/ctx-1"));
  }

  @Test
  void keepsItsOwnCopyOfTheKeyAndWipesItWhenClosed() {
    byte[] sealed = sealer.seal(secret, "s/ctx-1");
    Arrays.fill(key, (byte) 0); // the caller wipes its array: the sealer still works
    assertArrayEquals(secret, sealer.open(sealed, "s/ctx-1"));
    sealer.close();
    assertThrows(IllegalStateException.class, () -> sealer.open(sealed, "s/ctx-1"));
    assertThrows(IllegalArgumentException.class, () -> new SecretKeySealer(new byte[31], RANDOM));
  }
}
