package io.pqcfhe.crypto.bc;

import io.pqcfhe.crypto.SecretBytes;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/** HKDF (RFC 5869) with SHA-384, as the key schedule uses it: salt absent (48 zero bytes). */
public final class Hkdf {
  /** RFC 5869: at most 255 blocks of the hash's output. */
  public static final int MAX_SHA384_OUTPUT = 255 * 48;

  private Hkdf() {}

  public static SecretBytes sha384(SecretBytes ikm, byte[] info, int length) {
    return sha384(null, ikm, info, length);
  }

  /** With a salt: only the test vectors need it, hence package-private. */
  static SecretBytes sha384(byte[] salt, SecretBytes ikm, byte[] info, int length) {
    if (length < 1 || length > MAX_SHA384_OUTPUT) {
      throw new IllegalArgumentException("HKDF-SHA384 output must be 1.." + MAX_SHA384_OUTPUT + " bytes");
    }
    HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA384Digest());
    // HKDFParameters copies the IKM; BouncyCastle offers no way to wipe that copy, which lives only for
    // this call.
    generator.init(ikm.reveal(bytes -> new HKDFParameters(bytes, salt, info)));
    byte[] okm = new byte[length];
    generator.generateBytes(okm, 0, length);
    return SecretBytes.wrap(okm);
  }
}
