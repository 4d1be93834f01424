package io.pqcfhe.crypto.bc;

import static io.pqcfhe.crypto.bc.Wycheproof.ACCEPTED;
import static io.pqcfhe.crypto.bc.Wycheproof.REJECTED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pqcfhe.crypto.InvalidKeyMaterialException;
import io.pqcfhe.crypto.SecretBytes;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * X25519 against Wycheproof. "acceptable" cases (non-canonical or twist points) are accepted like RFC 7748
 * says, except those whose shared secret is all zero (low-order points), which our API must refuse.
 */
class X25519WycheproofTest {

  @TestFactory
  Stream<DynamicTest> x25519() {
    return Wycheproof.cases("x25519_test.json", c -> {
      SecretBytes privateKey = SecretBytes.wrap(c.bytes("private"));
      byte[] peer = c.bytes("public");
      byte[] expected = c.bytes("shared");
      if (isAllZero(expected) || !("valid".equals(c.result()) || "acceptable".equals(c.result()))) {
        assertThrows(InvalidKeyMaterialException.class, () -> X25519.agree(privateKey, peer));
        return REJECTED;
      }
      try {
        assertArrayEquals(expected, X25519.agree(privateKey, peer).revealCopy());
      } catch (InvalidKeyMaterialException e) {
        throw new AssertionError("valid public key refused", e);
      }
      return ACCEPTED;
    });
  }

  private static boolean isAllZero(byte[] bytes) {
    int acc = 0;
    for (byte b : bytes) {
      acc |= b;
    }
    return acc == 0;
  }
}
