package io.pqcfhe.ckks.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SealParametersTest {

  private static final long[] REFERENCE = {
    1152921504606748673L, 1099510890497L, 1099511480321L, 1152921504606830593L
  };

  @Test
  void parmsIdsOfTheReferenceParametersAreSeals() {
    SealModulusChain chain = SealModulusChain.of(8192, REFERENCE);
    String key = chain.keyLevel().parmsId().hex();
    String first = chain.firstDataLevel().parmsId().hex();
    assertTrue(key.startsWith("e2a8dd3f") && key.endsWith("08c5dd"), key);
    assertTrue(first.startsWith("0f8bbf7d") && first.endsWith("70675512"), first);
    assertEquals(4, chain.levels().size());
    assertEquals(3, chain.keyLevel().chainIndex());
    assertEquals(2, chain.firstDataLevel().chainIndex());
    assertEquals(0, chain.levels().get(3).chainIndex());
    assertEquals(1, chain.levels().get(3).primeCount());
    assertTrue(chain.keyLevel().keyLevel());
    assertFalse(chain.firstDataLevel().keyLevel());
    assertEquals(200, chain.keyLevel().totalBits());
  }

  @Test
  void encryptionParametersSaveIs153BytesAndRoundTrips() {
    SealEncryptionParameters parms = new SealEncryptionParameters(8192, REFERENCE);
    byte[] saved = parms.save(ComprMode.NONE);
    assertEquals(153, saved.length);
    for (ComprMode mode : ComprMode.values()) {
      assertEquals(parms, SealEncryptionParameters.load(parms.save(mode)));
    }
    assertEquals(SealModulusChain.of(8192, REFERENCE).keyLevel().parmsId(), parms.parmsId());
  }

  @Test
  void encryptionParametersRefuseOtherSchemesAndBadValues() {
    byte[] saved = new SealEncryptionParameters(8192, REFERENCE).save(ComprMode.NONE);
    byte[] bfv = saved.clone();
    bfv[16] = 1;
    assertEquals(
        SealFormatException.Reason.PARMS_MISMATCH,
        assertThrows(SealFormatException.class, () -> SealEncryptionParameters.load(bfv)).reason());
    byte[] oddDegree = saved.clone();
    oddDegree[17] = 3;
    assertThrows(SealFormatException.class, () -> SealEncryptionParameters.load(oddDegree));
    byte[] plainModulus = saved.clone();
    plainModulus[saved.length - 8] = 17;
    assertThrows(SealFormatException.class, () -> SealEncryptionParameters.load(plainModulus));
    for (int len = 0; len < saved.length; len++) {
      byte[] cut = Arrays.copyOf(saved, len);
      assertThrows(SealFormatException.class, () -> SealEncryptionParameters.load(cut));
    }
    assertArrayEquals(saved, SealEncryptionParameters.load(saved).save(ComprMode.NONE));
  }
}
