package io.pqcfhe.ckks.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The codec against SEAL itself (node-seal): everything SEAL writes, in every form and compression,
 * loads here, and what we write from it, in every form and compression, loads in SEAL to the same
 * object.
 */
class SealInteropTest {

  private static final int N = 4096;
  private static NodeSeal seal;
  private static SealCodec codec;

  @BeforeAll
  static void start() {
    seal = NodeSeal.start(N, 40, 20, 40);
    codec = new SealCodec(SealModulusChain.of(N, seal.moduli()), 64L << 20);
  }

  @AfterAll
  static void stop() {
    seal.close();
  }

  @ParameterizedTest(name = "N={0} {1}")
  @CsvSource(
      delimiter = ';',
      value = {
        "4096; 40,20,40",
        "8192; 60,40,40,60",
        "16384; 60,40,40,40,40,60",
        "32768; 60,60,60,60,60,60,60,60,60,60,60,60,60,60"
      })
  void parmsIdsAndEncryptionParametersMatchSeal(int n, String bits) {
    try (NodeSeal other =
        NodeSeal.start(n, Arrays.stream(bits.split(",")).mapToInt(Integer::parseInt).toArray())) {
      Map<String, String> p = other.call("params");
      SealModulusChain chain = SealModulusChain.of(n, other.moduli());
      assertEquals(p.get("keyParmsId"), chain.keyLevel().parmsId().hex());
      assertEquals(p.get("firstParmsId"), chain.firstDataLevel().parmsId().hex());
      byte[] parms = NodeSeal.bytes(p.get("parms"));
      SealEncryptionParameters loaded = SealEncryptionParameters.load(parms);
      assertArrayEquals(other.moduli(), loaded.moduli());
      assertArrayEquals(parms, loaded.save(ComprMode.NONE));
    }
  }

  @ParameterizedTest
  @EnumSource(ComprMode.class)
  void keysSealMakesLoadAndComeBackIdentical(ComprMode mode) {
    Map<String, String> keys = seal.call("keygen", "compr", name(mode), "steps", "1,-1,3");
    check(
        "secretKey",
        keys.get("secretKey"),
        mode,
        codec::loadSecretKey,
        sk -> codec.save(sk, ComprMode.NONE),
        (sk, m) -> codec.save(sk, m));
    for (String pk : new String[] {"publicKey", "publicKeySeeded"}) {
      SealCiphertext loaded =
          check(
              "publicKey",
              keys.get(pk),
              mode,
              codec::loadPublicKey,
              k -> codec.save(k.unseeded(), ComprMode.NONE),
              (k, m) -> codec.save(k, m));
      assertEquals(pk.endsWith("Seeded"), loaded.seed() != null);
    }
    for (String rk : new String[] {"relinKeys", "relinKeysSeeded"}) {
      check(
          "relinKeys",
          keys.get(rk),
          mode,
          codec::loadRelinKeys,
          k -> codec.save(k.unseeded(), ComprMode.NONE),
          (k, m) -> codec.save(k, m));
    }
    for (String gk : new String[] {"galoisKeys", "galoisKeysSeeded"}) {
      SealKeySwitchKeys loaded =
          check(
              "galoisKeys",
              keys.get(gk),
              mode,
              codec::loadGaloisKeys,
              k -> codec.save(k.unseeded(), ComprMode.NONE),
              (k, m) -> codec.save(k, m));
      assertEquals(N, loaded.keys().size());
      // Steps 1, −1, 3: Galois elements 3, 3^(N/2−1) mod 2N and 27.
      int minusOne =
          java.math.BigInteger.valueOf(3)
              .modPow(java.math.BigInteger.valueOf(N / 2 - 1), java.math.BigInteger.valueOf(2L * N))
              .intValueExact();
      assertEquals(
          java.util.List.of(3, 27, minusOne).stream().sorted().toList(), loaded.galoisElements());
    }
  }

