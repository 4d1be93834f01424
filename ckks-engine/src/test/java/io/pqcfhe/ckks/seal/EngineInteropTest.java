package io.pqcfhe.ckks.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.pqcfhe.ckks.ckks.CkksContext;
import io.pqcfhe.ckks.ckks.CkksEncoder;
import io.pqcfhe.ckks.ckks.CkksEvaluator;
import io.pqcfhe.ckks.params.CkksParameters;
import io.pqcfhe.ckks.rlwe.Ciphertext;
import io.pqcfhe.ckks.rlwe.Decryptor;
import io.pqcfhe.ckks.rlwe.Encryptor;
import io.pqcfhe.ckks.rlwe.GaloisKeys;
import io.pqcfhe.ckks.rlwe.KeyGenerator;
import io.pqcfhe.ckks.rlwe.PublicKey;
import io.pqcfhe.ckks.rlwe.RelinKeys;
import io.pqcfhe.ckks.rlwe.SecretKey;
import io.pqcfhe.ckks.security.SecurityLevel;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine and SEAL working on each other's objects, at the reference parameters N = 8192 [60,
 * 40, 40, 60], scale 2^40: SEAL's keys and ciphertexts go through our evaluator and SEAL decrypts
 * the results; our keys and ciphertexts are decrypted and computed on by SEAL.
 */
class EngineInteropTest {

  private static final int N = 8192;
  private static final double SCALE = 0x1p40;
  private static final double TOLERANCE = 1e-4;
  private static final double[] A = {0.5, -1.25, 2, 0.75, -0.5, 1, 3, -2, 0.125, 1.5, -3, 0.25};
  private static final double[] B = {1.5, 0.5, -1, 2, 0.25, -0.75, 1, 0.5, -2, 1, 0.5, -1};

  private static NodeSeal seal;
  private static CkksContext context;
  private static SealObjects objects;
  private static CkksEncoder encoder;

  @BeforeAll
  static void start() {
    seal = NodeSeal.start(N, 60, 40, 40, 60);
    CkksParameters params =
        CkksParameters.create(N, new int[] {60, 40, 40, 60}, SCALE, SecurityLevel.BITS_128);
    assertArrayEquals(seal.moduli(), params.primes(), "SEAL and the engine choose the same primes");
    context = new CkksContext(params);
    objects = new SealObjects(params, 256L << 20);
    encoder = new CkksEncoder(context);
    assertEquals(seal.call("params").get("keyParmsId"), objects.parmsId().hex());
  }

  @AfterAll
  static void stop() {
    seal.close();
  }

  @Test
  void sealKeysAndCiphertextsThroughOurEvaluatorDecryptInSeal() {
    Map<String, String> keys = seal.call("keygen", "compr", "zstd", "steps", "1,-1,2,4,-4");
    String sk = keys.get("secretKey");
    Ciphertext a =
        objects.loadCiphertext(
            NodeSeal.bytes(
                seal.call(
                        "encrypt",
                        "values",
                        csv(A),
                        "scale",
                        "1099511627776",
                        "publicKey",
                        keys.get("publicKey"),
                        "compr",
                        "zlib")
                    .get("ciphertext")));
    Ciphertext b =
        objects.loadCiphertext(
            NodeSeal.bytes(
                seal.call(
                        "encrypt",
                        "values",
                        csv(B),
                        "scale",
                        "1099511627776",
                        "secretKey",
                        sk,
                        "seeded",
                        "true")
                    .get("ciphertext")));
    RelinKeys relin = objects.loadRelinKeys(NodeSeal.bytes(keys.get("relinKeysSeeded")));
    GaloisKeys galois = objects.loadGaloisKeys(NodeSeal.bytes(keys.get("galoisKeysSeeded")));
    CkksEvaluator evaluator = new CkksEvaluator(context, relin, galois);

    assertSealDecrypts(sk, evaluator.addNew(a, b), combine(A, B, Double::sum), ComprMode.NONE);
    assertSealDecrypts(sk, evaluator.subNew(a, b), combine(A, B, (x, y) -> x - y), ComprMode.ZSTD);
    Ciphertext product = evaluator.multiplyRelinRescaleNew(a, b);
    assertEquals(context.maxLevel() - 1, product.level());
    assertSealDecrypts(sk, product, combine(A, B, (x, y) -> x * y), ComprMode.ZLIB);
    assertSealDecrypts(sk, evaluator.rotateNew(a, 1), rotate(A, 1), ComprMode.NONE);
    // 3 has no key of its own: composed as 4 − 1, as SEAL does.
    assertSealDecrypts(sk, evaluator.rotateNew(a, 3), rotate(A, 3), ComprMode.ZSTD);
    assertSealDecrypts(sk, evaluator.rotateNew(b, -1), rotate(B, -1), ComprMode.NONE);
    Ciphertext squareThenAdd =
        evaluator.addNew(
            evaluator.multiplyRelinRescaleNew(a, a), evaluator.multiplyRelinRescaleNew(b, b));
    assertSealDecrypts(sk, squareThenAdd, combine(A, B, (x, y) -> x * x + y * y), ComprMode.ZSTD);
  }

