package io.pqcfhe.crypto.bc;

import static io.pqcfhe.crypto.bc.Wycheproof.ACCEPTED;
import static io.pqcfhe.crypto.bc.Wycheproof.REJECTED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pqcfhe.crypto.SecretBytes;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * HKDF-SHA384 against Wycheproof. Cases with an empty salt go through the public, salt-less API (an
 * empty salt and an absent one are the same HMAC key, RFC 5869 §2.2); salted cases go through the
 * package-private salted form, which is the same code path.
 */
class HkdfWycheproofTest {

  @TestFactory
  Stream<DynamicTest> hkdfSha384() {
    return Wycheproof.cases("hkdf_sha384_test.json", c -> {
      SecretBytes ikm = SecretBytes.wrap(c.bytes("ikm"));
      byte[] salt = c.bytes("salt");
      byte[] info = c.bytes("info");
      int size = c.test().getInteger("size");
      if (!c.valid()) {
        assertThrows(IllegalArgumentException.class, () -> Hkdf.sha384(salt, ikm, info, size));
        return REJECTED;
      }
      byte[] okm = salt.length == 0
          ? Hkdf.sha384(ikm, info, size).revealCopy()
          : Hkdf.sha384(salt, ikm, info, size).revealCopy();
      assertArrayEquals(c.bytes("okm"), okm);
      return ACCEPTED;
    });
  }
}
