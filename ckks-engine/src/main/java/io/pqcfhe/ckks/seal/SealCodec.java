package io.pqcfhe.ckks.seal;

import io.pqcfhe.ckks.prng.UniformModSampler;
import io.pqcfhe.ckks.seal.SealValidator.Role;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads and writes SEAL 4.1 ciphertexts and keys for one set of {@link KnownParameters}.
 *
 * <p>Loading is parsing plus validation (see {@link SealValidator}): the parms_id is resolved and
 * every count checked against the parameters before anything is allocated for it, compressed input
 * may not inflate beyond what the expected object can take, every value must be below its prime,
 * and the bytes must be consumed exactly. Seeded objects are expanded as SEAL does. Any failure is
 * a {@link SealFormatException}.
 *
 * <p>{@code maxObjectBytes} caps what one object may cost, measured as its uncompressed, un-seeded
 * SEAL size (which is also about its size in memory here). Galois key sets are the objects that
 * need it: the format allows N of them.
 *
 * <p>Immutable and thread-safe.
 */
public final class SealCodec {

  /** parms_id, NTT flag, size, N, prime count, scale, correction factor. */
  private static final int CIPHERTEXT_METADATA_BYTES = ParmsId.BYTES + 1 + 8 + 8 + 8 + 8 + 8;

  /** parms_id, coefficient count, scale. */
  private static final int PLAINTEXT_METADATA_BYTES = ParmsId.BYTES + 8 + 8;

  /** A nested array: its header and count. */
  private static final int ARRAY_OVERHEAD = SealHeader.BYTES + 8;

  private final KnownParameters known;
  private final long maxObjectBytes;

  public SealCodec(KnownParameters known, long maxObjectBytes) {
    if (maxObjectBytes <= 0) {
      throw new IllegalArgumentException("maxObjectBytes must be positive");
    }
    this.known = known;
    this.maxObjectBytes = maxObjectBytes;
  }

  public KnownParameters parameters() {
    return known;
  }

  // ----------------------------------------------------------------------------------------
  // loading

  /** A ciphertext at a data level. */
  public SealCiphertext loadCiphertext(byte[] bytes) {
    return loadWhole(
        bytes, ciphertextMaxBytes(), in -> readCiphertext(in, Role.CIPHERTEXT, new Budget(maxObjectBytes)));
  }

  /**
   * Checks {@code bytes} exactly as {@link #loadCiphertext} does, without keeping the coefficients: for a
   * caller that only needs to know they are a valid ciphertext of these parameters. The values are read
   * one polynomial at a time into the same array instead of into the whole ciphertext's (262 KB at
   * N=8192 and two primes, allocated and zeroed for nothing).
   */
  public void checkCiphertext(byte[] bytes) {
    loadWhole(bytes, ciphertextMaxBytes(), in -> {
      CiphertextShape shape = readCiphertextShape(in, Role.CIPHERTEXT);
      new Budget(maxObjectBytes).take(8L * shape.values());
      SealLevel level = shape.level();
      long[] polynomial = new long[level.polyModulusDegree()];
      for (int p = 0; p < shape.storedPolys(); p++) {
        for (int j = 0; j < level.primeCount(); j++) {
          in.longsBelow(polynomial, 0, polynomial.length, level.modulus(j));
        }
      }
      if (shape.seeded()) {
        SealSeed.read(in);
      }
      return shape;
    });
  }

  private long ciphertextMaxBytes() {
    return fullCiphertextBytes(known.firstDataLevel(), SealValidator.MAX_SIZE) - SealHeader.BYTES + SealSeed.SAVE_BYTES;
  }

  /** A public key (plain or seeded). */
  public SealCiphertext loadPublicKey(byte[] bytes) {
    long max = fullCiphertextBytes(known.keyLevel(), 2) - SealHeader.BYTES;
    return loadWhole(bytes, max, in -> readCiphertext(in, Role.KEY, new Budget(maxObjectBytes)));
  }

  /** A secret key. */
  public SealSecretKey loadSecretKey(byte[] bytes) {
    SealLevel key = known.keyLevel();
    long max =
        PLAINTEXT_METADATA_BYTES + ARRAY_OVERHEAD + 8L * key.primeCount() * key.polyModulusDegree();
    return loadWhole(bytes, max, this::readSecretKey);
  }

