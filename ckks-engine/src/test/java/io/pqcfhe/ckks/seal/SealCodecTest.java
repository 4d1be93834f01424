package io.pqcfhe.ckks.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.pqcfhe.ckks.seal.SealFormatException.Reason;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Round trips and, above all, refusals, on tiny synthetic objects so that every prefix can be
 * tried.
 */
class SealCodecTest {

  private final SyntheticObjects tiny = SyntheticObjects.tiny();
  private final SealCodec codec = new SealCodec(tiny.chain, 1 << 20);
  private final SealLevel first = tiny.chain.firstDataLevel();
  private final SealLevel key = tiny.chain.keyLevel();

  @ParameterizedTest
  @EnumSource(ComprMode.class)
  void everyObjectRoundTrips(ComprMode mode) {
    SealCiphertext ct = tiny.ciphertext(first, 3, 1 << 20);
    assertEquals(ct, codec.loadCiphertext(codec.save(ct, mode)));
    SealCiphertext seeded = tiny.seeded(first, 1 << 20);
    SealCiphertext loaded = codec.loadCiphertext(codec.save(seeded, mode));
    assertEquals(seeded, loaded);
    assertEquals(seeded.seed(), loaded.seed());
    SealCiphertext shake = tiny.seeded(first, 1 << 20, io.pqcfhe.ckks.prng.PrngType.SHAKE256);
    SealCiphertext shakeLoaded = codec.loadCiphertext(codec.save(shake, mode));
    assertEquals(shake, shakeLoaded);
    assertEquals(io.pqcfhe.ckks.prng.PrngType.SHAKE256, shakeLoaded.seed().type());
    SealCiphertext pk = tiny.seeded(key, 1.0);
    assertEquals(pk, codec.loadPublicKey(codec.save(pk, mode)));
    assertEquals(pk.unseeded(), codec.loadPublicKey(codec.save(pk.unseeded(), mode)));
    SealSecretKey sk = tiny.secretKey();
    assertEquals(sk, codec.loadSecretKey(codec.save(sk, mode)));
    SealKeySwitchKeys relin = tiny.keySwitchKeys(1, new int[] {0}, true);
    assertKeysEqual(relin, codec.loadRelinKeys(codec.save(relin, mode)));
    SealKeySwitchKeys galois = tiny.keySwitchKeys(16, new int[] {1, 4, 15}, false);
    SealKeySwitchKeys galoisLoaded = codec.loadGaloisKeys(codec.save(galois, mode));
    assertKeysEqual(galois, galoisLoaded);
    assertEquals(List.of(3, 9, 31), galoisLoaded.galoisElements());
  }

  @Test
  void seededAndFullFormsHoldTheSameValues() {
    SealCiphertext seeded = tiny.seeded(first, 1 << 20);
    byte[] small = codec.save(seeded, ComprMode.NONE);
    byte[] full = codec.save(seeded.unseeded(), ComprMode.NONE);
    assertEquals(full.length - small.length, 8 * first.primeCount() * 16 - SealSeed.SAVE_BYTES);
    SealCiphertext fromFull = codec.loadCiphertext(full);
    assertNull(fromFull.seed());
    assertArrayEquals(seeded.data(), fromFull.data());
  }

  @Test
  void unknownPrngTypesAreRefused() {
    byte[] seeded = codec.save(tiny.seeded(first, 1 << 20), ComprMode.NONE);
    int typeByte = seeded.length - 65;
    assertEquals(1, seeded[typeByte]);
    assertRefused(
        patch(seeded, typeByte, (byte) 0), codec::loadCiphertext, Reason.INVALID_SEAL_OBJECT);
    assertRefused(
        patch(seeded, typeByte, (byte) 3), codec::loadCiphertext, Reason.INVALID_SEAL_OBJECT);
    // The same seed read as SHAKE256 expands to other values: still a valid object, just another
    // one.
    SealCiphertext other = codec.loadCiphertext(patch(seeded, typeByte, (byte) 2));
    assertEquals(io.pqcfhe.ckks.prng.PrngType.SHAKE256, other.seed().type());
  }

