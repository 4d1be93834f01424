package io.pqcfhe.crypto.bc;

import static io.pqcfhe.crypto.bc.Wycheproof.ACCEPTED;
import static io.pqcfhe.crypto.bc.Wycheproof.REJECTED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * ML-DSA-65 against Wycheproof. The protocol signs with the pure variant and the empty context, so cases
 * with a non-empty context or the internal interface (external mu) are skipped with that reason. Signing
 * is checked byte for byte: FIPS 204's deterministic variant is hedged signing with rnd = 32 zero bytes,
 * and the "Randomized" case gives its rnd; a random source that returns exactly those bytes makes our
 * hedged {@code sign} reproduce the vector.
 */
class MlDsa65WycheproofTest {

  @TestFactory
  Stream<DynamicTest> verify() {
    return Wycheproof.cases("mldsa_65_verify_test.json", c -> {
      if (c.has("ctx") && c.bytes("ctx").length > 0) {
        return Wycheproof.skipped("non-empty context (the protocol uses the empty context only)");
      }
      boolean verified = MlDsa65.verify(c.groupBytes("publicKey"), c.bytes("msg"), c.bytes("sig"));
      assertEquals(c.valid(), verified);
      return verified ? ACCEPTED : REJECTED;
    });
  }

  @TestFactory
  Stream<DynamicTest> signFromSeed() {
    return Wycheproof.cases("mldsa_65_sign_seed_test.json", c -> {
      byte[] seed = c.groupBytes("privateSeed");
      if (seed.length != MlDsa65.SEED_BYTES) {
        assertEquals("invalid", c.result());
        assertThrows(IllegalArgumentException.class, () -> MlDsa65.fromSeed(seed));
        return REJECTED;
      }
      if (!c.has("msg")) {
        return Wycheproof.skipped("internal interface with external mu (not offered by our API)");
      }
      if (c.has("ctx") && c.bytes("ctx").length > 0) {
        return Wycheproof.skipped("non-empty context (the protocol uses the empty context only)");
      }
      MlDsa65.SigningKey key = MlDsa65.fromSeed(seed);
      assertArrayEquals(c.groupBytes("publicKey"), key.publicKey(), "public key from seed");
      byte[] rnd = c.has("rnd") ? c.bytes("rnd") : new byte[32];
      byte[] signature = key.sign(c.bytes("msg"), new FixedBytesRandom(rnd));
      assertArrayEquals(c.bytes("sig"), signature, "signature");
      assertTrue(MlDsa65.verify(key.publicKey(), c.bytes("msg"), signature));
      return ACCEPTED;
    });
  }

  /** Returns exactly the given bytes once; any other request is a test bug. */
  private static final class FixedBytesRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final byte[] bytes;
    private boolean used;

    FixedBytesRandom(byte[] bytes) {
      this.bytes = bytes.clone();
    }

    @Override
    public void nextBytes(byte[] out) {
      if (used || out.length != bytes.length) {
        throw new IllegalStateException("unexpected randomness request of " + out.length + " bytes");
      }
      used = true;
      System.arraycopy(bytes, 0, out, 0, out.length);
    }
  }
}
