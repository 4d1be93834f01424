package io.pqcfhe.ckks.seal;

/**
 * SEAL's {@code EncryptionParameters} for CKKS: the degree and the primes of the key level (the
 * plain modulus is 0). Saved as: scheme u8 (2), N u64, prime count u64, each prime as a nested
 * Modulus save, then the plain modulus as a nested Modulus save.
 */
public record SealEncryptionParameters(int polyModulusDegree, long[] moduli) {

  /** SEAL's bounds on what it will even parse. */
  static final int MAX_DEGREE = 131072;

  static final int MAX_PRIMES = 64;
  private static final int MODULUS_SAVE_BYTES = SealHeader.BYTES + 8;

  public SealEncryptionParameters {
    if (polyModulusDegree < 2
        || polyModulusDegree > MAX_DEGREE
        || Integer.bitCount(polyModulusDegree) != 1) {
      throw new IllegalArgumentException("degree must be a power of two up to " + MAX_DEGREE);
    }
    if (moduli.length == 0 || moduli.length > MAX_PRIMES) {
      throw new IllegalArgumentException("between 1 and " + MAX_PRIMES + " primes");
    }
    moduli = moduli.clone();
    for (long q : moduli) {
      if (q < 2 || q >>> 61 != 0) {
        throw new IllegalArgumentException("a coefficient modulus has 2 to 61 bits");
      }
    }
  }

  @Override
  public long[] moduli() {
    return moduli.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SealEncryptionParameters other
        && polyModulusDegree == other.polyModulusDegree
        && java.util.Arrays.equals(moduli, other.moduli);
  }

  @Override
  public int hashCode() {
    return 31 * polyModulusDegree + java.util.Arrays.hashCode(moduli);
  }

  @Override
  public String toString() {
    return "SealEncryptionParameters[n="
        + polyModulusDegree
        + ", moduli="
        + java.util.Arrays.toString(moduli)
        + "]";
  }

  /** The parms_id of these parameters (the key level's). */
  public ParmsId parmsId() {
    return ParmsId.ofCkks(polyModulusDegree, moduli);
  }

  /** The chain of levels these parameters define. */
  public SealModulusChain chain() {
    return SealModulusChain.of(polyModulusDegree, moduli);
  }

  /** SEAL's save, uncompressed (153 bytes for four primes) or compressed. */
  public byte[] save(ComprMode mode) {
    long bodySize = 1 + 8 + 8 + (long) (moduli.length + 1) * MODULUS_SAVE_BYTES;
    return SealFraming.save(bodySize, mode, body -> {
      body.u8(ParmsId.SCHEME_CKKS);
      body.u64(polyModulusDegree);
      body.u64(moduli.length);
      for (long q : moduli) {
        writeModulus(body, q);
      }
      writeModulus(body, 0);
    });
  }

  /** Loads parameters saved by SEAL; only CKKS parameters are accepted. */
  public static SealEncryptionParameters load(byte[] bytes) {
    SealInput in =
        SealFraming.unframe(bytes, 1 + 8 + 8 + (long) (MAX_PRIMES + 1) * MODULUS_SAVE_BYTES).input();
    int scheme = in.u8();
    if (scheme != ParmsId.SCHEME_CKKS) {
      throw SealFormatException.mismatch("not CKKS parameters (scheme " + scheme + ")");
    }
    long n = in.u64();
    long k = in.u64();
    if (n < 2 || n > MAX_DEGREE || Long.bitCount(n) != 1 || k < 1 || k > MAX_PRIMES) {
      throw SealFormatException.invalid("encryption parameters out of range");
    }
    long[] moduli = new long[(int) k];
    for (int i = 0; i < k; i++) {
      moduli[i] = readModulus(in);
      if (moduli[i] < 2) {
        throw SealFormatException.invalid("a coefficient modulus has 2 to 61 bits");
      }
    }
    if (readModulus(in) != 0) {
      throw SealFormatException.mismatch("CKKS parameters have plain modulus 0");
    }
    SealFraming.expectEnd(in);
    return new SealEncryptionParameters((int) n, moduli);
  }

  private static void writeModulus(SealOutput out, long value) {
    new SealHeader(ComprMode.NONE, MODULUS_SAVE_BYTES).write(out);
    out.u64(value);
  }

  private static long readModulus(SealInput in) {
    SealFraming.nestedHeader(in, MODULUS_SAVE_BYTES);
    long value = in.u64();
    if (value == 1 || value >>> 61 != 0) {
      throw SealFormatException.invalid("a modulus is 0 or has 2 to 61 bits");
    }
    return value;
  }
}
