package io.pqcfhe.launcher.cluster;

import io.pqcfhe.client.PqcFheClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The reference flow's context of one client session: a and b encrypted under server-held keys. */
final class FheSession {
  static final double[] A = {1.5, 2.0, 3.5, 4.0};
  static final double[] B = {0.5, 1.0, 1.5, 2.0};

  private final PqcFheClient client;
  private final String context;
  private final String a;
  private final String b;

  private FheSession(PqcFheClient client, String context, String a, String b) {
    this.client = client;
    this.context = context;
    this.a = a;
    this.b = b;
  }

  /** fhe.setup (CKKS N=8192), then a and b encrypted. */
  static FheSession setUp(PqcFheClient client) throws Exception {
    JsonObject setup = await(client.request("fhe.setup", new JsonObject()
        .put("scheme", "CKKS")
        .put("poly_modulus_degree", 8192)
        .put("coeff_modulus_bits", new JsonArray(List.of(60, 40, 40, 60)))
        .put("scale", Math.pow(2, 40))
        .put("security_level", 128)));
    String context = setup.getString("context_id");
    return new FheSession(client, context, encrypt(client, context, A), encrypt(client, context, B));
  }

  /** fhe.compute multiply a * b (not awaited: a stream of them can be in flight). */
  Future<JsonObject> multiply() {
    return client.request("fhe.compute", new JsonObject()
        .put("context_id", context)
        .put("operation", "multiply")
        .put("operands", new JsonArray(List.of(a, b)))
        .put("include_ciphertext", false));
  }

  /** fhe.release of one ciphertext of this context. */
  Future<JsonObject> release(String ciphertextId) {
    return client.request("fhe.release", new JsonObject()
        .put("context_id", context)
        .put("ciphertext_ids", new JsonArray(List.of(ciphertextId))));
  }

  /** a * b + 0.5 * a computed and decrypted, each value rounded to 1e-4. */
  List<Double> decryptPolynomial() throws Exception {
    JsonObject result = await(client.request("fhe.compute", new JsonObject()
        .put("context_id", context)
        .put("operation", "polynomial")
        .put("include_ciphertext", false)
        .put("parameters", new JsonObject()
            .put("expression", "a * b + 0.5 * a")
            .put("variable_mapping", new JsonObject().put("a", a).put("b", b)))));
    return decrypt(result.getString("result_ciphertext_id"));
  }

  /** a * b, as a product of {@link #multiply()} decrypts to (rounded to 1e-4). */
  static List<Double> product() {
    List<Double> product = new ArrayList<>();
    for (int i = 0; i < A.length; i++) {
      product.add(Math.round(A[i] * B[i] * 1e4) / 1e4);
    }
    return product;
  }

  /** The session's ciphertext {@code ciphertextId} decrypted (server-held key), each value rounded to 1e-4. */
  List<Double> decrypt(String ciphertextId) throws Exception {
    JsonArray values = await(client.request("fhe.decrypt", new JsonObject()
        .put("context_id", context)
        .put("ciphertext_id", ciphertextId)
        .put("expected_size", A.length))).getJsonArray("decrypted_data");
    List<Double> rounded = new ArrayList<>();
    for (int i = 0; i < A.length; i++) {
      rounded.add(Math.round(values.getDouble(i) * 1e4) / 1e4);
    }
    return rounded;
  }

  private static String encrypt(PqcFheClient client, String context, double[] data) throws Exception {
    JsonArray values = new JsonArray();
    for (double v : data) {
      values.add(v);
    }
    return await(client.request("fhe.encrypt", new JsonObject()
        .put("context_id", context)
        .put("data", values)
        .put("data_type", "float_array")
        .put("batch_encode", true)
        .put("include_ciphertext", false))).getString("ciphertext_id");
  }

  static <T> T await(Future<T> future) throws ExecutionException, InterruptedException, TimeoutException {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