  /** Relinearization keys (plain or seeded). */
  public SealKeySwitchKeys loadRelinKeys(byte[] bytes) {
    return loadWhole(bytes, keySwitchMaxBytes(1), in -> readKeySwitchKeys(in, false));
  }

  /** Galois keys (plain or seeded). */
  public SealKeySwitchKeys loadGaloisKeys(byte[] bytes) {
    return loadWhole(
        bytes,
        keySwitchMaxBytes(known.keyLevel().polyModulusDegree()),
        in -> readKeySwitchKeys(in, true));
  }

  private interface MembersReader<T> {
    T read(SealInput in);
  }

  private <T> T loadWhole(byte[] bytes, long structuralMax, MembersReader<T> reader) {
    SealFraming.Members members = SealFraming.unframe(bytes, Math.min(structuralMax, maxObjectBytes));
    try {
      SealInput in = members.input();
      T result = reader.read(in);
      SealFraming.expectEnd(in);
      return result;
    } finally {
      // The members may be a secret key's; the decompressed copy is ours to clear.
      if (members.isCopy(bytes)) {
        Arrays.fill(members.bytes(), (byte) 0);
      }
    }
  }

  private SealCiphertext readCiphertext(SealInput in, Role role, Budget budget) {
    CiphertextShape shape = readCiphertextShape(in, role);
    SealLevel level = shape.level();
    budget.take(8L * shape.values());
    long[] data = new long[shape.values()];
    readCoefficients(in, level, data, shape.storedPolys());
    SealSeed seed = null;
    if (shape.seeded()) {
      seed = SealSeed.read(in);
      // below the moduli by construction; the second polynomial starts after the first one's values
      int secondPolynomial = level.primeCount() * level.polyModulusDegree();
      UniformModSampler.sample(seed.newPrng(), level.moduli(), level.polyModulusDegree(), data, secondPolynomial);
    }
    return new SealCiphertext(
        shape.parmsId(), level.polyModulusDegree(), level.primeCount(), shape.size(), shape.scale(), data, seed);
  }

  /**
   * A ciphertext's metadata, validated, up to its coefficients. {@code storedPolys} is how many
   * polynomials the bytes hold: one when the second is replaced by the seed that follows them.
   */
  private record CiphertextShape(ParmsId parmsId, SealLevel level, int size, double scale, boolean seeded) {
    int storedPolys() {
      return seeded ? 1 : size;
    }

    /** The values of the whole ciphertext, seed expanded. */
    int values() {
      return size * level.primeCount() * level.polyModulusDegree();
    }
  }

  /** Reads and validates a ciphertext's metadata and array header; checks that its coefficients are present. */
  private CiphertextShape readCiphertextShape(SealInput in, Role role) {
    ParmsId parmsId = ParmsId.of(in.bytes(ParmsId.BYTES));
    int ntt = in.u8();
    long size = in.u64();
    long n = in.u64();
    long primes = in.u64();
    double scale = in.f64();
    long correction = in.u64();
    SealLevel level = SealValidator.level(known, parmsId, role);
    SealValidator.ciphertextMetadata(level, role, ntt, size, n, primes, scale, correction);

    int polyValues = level.primeCount() * level.polyModulusDegree();
    int total = (int) size * polyValues;
    long count = readArrayHeader(in);
    boolean seeded = size == 2 && count == polyValues;
    if (count != total && !seeded) {
      throw SealFormatException.invalid("ciphertext data count does not match its size");
    }
    if (!in.has(8 * count)) {
      throw SealFormatException.invalid("truncated SEAL object");
    }
    return new CiphertextShape(parmsId, level, (int) size, scale, seeded);
  }