  @Test
  void savingWithASeedThatDoesNotExpandToTheDataIsRefused() {
    SealCiphertext a = tiny.seeded(first, 1 << 20);
    SealCiphertext b = tiny.seeded(first, 1 << 20);
    assertThrows(
        IllegalArgumentException.class, () -> codec.save(a.withSeed(b.seed()), ComprMode.NONE));
  }

  @Test
  void everyTruncationIsRefused() {
    for (byte[] whole :
        List.of(
            codec.save(tiny.ciphertext(first, 2, 1 << 20), ComprMode.NONE),
            codec.save(tiny.seeded(first, 1 << 20), ComprMode.NONE),
            codec.save(tiny.ciphertext(first, 2, 1 << 20), ComprMode.ZLIB),
            codec.save(tiny.ciphertext(first, 2, 1 << 20), ComprMode.ZSTD))) {
      for (int len = 0; len < whole.length; len++) {
        byte[] cut = Arrays.copyOf(whole, len);
        assertRefused(cut, codec::loadCiphertext, null);
        // Also with the header's size patched to the shorter length, so the parser itself must
        // notice.
        if (len >= 16) {
          ByteBuffer.wrap(cut).order(ByteOrder.LITTLE_ENDIAN).putLong(8, len);
          assertRefused(cut, codec::loadCiphertext, null);
        }
      }
    }
    byte[] relin = codec.save(tiny.keySwitchKeys(1, new int[] {0}, true), ComprMode.NONE);
    for (int len = 0; len < relin.length; len++) {
      byte[] cut = Arrays.copyOf(relin, len);
      if (len >= 16) {
        ByteBuffer.wrap(cut).order(ByteOrder.LITTLE_ENDIAN).putLong(8, len);
      }
      assertRefused(cut, codec::loadRelinKeys, null);
    }
  }

  @Test
  void checkingACiphertextGivesTheVerdictOfLoadingIt() {
    Random random = new Random(7);
    List<byte[]> inputs = new ArrayList<>();
    for (byte[] whole :
        List.of(
            codec.save(tiny.ciphertext(first, 2, 1 << 20), ComprMode.NONE),
            codec.save(tiny.ciphertext(first, 3, 1 << 20), ComprMode.NONE),
            codec.save(tiny.seeded(first, 1 << 20), ComprMode.NONE),
            codec.save(tiny.ciphertext(first, 2, 1 << 20), ComprMode.ZLIB),
            codec.save(tiny.ciphertext(first, 2, 1 << 20), ComprMode.ZSTD))) {
      inputs.add(whole);
      for (int len = 0; len < whole.length; len += 5) {
        inputs.add(Arrays.copyOf(whole, len));
      }
      for (int i = 0; i < whole.length; i++) {
        byte[] flipped = whole.clone();
        flipped[i] ^= (byte) (1 + random.nextInt(255));
        inputs.add(flipped);
      }
    }
    int accepted = 0;
    for (byte[] input : inputs) {
      String loading = verdict(() -> codec.loadCiphertext(input));
      assertEquals(loading, verdict(() -> codec.checkCiphertext(input)));
      accepted += loading.equals("accepted") ? 1 : 0;
    }
    // Both verdicts occur: flips inside a value that stays below its prime load, the others do not.
    assertTrue(accepted > 5 && accepted < inputs.size() / 2, accepted + " of " + inputs.size() + " accepted");
  }

  @Test
  void trailingBytesAreRefused() {
    byte[] whole = codec.save(tiny.ciphertext(first, 2, 1 << 20), ComprMode.NONE);
    byte[] longer = Arrays.copyOf(whole, whole.length + 1);
    assertRefused(longer, codec::loadCiphertext, null);
    ByteBuffer.wrap(longer).order(ByteOrder.LITTLE_ENDIAN).putLong(8, longer.length);
    assertRefused(longer, codec::loadCiphertext, null);
  }