  @Test
  void ourKeysAndCiphertextsWorkInSeal() {
    SecureRandom random = new SecureRandom();
    KeyGenerator keygen = new KeyGenerator(context.rns(), random);
    SecretKey secretKey = keygen.secretKey();
    PublicKey publicKey = keygen.publicKey(secretKey);
    RelinKeys relin = keygen.relinKeys(secretKey);
    GaloisKeys galois =
        keygen.galoisKeys(
            secretKey,
            new int[] {
              context.rns().galoisElementForStep(1),
              context.rns().galoisElementForStep(-1),
              context.rns().galoisElementForStep(2),
              context.rns().galoisElementForStep(4),
              context.rns().galoisElementForStep(-4)
            });

    String sk = NodeSeal.base64(objects.save(secretKey, ComprMode.ZSTD));
    String pk = NodeSeal.base64(objects.save(publicKey, ComprMode.NONE));
    String rk = NodeSeal.base64(objects.save(relin, ComprMode.ZLIB));
    String gk = NodeSeal.base64(objects.save(galois, ComprMode.ZSTD));
    assertNotNull(publicKey.seed(), "fresh keys are saved seeded");
    assertEquals(262_338, objects.save(publicKey, ComprMode.NONE).length, "a seeded public key");

    Ciphertext a =
        Encryptor.withPublicKey(context.rns(), publicKey, random)
            .encrypt(encoder.encode(A, context.maxLevel(), SCALE));
    Ciphertext b =
        Encryptor.withSecretKey(context.rns(), secretKey, random)
            .encryptSymmetric(encoder.encode(B, context.maxLevel(), SCALE));
    assertNull(a.seed());
    assertNotNull(b.seed());
    for (ComprMode mode : ComprMode.values()) {
      assertSealDecrypts(sk, a, A, mode);
      assertSealDecrypts(sk, b, B, mode);
    }
    String ctA = NodeSeal.base64(objects.save(a, ComprMode.NONE));
    String ctB = NodeSeal.base64(objects.save(b, ComprMode.NONE));
    assertEquals(196_802, NodeSeal.bytes(ctB).length, "a seeded symmetric ciphertext");

    // SEAL computes with our relinearization and Galois keys.
    assertDecrypts(
        sk,
        seal.call("evaluate", "what", "multiply", "a", ctA, "b", ctB, "relinKeys", rk)
            .get("ciphertext"),
        combine(A, B, (x, y) -> x * y));
    assertDecrypts(
        sk,
        seal.call("evaluate", "what", "rotate", "a", ctA, "steps", "3", "galoisKeys", gk)
            .get("ciphertext"),
        rotate(A, 3));
    assertDecrypts(
        sk,
        seal.call("evaluate", "what", "rotate", "a", ctB, "steps", "-1", "galoisKeys", gk)
            .get("ciphertext"),
        rotate(B, -1));

    // SEAL encrypts with our public key; we decrypt.
    Ciphertext fromSeal =
        objects.loadCiphertext(
            NodeSeal.bytes(
                seal.call("encrypt", "values", csv(B), "scale", "1099511627776", "publicKey", pk)
                    .get("ciphertext")));
    double[] decrypted = encoder.decode(new Decryptor(context.rns(), secretKey).decrypt(fromSeal));
    assertArrayEquals(B, Arrays.copyOf(decrypted, B.length), TOLERANCE);

    // And the key itself round-trips through SEAL unchanged.
    String skBack = seal.call("resave", "type", "secretKey", "data", sk).get("data");
    assertEquals(NodeSeal.base64(objects.save(secretKey, ComprMode.NONE)), skBack);
  }

  private static void assertSealDecrypts(
      String sk, Ciphertext ct, double[] expected, ComprMode mode) {
    assertDecrypts(sk, NodeSeal.base64(objects.save(ct, mode)), expected);
  }

  private static void assertDecrypts(String sk, String ciphertext, double[] expected) {
    Map<String, String> dec =
        seal.call(
            "decrypt",
            "secretKey",
            sk,
            "ciphertext",
            ciphertext,
            "count",
            Integer.toString(expected.length));
    double[] got =
        Arrays.stream(dec.get("values").split(",")).mapToDouble(Double::parseDouble).toArray();
    assertArrayEquals(expected, got, TOLERANCE);
  }

  private static double[] combine(
      double[] x, double[] y, java.util.function.DoubleBinaryOperator op) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = op.applyAsDouble(x[i], y[i]);
    }
    return out;
  }

  /** SEAL's rotation: slot i receives slot i + steps (the values beyond the input are zero). */
  private static double[] rotate(double[] x, int steps) {
    int slots = N / 2;
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      int from = Math.floorMod(i + steps, slots);
      out[i] = from < x.length ? x[from] : 0;
    }
    return out;
  }

  private static String csv(double[] values) {
    return DoubleStream.of(values)
        .mapToObj(v -> String.format(Locale.ROOT, "%s", v))
        .collect(Collectors.joining(","));
  }
}
