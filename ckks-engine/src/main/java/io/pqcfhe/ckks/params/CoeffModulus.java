package io.pqcfhe.ckks.params;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** Prime selection exactly as SEAL 4.1's {@code CoeffModulus::Create}. */
public final class CoeffModulus {

  public static final int MIN_BITS = 20;
  public static final int MAX_BITS = 60;

  private CoeffModulus() {}

  /**
   * Primes q ≡ 1 (mod 2N) of the given sizes. For each distinct size b the largest primes below 2^b
   * are collected, starting at ⌊(2^b − 1)/2N⌋·2N + 1 and stepping down by 2N; each occurrence of b
   * in the list then takes the smallest collected prime not yet used (SEAL's order).
   */
  public static long[] create(int n, int[] bitSizes) {
    if (n < 2 || Integer.bitCount(n) != 1) {
      throw new IllegalArgumentException("poly_modulus_degree must be a power of two: " + n);
    }
    if (bitSizes.length == 0) {
      throw new IllegalArgumentException("coeff_modulus_bits must not be empty");
    }
    Map<Integer, Integer> counts = new HashMap<>();
    for (int i = 0; i < bitSizes.length; i++) {
      int b = bitSizes[i];
      if (b < MIN_BITS || b > MAX_BITS) {
        throw new IllegalArgumentException(
            "coeff_modulus_bits[" + i + "] must be in [" + MIN_BITS + ", " + MAX_BITS + "]: " + b);
      }
      counts.merge(b, 1, Integer::sum);
    }
    Map<Integer, Deque<Long>> found = new HashMap<>();
    long factor = 2L * n;
    for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
      int b = e.getKey();
      Deque<Long> primes = new ArrayDeque<>();
      long lowerBound = 1L << (b - 1);
      long candidate = ((1L << b) - 1) / factor * factor + 1;
      while (primes.size() < e.getValue()) {
        if (candidate <= lowerBound) {
          throw new IllegalArgumentException(
              "coeff_modulus_bits: not enough " + b + "-bit primes for poly_modulus_degree " + n);
        }
        if (isPrime(candidate)) {
          primes.push(candidate); // the last found (smallest) ends on top
        }
        candidate -= factor;
      }
      found.put(b, primes);
    }
    long[] out = new long[bitSizes.length];
    for (int i = 0; i < bitSizes.length; i++) {
      out[i] = found.get(bitSizes[i]).pop();
    }
    return out;
  }

  /**
   * Deterministic Miller–Rabin for 2 ≤ x &lt; 2^63 (these bases are proven sufficient below
   * 3.3·10^24).
   */
  public static boolean isPrime(long x) {
    if (x < 2) {
      return false;
    }
    long[] bases = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
    for (long p : bases) {
      if (x % p == 0) {
        return x == p;
      }
    }
    // BigInteger keeps this layer free of the ring arithmetic; it only runs while choosing primes.
    BigInteger modulus = BigInteger.valueOf(x);
    BigInteger minusOne = modulus.subtract(BigInteger.ONE);
    long d = x - 1;
    int r = Long.numberOfTrailingZeros(d);
    BigInteger oddPart = BigInteger.valueOf(d >>> r);
    outer:
    for (long a : bases) {
      BigInteger y = BigInteger.valueOf(a).modPow(oddPart, modulus);
      if (y.equals(BigInteger.ONE) || y.equals(minusOne)) {
        continue;
      }
      for (int i = 1; i < r; i++) {
        y = y.multiply(y).mod(modulus);
        if (y.equals(minusOne)) {
          continue outer;
        }
      }
      return false;
    }
    return true;
  }
}