  private SealSecretKey readSecretKey(SealInput in) {
    ParmsId parmsId = ParmsId.of(in.bytes(ParmsId.BYTES));
    long coeffCount = in.u64();
    in.f64(); // a secret key's scale is meaningless; SEAL does not check it either
    SealLevel level = SealValidator.level(known, parmsId, Role.KEY);
    SealValidator.secretKeyMetadata(level, coeffCount);
    long count = readArrayHeader(in);
    if (count != coeffCount || !in.has(8 * count)) {
      throw SealFormatException.invalid("secret key data count does not match the parameters");
    }
    long[] data = new long[(int) count];
    try {
      readCoefficients(in, level, data, 1);
    } catch (SealFormatException e) {
      Arrays.fill(data, 0);
      throw e;
    }
    return new SealSecretKey(parmsId, level.polyModulusDegree(), level.primeCount(), data);
  }

  private SealKeySwitchKeys readKeySwitchKeys(SealInput in, boolean galois) {
    ParmsId parmsId = ParmsId.of(in.bytes(ParmsId.BYTES));
    SealValidator.level(known, parmsId, Role.KEY);
    long entries = in.u64();
    SealValidator.keySwitchEntries(known, galois, entries);
    Budget budget = new Budget(maxObjectBytes);
    // Each entry takes at least its 8-byte count: a count the input cannot hold is refused here.
    if (!in.has(8 * entries)) {
      throw SealFormatException.invalid("truncated SEAL object");
    }
    List<List<SealCiphertext>> keys = new ArrayList<>((int) entries);
    for (long e = 0; e < entries; e++) {
      long inner = in.u64();
      SealValidator.keySwitchEntry(known, galois, inner);
      List<SealCiphertext> entry = new ArrayList<>((int) inner);
      for (long j = 0; j < inner; j++) {
        int start = in.position();
        SealHeader header = SealHeader.read(in);
        if (header.comprMode() != ComprMode.NONE) {
          throw SealFormatException.invalid("compressed nested SEAL object");
        }
        entry.add(readCiphertext(in, Role.KEY, budget));
        if (header.size() != in.position() - start) {
          throw SealFormatException.invalid("nested SEAL object has a wrong size");
        }
      }
      keys.add(entry);
    }
    return new SealKeySwitchKeys(parmsId, keys);
  }

  /**
   * Reads {@code polys} polynomials of {@code level} (RNS form, prime by prime) into {@code data},
   * each coefficient checked below its prime as it is read: a single pass over the bytes.
   */
  private static void readCoefficients(SealInput in, SealLevel level, long[] data, int polys) {
    int n = level.polyModulusDegree();
    int k = level.primeCount();
    for (int p = 0; p < polys; p++) {
      for (int j = 0; j < k; j++) {
        in.longsBelow(data, (p * k + j) * n, n, level.modulus(j));
      }
    }
  }

  /** Reads a nested array's header and count; checks the header's size against the count. */
  private static long readArrayHeader(SealInput in) {
    SealHeader header = SealHeader.read(in);
    long count = in.u64();
    if (header.comprMode() != ComprMode.NONE) {
      throw SealFormatException.invalid("compressed nested SEAL object");
    }
    // Bound first so that the size arithmetic below cannot overflow.
    if (count < 0 || count > Integer.MAX_VALUE / 8 || header.size() != ARRAY_OVERHEAD + 8 * count) {
      throw SealFormatException.invalid("nested array has a wrong size");
    }
    return count;
  }

  // ---------------------------------------------------------------------------------------- saving

  /**
   * SEAL bytes of a ciphertext or public key; seeded when it carries a seed, which must expand to
   * its second polynomial (checked: a wrong seed would make an object that decrypts to garbage).
   */
  public byte[] save(SealCiphertext ct, ComprMode mode) {
    return SealFraming.save(ciphertextSaveSize(ct) - SealHeader.BYTES, mode, out -> writeCiphertextMembers(ct, out));
  }

  public byte[] save(SealSecretKey sk, ComprMode mode) {
    long size = PLAINTEXT_METADATA_BYTES + ARRAY_OVERHEAD + 8L * sk.data().length;
    return SealFraming.save(size, mode, out -> {
      sk.parmsId().writeTo(out);
      out.u64(sk.data().length);
      out.f64(1.0);
      writeArray(out, sk.data(), 0, sk.data().length);
    });
  }

