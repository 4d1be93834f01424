package io.pqcfhe.crypto.bc;

import static io.pqcfhe.crypto.bc.Wycheproof.ACCEPTED;
import static io.pqcfhe.crypto.bc.Wycheproof.REJECTED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pqcfhe.crypto.AesGcm;
import io.pqcfhe.crypto.AuthenticationFailedException;
import io.pqcfhe.crypto.SecretBytes;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * AES-GCM against Wycheproof. Our API is AES-256 with a 96-bit IV and a 128-bit tag only: those groups
 * are checked both ways (seal reproduces ct ‖ tag, open accepts or refuses); every case of another key,
 * IV or tag size is asserted to be refused by our API before any cryptography runs.
 */
class AesGcmWycheproofTest {

  @TestFactory
  Stream<DynamicTest> aesGcm() {
    return Wycheproof.cases("aes_gcm_test.json", c -> {
      SecretBytes key = SecretBytes.wrap(c.bytes("key"));
      byte[] iv = c.bytes("iv");
      byte[] aad = c.bytes("aad");
      byte[] msg = c.bytes("msg");
      byte[] ct = c.bytes("ct");
      byte[] tag = c.bytes("tag");
      boolean supported = key.size() == AesGcm.KEY_BYTES && iv.length == AesGcm.IV_BYTES
          && c.group().getInteger("tagSize") == AesGcm.TAG_BYTES * 8;
      if (!supported) {
        assertThrows(IllegalArgumentException.class, () -> AesGcm.open(key, iv, ct, tag, aad));
        if (key.size() != AesGcm.KEY_BYTES || iv.length != AesGcm.IV_BYTES) {
          assertThrows(IllegalArgumentException.class, () -> AesGcm.seal(key, iv, msg, aad));
        }
        return Wycheproof.REFUSED_BY_API;
      }
      if (!c.valid()) {
        assertThrows(AuthenticationFailedException.class, () -> AesGcm.open(key, iv, ct, tag, aad));
        return REJECTED;
      }
      AesGcm.Sealed sealed = AesGcm.seal(key, iv, msg, aad);
      assertArrayEquals(ct, sealed.ciphertext(), "ciphertext");
      assertArrayEquals(tag, sealed.tag(), "tag");
      try {
        assertArrayEquals(msg, AesGcm.open(key, iv, ct, tag, aad), "plaintext");
      } catch (AuthenticationFailedException e) {
        throw new AssertionError("valid tag refused", e);
      }
      return ACCEPTED;
    });
  }
}
