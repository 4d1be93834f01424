package io.pqcfhe.ckks.rlwe;

import io.pqcfhe.ckks.ring.Modulus;
import io.pqcfhe.ckks.ring.NoiseSource;
import io.pqcfhe.ckks.ring.RnsContext;
import io.pqcfhe.ckks.ring.Samplers;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Generates keys exactly as SEAL 4.1 does, so the keys we make are valid SEAL keys: a ternary
 * secret, a public key that is an encryption of zero at the key level, and key-switching keys with
 * one part per data prime, (P mod q_j)·s′ added to RNS component j of the first polynomial of part
 * j.
 *
 * <p>Thread-safe (holds only the context and a SecureRandom).
 */
public final class KeyGenerator {

  private final RnsContext ctx;
  private final SecureRandom random;

  public KeyGenerator(RnsContext ctx, SecureRandom random) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.random = Objects.requireNonNull(random, "random");
  }

  public SecretKey secretKey() {
    int n = ctx.degree();
    int k = ctx.primeCount();
    long[] s = new long[k * n];
    try (NoiseSource noise = new NoiseSource(random)) {
      Samplers.ternary(noise, ctx, k, s, 0);
    }
    for (int j = 0; j < k; j++) {
      ctx.ntt(j).forward(s, j * n);
    }
    return new SecretKey(n, s);
  }

  public PublicKey publicKey(SecretKey sk) {
    int n = ctx.degree();
    int k = ctx.primeCount();
    long[] data = new long[2 * k * n];
    UniformSeed seed = Rlwe.encryptZeroSymmetric(ctx, sk.live(), null, k, random, data, 0);
    return new PublicKey(n, data, seed);
  }

  public RelinKeys relinKeys(SecretKey sk) {
    long[] s = sk.live();
    long[] square = new long[s.length];
    int n = ctx.degree();
    for (int j = 0; j < ctx.primeCount(); j++) {
      Modulus q = ctx.modulus(j);
      for (int i = j * n, end = i + n; i < end; i++) {
        square[i] = q.mul(s[i], s[i]);
      }
    }
    long[] secretShoup = shoupCompanions(s);
    try {
      return new RelinKeys(switchKey(sk, secretShoup, square));
    } finally {
      Arrays.fill(square, 0L);
      Arrays.fill(secretShoup, 0L);
    }
  }

  /** Galois keys for the given elements (odd, in (0, 2N)); duplicates are ignored. */
  public GaloisKeys galoisKeys(SecretKey sk, int[] galoisElements) {
    Map<Integer, KeySwitchKey> keys = new LinkedHashMap<>();
    long[] s = sk.live();
    long[] rotated = new long[s.length];
    long[] secretShoup = shoupCompanions(s);
    try {
      for (int g : galoisElements) {
        if (keys.containsKey(g)) {
          continue;
        }
        ctx.applyGalois(g, s, 0, rotated, 0, ctx.primeCount());
        keys.put(g, switchKey(sk, secretShoup, rotated));
      }
    } finally {
      Arrays.fill(rotated, 0L);
      Arrays.fill(secretShoup, 0L);
    }
    return new GaloisKeys(keys);
  }

  /** SEAL's default Galois elements: {2N − 1} ∪ {3^(±2^i) : i &lt; log2(N) − 1}. */
  public static int[] defaultGaloisElements(RnsContext ctx) {
    int logSlots = ctx.logDegree() - 1;
    int[] out = new int[2 * logSlots + 1];
    int t = 0;
    for (int i = 0; i < logSlots; i++) {
      out[t++] = ctx.galoisElementForStep(1 << i);
      out[t++] = ctx.galoisElementForStep(-(1 << i));
    }
    out[t] = ctx.conjugationElement();
    return out;
  }

  /**
   * Galois elements for chosen rotation steps (left by k; negative: right), plus conjugation if
   * asked; duplicates and the identity (step 0 mod N/2) are dropped.
   */
  public static int[] galoisElementsForSteps(RnsContext ctx, int[] steps, boolean conjugation) {
    java.util.LinkedHashSet<Integer> elements = new java.util.LinkedHashSet<>();
    for (int step : steps) {
      int g = ctx.galoisElementForStep(step);
      if (g != 1) {
        elements.add(g);
      }
    }
    if (conjugation) {
      elements.add(ctx.conjugationElement());
    }
    return elements.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The Shoup companions of the secret's values, prime by prime: a key-switching key is one
   * encryption per data prime, each with a product a·s, so they are computed once per set of keys.
   * Secret-dependent: the caller wipes them.
   */
  private long[] shoupCompanions(long[] s) {
    int n = ctx.degree();
    long[] companions = new long[s.length];
    for (int j = 0; j < ctx.primeCount(); j++) {
      Modulus q = ctx.modulus(j);
      for (int i = j * n, end = i + n; i < end; i++) {
        companions[i] = q.shoup(s[i]);
      }
    }
    return companions;
  }

  /**
   * The switching key from {@code newKey} (NTT form, all k primes) to {@code sk}, whose values'
   * Shoup companions are {@code secretShoup}.
   */
  KeySwitchKey switchKey(SecretKey sk, long[] secretShoup, long[] newKey) {
    int n = ctx.degree();
    int k = ctx.primeCount();
    Modulus special = ctx.modulus(k - 1);
    List<PublicKey> parts = new ArrayList<>(k - 1);
    for (int j = 0; j < k - 1; j++) {
      long[] data = new long[2 * k * n];
      UniformSeed seed = Rlwe.encryptZeroSymmetric(ctx, sk.live(), secretShoup, k, random, data, 0);
      Modulus q = ctx.modulus(j);
      long factor = q.reduce(special.value());
      long factorShoup = q.shoup(factor);
      int base = j * n;
      for (int i = 0; i < n; i++) {
        data[base + i] = q.add(data[base + i], q.mulShoup(newKey[base + i], factor, factorShoup));
      }
      parts.add(new PublicKey(n, data, seed));
    }
    return new KeySwitchKey(parts);
  }
}
