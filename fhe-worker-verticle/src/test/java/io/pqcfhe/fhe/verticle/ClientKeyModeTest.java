package io.pqcfhe.fhe.verticle;

import static io.pqcfhe.fhe.verticle.WorkerBus.assertClose;
import static io.pqcfhe.fhe.verticle.WorkerBus.compute;
import static io.pqcfhe.fhe.verticle.WorkerBus.decrypt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.protocol.ErrorCode;
import io.pqcfhe.protocol.SessionInfo;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Client key management with Microsoft SEAL as the client: keys and ciphertexts made by SEAL (seeded and
 * zstd-compressed, as node-seal saves them by default), uploaded, computed on by the server, downloaded and
 * decrypted by SEAL. The server never sees the secret key and refuses to decrypt.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientKeyModeTest {
  /** Where the workers keep their state: overridden by the run of these tests on the shared store. */
  WorkerBus.Store store() {
    return WorkerBus.Store.IN_MEMORY;
  }

  private static final double[] A = {1.5, 2.3, 4.7, 8.1, -3.25, 0.125};
  private static final double[] B = {0.5, -1.25, 2.0, 3.0, 1.5, -2.0};

  private WorkerBus bus;
  private SealTool seal;
  private Map<String, String> keys;
  private String keyParmsId;
  private SessionInfo session;
  private JsonObject setup;
  private String ctx;
  private String a;
  private String b;

  @BeforeAll
  void start(Vertx vertx) throws Exception {
    bus = WorkerBus.deploy(vertx, store());
    seal = SealTool.start(8192, "60,40,40,60");
    keyParmsId = seal.call("params").get("keyParmsId");
    keys = seal.call("keygen", "steps", "default", "compr", "zstd");
    session = WorkerBus.newSession();
    setup =
        bus.ok(
            session,
            "fhe.setup",
            WorkerBus.reference()
                .put("key_management", "client")
                .put("public_key", keys.get("publicKeySeeded"))
                .put("relin_keys", keys.get("relinKeysSeeded"))
                .put("galois_keys", keys.get("galoisKeysSeeded")));
    ctx = setup.getString("context_id");
    a = upload(sealEncrypt(A));
    b = upload(sealEncrypt(B));
  }

  @AfterAll
  void stop() throws Exception {
    seal.close();
  }

  @Test
  void setupReportsSealsParmsIdAndNoPublicKey() {
    assertEquals(keyParmsId, setup.getString("parms_id"));
    assertEquals("client", setup.getString("key_management"));
    assertEquals(2, setup.getInteger("max_depth"));
    assertEquals(4096, setup.getInteger("slot_count"));
    assertNotNull(setup.getString("public_key_id"));
    assertNotNull(setup.getString("relin_key_id"));
    assertNotNull(setup.getString("galois_key_id"));
    assertFalse(setup.containsKey("public_key"));
    SessionInfo other = WorkerBus.newSession();
    JsonObject serverMode = bus.ok(other, "fhe.setup", WorkerBus.reference().put("rotations", new JsonArray().add(1)));
    assertEquals(keyParmsId, serverMode.getString("parms_id"));
    bus.endSession(other);
  }

  @Test
  void multiplyComputedByTheServerDecryptsInSeal() throws Exception {
    String product = bus.ok(session, "fhe.compute", compute(ctx, "multiply", new JsonObject(), a, b)).getString("result_ciphertext_id");
    double[] expected = new double[A.length];
    for (int i = 0; i < A.length; i++) {
      expected[i] = A[i] * B[i];
    }
    assertClose(expected, sealDecrypt(product, "none"), 1e-4);
  }

  @Test
  void rotationAndSumWithSealsGaloisKeys() throws Exception {
    String rotated = bus.ok(session, "fhe.compute", compute(ctx, "rotate", new JsonObject().put("steps", 3), a)).getString("result_ciphertext_id");
    double[] slots = sealDecrypt(rotated, "zlib");
    for (int i = 0; i + 3 < A.length; i++) {
      assertEquals(A[i + 3], slots[i], 1e-4);
    }
    String sum = bus.ok(session, "fhe.compute", compute(ctx, "sum", new JsonObject(), a)).getString("result_ciphertext_id");
    double total = 0;
    for (double v : A) {
      total += v;
    }
    for (double slot : sealDecrypt(sum, "zstd")) {
      assertEquals(total, slot, 1e-3);
    }
  }

  @Test
  void polynomialOnSealCiphertexts() throws Exception {
    JsonObject payload =
        new JsonObject()
            .put("context_id", ctx)
            .put("operation", "polynomial")
            .put(
                "parameters",
                new JsonObject()
                    .put("expression", "a * b + 0.5 * a")
                    .put("variable_mapping", new JsonObject().put("a", a).put("b", b)));
    String result = bus.ok(session, "fhe.compute", payload).getString("result_ciphertext_id");
    double[] expected = new double[A.length];
    for (int i = 0; i < A.length; i++) {
      expected[i] = A[i] * B[i] + 0.5 * A[i];
    }
    assertClose(expected, sealDecrypt(result, "none"), 1e-4);
  }

  @Test
  void serverEncryptsUnderTheClientsPublicKey() throws Exception {
    String id = bus.ok(session, "fhe.encrypt", WorkerBus.encrypt(ctx, B)).getString("ciphertext_id");
    assertClose(B, sealDecrypt(id, "zstd"), 1e-5);
  }

  @Test
  void sealsUnrelinearizedProductIsRelinearizedAndRescaledByTheServer() throws Exception {
    String sizeThree =
        seal.call("evaluate", "what", "multiply_raw", "a", sealEncrypt(A), "b", sealEncrypt(B), "compr", "zstd").get("ciphertext");
    String raw = upload(sizeThree);
    bus.refused(ErrorCode.FHE_COMPUTATION_ERROR, "not_relinearized", session, "fhe.compute", compute(ctx, "multiply", new JsonObject(), raw, raw));
    String relinearized = bus.ok(session, "fhe.compute", compute(ctx, "relinearize", new JsonObject(), raw)).getString("result_ciphertext_id");
    JsonObject rescaled = bus.ok(session, "fhe.compute", compute(ctx, "rescale", new JsonObject(), relinearized));
    assertEquals(1, rescaled.getInteger("level"));
    double[] expected = new double[A.length];
    for (int i = 0; i < A.length; i++) {
      expected[i] = A[i] * B[i];
    }
    assertClose(expected, sealDecrypt(rescaled.getString("result_ciphertext_id"), "none"), 1e-4);
  }

  /** Server key mode with a SEAL client encrypting under the server's public key, as §6 allows. */
  @Test
  void sealEncryptsUnderTheServersPublicKey() throws Exception {
    SessionInfo other = WorkerBus.newSession();
    JsonObject server = bus.ok(other, "fhe.setup", WorkerBus.reference().put("rotations", new JsonArray().add(1)));
    String serverCtx = server.getString("context_id");
    String scale = Double.toString(Math.pow(2, 40));
    String a = seal.call("encrypt", "values", SealTool.list(A), "scale", scale, "publicKey", server.getString("public_key")).get("ciphertext");
    String b = seal.call("encrypt", "values", SealTool.list(B), "scale", scale, "publicKey", server.getString("public_key")).get("ciphertext");
    String product = seal.call("evaluate", "what", "multiply_raw", "a", a, "b", b).get("ciphertext");
    double[] expected = new double[A.length];
    for (int i = 0; i < A.length; i++) {
      expected[i] = A[i] * B[i];
    }
    for (String[] upload : new String[][] {{a, "a"}, {product, "a*b"}}) {
      String id = bus.ok(other, "fhe.upload", new JsonObject().put("context_id", serverCtx).put("ciphertext", upload[0])).getString("ciphertext_id");
      // Every slot is checked: past the data they hold zeros, and their errors count too.
      JsonObject decrypted = bus.ok(other, "fhe.decrypt", decrypt(serverCtx, id).put("expected_size", 4096));
      double[] values = WorkerBus.values(decrypted);
      double[] want = Arrays.copyOf(upload[1].equals("a") ? A : expected, 4096);
      assertClose(want, values, 1e-4);
      double worst = 0;
      for (int i = 0; i < want.length; i++) {
        worst = Math.max(worst, Math.abs(want[i] - values[i]));
      }
      double measured = -Math.log(worst) / Math.log(2);
      int promised = decrypted.getInteger("precision_bits");
      assertTrue(promised > 0 && promised <= measured, () -> upload[1] + ": precision_bits " + promised + ", measured " + measured);
      System.out.printf("uploaded %s: precision_bits %d, measured %.2f%n", upload[1], promised, measured);
    }
    bus.endSession(other);
  }

  @Test
  void serverRefusesToDecrypt() {
    bus.refused(ErrorCode.FHE_CONTEXT_ERROR, "secret_key_not_on_server", session, "fhe.decrypt", decrypt(ctx, a));
  }

  private String sealEncrypt(double[] values) throws Exception {
    return seal.call(
            "encrypt", "values", SealTool.list(values), "scale", Double.toString(Math.pow(2, 40)),
            "publicKey", keys.get("publicKey"), "compr", "zstd")
        .get("ciphertext");
  }

  private String upload(String ciphertext) {
    return bus.ok(session, "fhe.upload", new JsonObject().put("context_id", ctx).put("ciphertext", ciphertext)).getString("ciphertext_id");
  }

  private double[] sealDecrypt(String ciphertextId, String compression) throws Exception {
    String bytes =
        bus.ok(session, "fhe.download", decrypt(ctx, ciphertextId).put("compression", compression)).getString("ciphertext");
    Map<String, String> answer =
        seal.call("decrypt", "secretKey", keys.get("secretKey"), "ciphertext", bytes, "count", Integer.toString(A.length));
    return SealTool.doubles(answer.get("values"));
  }
}
