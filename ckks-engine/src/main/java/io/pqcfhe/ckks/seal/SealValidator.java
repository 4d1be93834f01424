package io.pqcfhe.ckks.seal;

/**
 * Every rule a loaded SEAL object must meet, in one place (SEAL's {@code valcheck}). The codec
 * calls the metadata checks before allocating anything for an object and the data checks once its
 * values are in. Where SEAL is lenient and nothing we make needs the leniency, we are stricter;
 * each such rule says so.
 */
final class SealValidator {

  /** SEAL's bounds on a ciphertext's number of polynomials (we also refuse SEAL's empty size 0). */
  static final int MIN_SIZE = 2;

  static final int MAX_SIZE = 16;

  /** Where an object may live. */
  enum Role {
    /** A ciphertext to compute on: any data level. */
    CIPHERTEXT,
    /** A public key, or one key of a key-switching set: the key level, two polynomials. */
    KEY,
  }

  private SealValidator() {}

  static SealLevel level(KnownParameters known, ParmsId parmsId, Role role) {
    SealLevel level =
        known
            .level(parmsId)
            .orElseThrow(
                () ->
                    SealFormatException.mismatch(
                        "parms_id " + parmsId.hex() + " is not of these parameters"));
    boolean pureKeyLevel = level.chainIndex() > known.firstDataLevel().chainIndex();
    switch (role) {
      case CIPHERTEXT -> {
        if (pureKeyLevel) {
          throw SealFormatException.invalid("a ciphertext cannot be at the key level");
        }
      }
      case KEY -> {
        if (!level.equals(known.keyLevel())) {
          throw SealFormatException.invalid("a key must be at the key level");
        }
      }
    }
    return level;
  }

  static void ciphertextMetadata(
      SealLevel level,
      Role role,
      int nttFlag,
      long size,
      long n,
      long primes,
      double scale,
      long correctionFactor) {
    if (n != level.polyModulusDegree() || primes != level.primeCount()) {
      throw SealFormatException.invalid("degree or prime count does not match the parms_id");
    }
    // SEAL accepts size 0 and CKKS ciphertexts out of NTT form that nothing can use; we do not.
    if (nttFlag != 1) {
      throw SealFormatException.invalid("a CKKS ciphertext must be in NTT form");
    }
    if (role == Role.KEY ? size != 2 : size < MIN_SIZE || size > MAX_SIZE) {
      throw SealFormatException.invalid(
          "ciphertext size " + Long.toUnsignedString(size) + " out of range");
    }
    if (correctionFactor != 1) {
      throw SealFormatException.invalid("CKKS correction factor must be 1");
    }
    checkScale(scale, level);
  }

  /**
   * SEAL's CKKS scale rule (positive, and the integer part of log2(scale) below the level's total
   * bits); SEAL lets NaN through, we also require a finite value.
   */
  static void checkScale(double scale, SealLevel level) {
    if (!Double.isFinite(scale)
        || scale <= 0
        || (int) (Math.log(scale) / Math.log(2)) >= level.totalBits()) {
      throw SealFormatException.invalid("scale out of range for its level");
    }
  }

  static void secretKeyMetadata(SealLevel level, long coeffCount) {
    if (coeffCount != (long) level.primeCount() * level.polyModulusDegree()) {
      throw SealFormatException.invalid(
          "secret key coefficient count does not match the parameters");
    }
  }

  /**
   * The outer shape of key-switching keys. Relinearization keys: exactly one entry (SEAL would take
   * up to 14, for powers of the secret beyond the square that no SEAL API creates). Galois keys: at
   * most N entries. Every non-empty entry has one key per prime of the first data level.
   */
  static void keySwitchEntries(KnownParameters known, boolean galois, long entries) {
    long max = galois ? known.keyLevel().polyModulusDegree() : 1;
    if (entries < 1 || entries > max) {
      throw SealFormatException.invalid("key-switching key entry count out of range");
    }
  }

  static void keySwitchEntry(KnownParameters known, boolean galois, long keys) {
    long digits = known.firstDataLevel().primeCount();
    if (keys != digits && !(galois && keys == 0)) {
      throw SealFormatException.invalid("key-switching entry must hold one key per data prime");
    }
    if (known.keyLevel().equals(known.firstDataLevel())) {
      throw SealFormatException.invalid("these parameters have no special prime for key switching");
    }
  }
}