  @Test
  void randomBytesAndFlippedBytesNeverEscapeAsAnotherException() {
    Random random = new Random(1);
    for (int t = 0; t < 3000; t++) {
      byte[] junk = new byte[random.nextInt(400)];
      random.nextBytes(junk);
      if (junk.length >= 16 && random.nextBoolean()) {
        // A plausible header, so the parser gets further.
        ByteBuffer.wrap(junk)
            .order(ByteOrder.LITTLE_ENDIAN)
            .putShort(0, (short) 0xA15E)
            .put(2, (byte) 16)
            .put(3, (byte) 4)
            .put(4, (byte) 1)
            .put(5, (byte) random.nextInt(3))
            .putLong(8, junk.length);
      }
      assertRefused(junk, codec::loadCiphertext, null);
      assertRefused(junk, codec::loadGaloisKeys, null);
      assertRefused(junk, codec::loadSecretKey, null);
    }
    byte[] whole = codec.save(tiny.keySwitchKeys(16, new int[] {2}, true), ComprMode.NONE);
    for (int i = 0; i < whole.length; i += 3) {
      byte[] flipped = whole.clone();
      flipped[i] ^= (byte) (1 + random.nextInt(255));
      try {
        codec.loadGaloisKeys(flipped);
      } catch (SealFormatException expected) {
        // refused: fine; loading is fine too when the flip landed in a value that stays below q
      }
    }
  }

  @Test
  void headerFieldsAreChecked() {
    byte[] whole = codec.save(tiny.ciphertext(first, 2, 1 << 20), ComprMode.NONE);
    assertRefused(patch(whole, 0, (byte) 0x5F), codec::loadCiphertext, Reason.INVALID_SEAL_OBJECT);
    assertRefused(patch(whole, 2, (byte) 0x11), codec::loadCiphertext, Reason.INVALID_SEAL_OBJECT);
    assertRefused(patch(whole, 3, (byte) 3), codec::loadCiphertext, Reason.INVALID_SEAL_OBJECT);
    assertRefused(patch(whole, 4, (byte) 0), codec::loadCiphertext, Reason.INVALID_SEAL_OBJECT);
    assertRefused(patch(whole, 5, (byte) 3), codec::loadCiphertext, Reason.INVALID_SEAL_OBJECT);
    // The nested array's header too.
    int array = 16 + 73;
    assertRefused(
        patch(whole, array + 3, (byte) 3), codec::loadCiphertext, Reason.INVALID_SEAL_OBJECT);
    assertRefused(
        patch(whole, array + 5, (byte) 1), codec::loadCiphertext, Reason.INVALID_SEAL_OBJECT);
  }

