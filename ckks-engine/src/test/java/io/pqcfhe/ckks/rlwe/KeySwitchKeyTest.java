package io.pqcfhe.ckks.rlwe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.ckks.params.CoeffModulus;
import io.pqcfhe.ckks.ring.Modulus;
import io.pqcfhe.ckks.ring.RnsContext;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/**
 * Keys we make satisfy SEAL's key-switching identity: for part j, c0 + c1·s ≡ (P mod q_j)·s′·[r =
 * j] + e in every RNS component r, with e small (centered binomial, |e| ≤ 21).
 */
class KeySwitchKeyTest {

  private final RnsContext ctx =
      new RnsContext(4096, CoeffModulus.create(4096, new int[] {50, 40, 50}));
  private final KeyGenerator keygen = new KeyGenerator(ctx, new SecureRandom());
  private final SecretKey sk = keygen.secretKey();

  @Test
  void relinearizationKeysEncryptTheSquaredSecret() {
    long[] s = sk.live();
    long[] square = new long[s.length];
    int n = ctx.degree();
    for (int j = 0; j < ctx.primeCount(); j++) {
      Modulus q = ctx.modulus(j);
      for (int i = j * n; i < (j + 1) * n; i++) {
        square[i] = q.mul(s[i], s[i]);
      }
    }
    checkIdentity(keygen.relinKeys(sk).key(), square);
  }

  @Test
  void galoisKeysEncryptTheRotatedSecret() {
    int g = ctx.galoisElementForStep(5);
    long[] rotated = new long[sk.live().length];
    ctx.applyGalois(g, sk.live(), 0, rotated, 0, ctx.primeCount());
    checkIdentity(keygen.galoisKeys(sk, new int[] {g}).get(g), rotated);
  }

  @Test
  void publicKeyIsAnEncryptionOfZero() {
    PublicKey pk = keygen.publicKey(sk);
    checkSmall(pk.values(), null, -1);
  }

  private void checkIdentity(KeySwitchKey key, long[] newKey) {
    assertEquals(ctx.primeCount() - 1, key.size());
    for (int j = 0; j < key.size(); j++) {
      checkSmall(key.part(j), newKey, j);
    }
  }

  /** c0 + c1·s − (P mod q_j)·s′ (on component j only) must be a small error in coefficient form. */
  private void checkSmall(long[] part, long[] newKey, int component) {
    int n = ctx.degree();
    int k = ctx.primeCount();
    long[] s = sk.live();
    long p = ctx.modulus(k - 1).value();
    for (int r = 0; r < k; r++) {
      Modulus q = ctx.modulus(r);
      long[] v = new long[n];
      for (int i = 0; i < n; i++) {
        long x = q.add(part[r * n + i], q.mul(part[(k + r) * n + i], s[r * n + i]));
        if (r == component) {
          x = q.sub(x, q.mul(q.reduce(p), newKey[r * n + i]));
        }
        v[i] = x;
      }
      ctx.ntt(r).inverse(v, 0);
      for (int i = 0; i < n; i++) {
        long centered = v[i] > q.value() / 2 ? v[i] - q.value() : v[i];
        assertTrue(
            Math.abs(centered) <= 21, "component " + r + " coefficient " + i + " = " + centered);
      }
    }
  }
}
