package io.pqcfhe.ckks.rlwe;

import io.pqcfhe.ckks.ring.Modulus;
import io.pqcfhe.ckks.ring.RnsContext;
import java.util.Objects;

/**
 * Decrypts: m = c0 + c1·s (+ c2·s²) in NTT form, at the ciphertext's level and scale. Thread-safe.
 */
public final class Decryptor {

  private final RnsContext ctx;
  private final SecretKey secretKey;

  public Decryptor(RnsContext ctx, SecretKey secretKey) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
  }

  public Plaintext decrypt(Ciphertext ct) {
    if (ct.size() > 3) {
      throw new IllegalArgumentException("ciphertexts of size " + ct.size() + " are not supported");
    }
    int n = ctx.degree();
    int limbs = ct.limbCount();
    long[] s = secretKey.live();
    long[] c = ct.data();
    long[] m = new long[limbs * n];
    for (int j = 0; j < limbs; j++) {
      Modulus q = ctx.modulus(j);
      int o0 = ct.offset(0, j);
      int o1 = ct.offset(1, j);
      int sBase = j * n;
      int mBase = j * n;
      if (ct.size() == 2) {
        for (int i = 0; i < n; i++) {
          m[mBase + i] = q.add(q.mul(c[o1 + i], s[sBase + i]), c[o0 + i]);
        }
      } else {
        int o2 = ct.offset(2, j);
        for (int i = 0; i < n; i++) {
          long si = s[sBase + i];
          // c1·s + c2·s² = (c1 + c2·s)·s
          long inner = q.add(c[o1 + i], q.mul(c[o2 + i], si));
          m[mBase + i] = q.add(q.mul(inner, si), c[o0 + i]);
        }
      }
    }
    return new Plaintext(n, ct.level(), ct.scale(), m);
  }
}