  @Test
  void metadataIsChecked() {
    SealCiphertext ct = tiny.ciphertext(first, 2, 1 << 20);
    byte[] whole = codec.save(ct, ComprMode.NONE);
    // Another parameter set's parms_id: parms_mismatch.
    byte[] foreign =
        withParmsId(
            whole, SealModulusChain.of(32, new long[] {97, 193, 257}).firstDataLevel().parmsId());
    assertRefused(foreign, codec::loadCiphertext, Reason.PARMS_MISMATCH);
    // The key level's parms_id on a ciphertext, a data level's on a public key: wrong level.
    byte[] atKeyLevel = withParmsId(whole, key.parmsId());
    assertRefused(atKeyLevel, codec::loadCiphertext, Reason.INVALID_SEAL_OBJECT);
    assertRefused(whole, codec::loadPublicKey, Reason.INVALID_SEAL_OBJECT);
    assertRefused(
        patch(whole, 16 + 32, (byte) 0), codec::loadCiphertext, Reason.INVALID_SEAL_OBJECT);
    assertRefused(putLong(whole, 16 + 33, 1), codec::loadCiphertext, Reason.INVALID_SEAL_OBJECT);
    assertRefused(putLong(whole, 16 + 33, 17), codec::loadCiphertext, Reason.INVALID_SEAL_OBJECT);
    assertRefused(
        putLong(whole, 16 + 33, Long.MAX_VALUE), codec::loadCiphertext, Reason.INVALID_SEAL_OBJECT);
    assertRefused(putLong(whole, 16 + 33, 3), codec::loadCiphertext, Reason.INVALID_SEAL_OBJECT);
    assertRefused(putLong(whole, 16 + 41, 32), codec::loadCiphertext, Reason.INVALID_SEAL_OBJECT);
    assertRefused(putLong(whole, 16 + 49, 3), codec::loadCiphertext, Reason.INVALID_SEAL_OBJECT);
    for (double scale : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY, 0x1p100}) {
      byte[] b = putLong(whole, 16 + 57, Double.doubleToRawLongBits(scale));
      assertRefused(b, codec::loadCiphertext, Reason.INVALID_SEAL_OBJECT);
    }
    assertRefused(putLong(whole, 16 + 65, 2), codec::loadCiphertext, Reason.INVALID_SEAL_OBJECT);
    // Array counts: oversized (no allocation happens), or neither full nor seeded.
    assertRefused(
        putLong(whole, 16 + 73 + 16, 1L << 40), codec::loadCiphertext, Reason.INVALID_SEAL_OBJECT);
    assertRefused(
        putLong(whole, 16 + 73 + 16, -1), codec::loadCiphertext, Reason.INVALID_SEAL_OBJECT);
    assertRefused(
        putLong(whole, 16 + 73 + 8, 1L << 40), codec::loadCiphertext, Reason.INVALID_SEAL_OBJECT);
  }

  @Test
  void coefficientsMustBeBelowTheirModulus() {
    SealCiphertext ct = tiny.ciphertext(first, 2, 1 << 20);
    byte[] whole = codec.save(ct, ComprMode.NONE);
    int data = 16 + 73 + 24;
    long q0 = first.moduli()[0];
    long q1 = first.moduli()[1];
    assertRefused(putLong(whole, data, q0), codec::loadCiphertext, Reason.INVALID_SEAL_OBJECT);
    assertRefused(
        putLong(whole, data + 8 * 16, q1), codec::loadCiphertext, Reason.INVALID_SEAL_OBJECT);
    assertRefused(
        putLong(whole, data + 8 * (2 * 32 - 1), -1L),
        codec::loadCiphertext,
        Reason.INVALID_SEAL_OBJECT);
    // top bit set: far above any prime, whatever the low bits
    assertRefused(putLong(whole, data + 8, Long.MIN_VALUE), codec::loadCiphertext, Reason.INVALID_SEAL_OBJECT);
    assertRefused(
        putLong(whole, data + 8, Long.MIN_VALUE + q0 - 1), codec::loadCiphertext, Reason.INVALID_SEAL_OBJECT);
    codec.loadCiphertext(putLong(whole, data, q0 - 1));
    codec.loadCiphertext(codec.save(ct, ComprMode.ZLIB));

    byte[] sk = codec.save(tiny.secretKey(), ComprMode.NONE);
    int skData = 16 + 48 + 24;
    assertRefused(
        putLong(sk, skData + 8 * 47, key.moduli()[2]),
        codec::loadSecretKey,
        Reason.INVALID_SEAL_OBJECT);
  }

  @Test
  void keySwitchShapesAreChecked() {
    byte[] relin = codec.save(tiny.keySwitchKeys(1, new int[] {0}, false), ComprMode.NONE);
    assertRefused(putLong(relin, 16 + 32, 2), codec::loadRelinKeys, Reason.INVALID_SEAL_OBJECT);
    assertRefused(putLong(relin, 16 + 32, 0), codec::loadRelinKeys, Reason.INVALID_SEAL_OBJECT);
    assertRefused(putLong(relin, 16 + 40, 3), codec::loadRelinKeys, Reason.INVALID_SEAL_OBJECT);
    assertRefused(putLong(relin, 16 + 40, 0), codec::loadRelinKeys, Reason.INVALID_SEAL_OBJECT);
    byte[] galois = codec.save(tiny.keySwitchKeys(16, new int[] {3}, false), ComprMode.NONE);
    assertRefused(putLong(galois, 16 + 32, 17), codec::loadGaloisKeys, Reason.INVALID_SEAL_OBJECT);
    assertRefused(
        putLong(galois, 16 + 32, Long.MAX_VALUE),
        codec::loadGaloisKeys,
        Reason.INVALID_SEAL_OBJECT);
    // Galois keys are not relinearization keys and vice versa.
    assertRefused(galois, codec::loadRelinKeys, Reason.INVALID_SEAL_OBJECT);
    codec.loadGaloisKeys(relin); // one entry, element 1: SEAL's format allows it
  }

  @Test
  void compressionBombsAreRefusedBeforeTheMemoryIsSpent() throws Exception {
    byte[] ct = codec.save(tiny.ciphertext(first, 2, 1 << 20), ComprMode.NONE);
    // A ciphertext header followed by 64 MiB of zeros, deflated to a few tens of kilobytes.
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (DeflaterOutputStream z = new DeflaterOutputStream(zipped, new Deflater(9))) {
      z.write(ct, 16, ct.length - 16);
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 64; i++) {
        z.write(zeros);
      }
    }
    assertRefused(
        frame(zipped.toByteArray(), ComprMode.ZLIB),
        codec::loadCiphertext,
        Reason.INVALID_SEAL_OBJECT);
    byte[] huge = new byte[64 << 20];
    System.arraycopy(ct, 16, huge, 0, ct.length - 16);
    byte[] zstd = com.github.luben.zstd.Zstd.compress(huge, 3);
    assertRefused(frame(zstd, ComprMode.ZSTD), codec::loadCiphertext, Reason.INVALID_SEAL_OBJECT);
    // Damaged streams.
    assertRefused(frame(new byte[] {1, 2, 3, 4}, ComprMode.ZLIB), codec::loadCiphertext, null);
    assertRefused(frame(new byte[] {1, 2, 3, 4}, ComprMode.ZSTD), codec::loadCiphertext, null);
  }

  @Test
  void theObjectSizeCapHolds() {
    SealCodec small = new SealCodec(tiny.chain, 1000);
    byte[] galois =
        codec.save(tiny.keySwitchKeys(16, new int[] {0, 1, 2, 3}, true), ComprMode.NONE);
    assertRefused(galois, small::loadGaloisKeys, Reason.INVALID_SEAL_OBJECT);
    codec.loadGaloisKeys(galois);
  }

  private static void assertKeysEqual(SealKeySwitchKeys expected, SealKeySwitchKeys actual) {
    assertEquals(expected.parmsId(), actual.parmsId());
    assertEquals(expected.keys(), actual.keys());
  }

  private static String verdict(Runnable load) {
    try {
      load.run();
      return "accepted";
    } catch (SealFormatException e) {
      return e.reason() + ": " + e.getMessage();
    }
  }

  private static <T> void assertRefused(byte[] bytes, Function<byte[], T> load, Reason reason) {
    try {
      load.apply(bytes);
    } catch (SealFormatException e) {
      if (reason != null) {
        assertEquals(reason, e.reason(), e.getMessage());
      }
      return;
    } catch (RuntimeException | OutOfMemoryError e) {
      fail("escaped as " + e, e);
    }
    fail("accepted");
  }

  private static byte[] frame(byte[] payload, ComprMode mode) {
    ByteBuffer b = ByteBuffer.allocate(16 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) 0xA15E)
        .put((byte) 16)
        .put((byte) 4)
        .put((byte) 1)
        .put((byte) mode.code())
        .putShort((short) 0)
        .putLong(16 + payload.length)
        .put(payload);
    return b.array();
  }

  private static byte[] patch(byte[] b, int at, byte value) {
    byte[] c = b.clone();
    c[at] = value;
    return c;
  }

  private static byte[] putLong(byte[] b, int at, long value) {
    byte[] c = b.clone();
    ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putLong(at, value);
    return c;
  }

  private static byte[] withParmsId(byte[] b, ParmsId id) {
    byte[] c = b.clone();
    System.arraycopy(id.bytes(), 0, c, 16, ParmsId.BYTES);
    return c;
  }
}