  /** SEAL bytes of relinearization or Galois keys; each inner key seeded when it carries a seed. */
  public byte[] save(SealKeySwitchKeys keys, ComprMode mode) {
    long size = ParmsId.BYTES + 8;
    for (List<SealCiphertext> entry : keys.keys()) {
      size += 8;
      for (SealCiphertext key : entry) {
        size += ciphertextSaveSize(key);
      }
    }
    return SealFraming.save(size, mode, out -> {
      keys.parmsId().writeTo(out);
      out.u64(keys.keys().size());
      for (List<SealCiphertext> entry : keys.keys()) {
        out.u64(entry.size());
        for (SealCiphertext key : entry) {
          new SealHeader(ComprMode.NONE, ciphertextSaveSize(key)).write(out);
          writeCiphertextMembers(key, out);
        }
      }
    });
  }

  private void writeCiphertextMembers(SealCiphertext ct, SealOutput out) {
    ct.parmsId().writeTo(out);
    out.u8(1);
    out.u64(ct.size());
    out.u64(ct.polyModulusDegree());
    out.u64(ct.primeCount());
    out.f64(ct.scale());
    out.u64(1);
    if (ct.seed() == null) {
      writeArray(out, ct.data(), 0, ct.data().length);
    } else {
      checkSeedExpansion(ct);
      int polyValues = ct.primeCount() * ct.polyModulusDegree();
      writeArray(out, ct.data(), 0, polyValues);
      ct.seed().write(out);
    }
  }

  private void checkSeedExpansion(SealCiphertext ct) {
    SealLevel level =
        known
            .level(ct.parmsId())
            .orElseThrow(
                () ->
                    new IllegalArgumentException("ciphertext parms_id is not of these parameters"));
    int polyValues = ct.primeCount() * ct.polyModulusDegree();
    long[] expanded = new long[polyValues];
    UniformModSampler.sample(
        ct.seed().newPrng(), level.moduli(), level.polyModulusDegree(), expanded, 0);
    if (!Arrays.equals(expanded, 0, polyValues, ct.data(), polyValues, 2 * polyValues)) {
      throw new IllegalArgumentException(
          "the seed does not expand to the ciphertext's second polynomial");
    }
  }

  private static void writeArray(SealOutput out, long[] values, int offset, int count) {
    new SealHeader(ComprMode.NONE, ARRAY_OVERHEAD + 8L * count).write(out);
    out.u64(count);
    out.longs(values, offset, count);
  }

  /** The uncompressed save size of a ciphertext, header included. */
  static long ciphertextSaveSize(SealCiphertext ct) {
    return ciphertextSaveSize(ct.size(), ct.primeCount(), ct.polyModulusDegree(), ct.seed() != null);
  }

  /**
   * The uncompressed save size of a ciphertext of {@code size} polynomials over {@code primeCount}
   * primes, header included; a seeded one stores its first polynomial and the seed.
   */
  static long ciphertextSaveSize(int size, int primeCount, int degree, boolean seeded) {
    long values = (long) (seeded ? 1 : size) * primeCount * degree;
    return SealHeader.BYTES
        + CIPHERTEXT_METADATA_BYTES
        + ARRAY_OVERHEAD
        + 8 * values
        + (seeded ? SealSeed.SAVE_BYTES : 0);
  }

  private static long fullCiphertextBytes(SealLevel level, int size) {
    return SealHeader.BYTES
        + CIPHERTEXT_METADATA_BYTES
        + ARRAY_OVERHEAD
        + 8L * size * level.primeCount() * level.polyModulusDegree();
  }

  private long keySwitchMaxBytes(long entries) {
    long perKey = fullCiphertextBytes(known.keyLevel(), 2);
    long perEntry = 8 + known.firstDataLevel().primeCount() * perKey;
    long max = ParmsId.BYTES + 8 + entries * perEntry;
    return max < 0 ? Long.MAX_VALUE : max;
  }

  /** The memory an object may still claim while it is being read. */
  private static final class Budget {
    private long left;

    Budget(long bytes) {
      this.left = bytes;
    }

    void take(long bytes) {
      if (bytes > left) {
        throw SealFormatException.invalid("SEAL object larger than allowed");
      }
      left -= bytes;
    }
  }
}