  @ParameterizedTest
  @EnumSource(ComprMode.class)
  void ciphertextsSealMakesLoadAndComeBackIdentical(ComprMode mode) {
    Map<String, String> keys = seal.call("keygen");
    String values = "1.25,-2.5,3,0.001";
    String[] made = {
      seal.call(
              "encrypt",
              "values",
              values,
              "scale",
              "1099511627776",
              "publicKey",
              keys.get("publicKey"),
              "compr",
              name(mode))
          .get("ciphertext"),
      seal.call(
              "encrypt",
              "values",
              values,
              "scale",
              "1048576",
              "secretKey",
              keys.get("secretKey"),
              "compr",
              name(mode))
          .get("ciphertext"),
      seal.call(
              "encrypt",
              "values",
              values,
              "scale",
              "1048576",
              "secretKey",
              keys.get("secretKey"),
              "seeded",
              "true",
              "compr",
              name(mode))
          .get("ciphertext"),
    };
    for (String ct : made) {
      SealCiphertext loaded =
          check(
              "ciphertext",
              ct,
              mode,
              codec::loadCiphertext,
              c -> codec.save(c.unseeded(), ComprMode.NONE),
              (c, m) -> codec.save(c, m));
      // What we write decrypts in SEAL to what was encrypted.
      Map<String, String> dec =
          seal.call(
              "decrypt",
              "secretKey",
              keys.get("secretKey"),
              "count",
              "4",
              "ciphertext",
              NodeSeal.base64(codec.save(loaded, ComprMode.ZSTD)));
      double[] got =
          Arrays.stream(dec.get("values").split(",")).mapToDouble(Double::parseDouble).toArray();
      double[] want = Arrays.stream(values.split(",")).mapToDouble(Double::parseDouble).toArray();
      assertArrayEquals(want, got, 1e-3);
      assertEquals(loaded.scale(), Double.parseDouble(dec.get("scale")));
    }
    // A rescaled ciphertext (one prime fewer) loads too.
    String product =
        seal.call(
                "evaluate",
                "what",
                "square",
                "a",
                made[1],
                "relinKeys",
                keys.get("relinKeys"),
                "compr",
                name(mode))
            .get("ciphertext");
    SealCiphertext rescaled = codec.loadCiphertext(NodeSeal.bytes(product));
    assertEquals(1, rescaled.primeCount());
    assertNull(rescaled.seed());
  }

  @Test
  void sealAndWeRefuseTheSameDamage() {
    Map<String, String> keys = seal.call("keygen");
    byte[] ct =
        NodeSeal.bytes(
            seal.call(
                    "encrypt",
                    "values",
                    "1",
                    "scale",
                    "1048576",
                    "publicKey",
                    keys.get("publicKey"))
                .get("ciphertext"));
    long q0 = codec.parameters().firstDataLevel().moduli()[0];
    byte[] tooBig = ct.clone();
    ByteBuffer.wrap(tooBig).order(ByteOrder.LITTLE_ENDIAN).putLong(16 + 73 + 24, q0);
    assertThrows(SealFormatException.class, () -> codec.loadCiphertext(tooBig));
    assertThrows(
        NodeSeal.NodeSealException.class,
        () -> seal.call("resave", "type", "ciphertext", "data", NodeSeal.base64(tooBig)));
    byte[] cut = Arrays.copyOf(ct, ct.length - 8);
    assertThrows(SealFormatException.class, () -> codec.loadCiphertext(cut));
    assertThrows(
        NodeSeal.NodeSealException.class,
        () -> seal.call("resave", "type", "ciphertext", "data", NodeSeal.base64(cut)));
    // A public key is not a ciphertext, for SEAL as for us.
    byte[] pk = NodeSeal.bytes(keys.get("publicKey"));
    assertThrows(SealFormatException.class, () -> codec.loadCiphertext(pk));
  }

  /**
   * Loads SEAL's bytes, checks that our un-seeded save is byte for byte SEAL's un-seeded save of
   * the same object, that our save in the same form reproduces SEAL's uncompressed bytes exactly,
   * and that every form we write (seeded kept, each compression) loads in SEAL to that same object.
   */
  private static <T> T check(
      String type,
      String sealBase64,
      ComprMode madeWith,
      Function<byte[], T> load,
      Function<T, byte[]> saveFull,
      java.util.function.BiFunction<T, ComprMode, byte[]> save) {
    T loaded = load.apply(NodeSeal.bytes(sealBase64));
    String sealFull = seal.call("resave", "type", type, "data", sealBase64).get("data");
    assertArrayEquals(NodeSeal.bytes(sealFull), saveFull.apply(loaded), type + ": un-seeded save");
    if (madeWith == ComprMode.NONE) {
      assertArrayEquals(
          NodeSeal.bytes(sealBase64), save.apply(loaded, ComprMode.NONE), type + ": same form");
    }
    for (ComprMode out : ComprMode.values()) {
      String back =
          seal.call("resave", "type", type, "data", NodeSeal.base64(save.apply(loaded, out)))
              .get("data");
      assertEquals(sealFull, back, type + " written with " + out + " reloads in SEAL");
    }
    return loaded;
  }

  private static String name(ComprMode mode) {
    return mode.name().toLowerCase(java.util.Locale.ROOT);
  }
}
