package io.pqcfhe.launcher.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference FHE flow of PROTOCOL §6 over a real wss connection to {@code serve}: setup N = 8192
 * [60, 40, 40, 60] at scale 2^40, two encryptions, {@code a * b + 0.5 * a}, decryption; health counts the
 * context while the session lives and forgets it when the session closes.
 */
class FheEndToEndTest {
  @TempDir Path dir;
  private DevServer server;

  @BeforeEach
  void start() throws Exception {
    server = DevServer.start(dir);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void referenceFlowOverWss() throws Exception {
    BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    WebSocket socket = server.webSocketClient().connect(server.demoConnection())
        .onSuccess(ws -> ws.textMessageHandler(text -> frames.add(new JsonObject(text))))
        .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    JsonObject created = next(frames);
    assertEquals("session.created", created.getString("event"));
    JsonArray capabilities = created.getJsonObject("data").getJsonArray("capabilities");
    assertTrue(capabilities.contains("fhe.ckks") && capabilities.contains("fhe.client_keys"), capabilities::encode);

    JsonObject setup = request(socket, frames, "fhe.setup", new JsonObject()
        .put("scheme", "CKKS").put("poly_modulus_degree", 8192)
        .put("coeff_modulus_bits", new JsonArray().add(60).add(40).add(40).add(60))
        .put("scale", Math.pow(2, 40)).put("security_level", 128));
    assertEquals(2, setup.getInteger("max_depth"));
    assertEquals(4096, setup.getInteger("slot_count"));
    assertTrue(setup.getString("parms_id").startsWith("e2a8dd3f"), setup.getString("parms_id"));
    String ctx = setup.getString("context_id");
    assertEquals(1L, health().getLong("active_fhe_contexts"));

    double[] a = {1.5, 2.3, 4.7, 8.1};
    double[] b = {0.5, -1.25, 2.0, 3.0};
    JsonObject ea = request(socket, frames, "fhe.encrypt", encrypt(ctx, a));
    assertEquals(99, ea.getInteger("noise_budget"));
    String idA = ea.getString("ciphertext_id");
    String idB = request(socket, frames, "fhe.encrypt", encrypt(ctx, b)).getString("ciphertext_id");
    JsonObject result = request(socket, frames, "fhe.compute", new JsonObject()
        .put("context_id", ctx).put("operation", "polynomial")
        .put("operands", new JsonArray().add(idA).add(idB)).put("include_ciphertext", false)
        .put("parameters", new JsonObject().put("expression", "a * b + 0.5 * a")
            .put("variable_mapping", new JsonObject().put("a", idA).put("b", idB))));
    assertEquals(1, result.getInteger("remaining_depth"));
    JsonObject decrypted = request(socket, frames, "fhe.decrypt", new JsonObject()
        .put("context_id", ctx).put("ciphertext_id", result.getString("result_ciphertext_id")));
    JsonArray values = decrypted.getJsonArray("decrypted_data");
    assertEquals(a.length, values.size());
    for (int i = 0; i < a.length; i++) {
      double expected = a[i] * b[i] + 0.5 * a[i];
      assertEquals(expected, values.getDouble(i), 1e-4);
    }

    socket.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    long contexts = -1;
    for (int i = 0; i < 100 && contexts != 0; i++) {
      Thread.sleep(50);
      contexts = health().getLong("active_fhe_contexts");
    }
    assertEquals(0L, contexts, "the session's context is freed when it closes");
  }

  private static JsonObject encrypt(String ctx, double[] values) {
    JsonArray data = new JsonArray();
    for (double v : values) {
      data.add(v);
    }
    return new JsonObject().put("context_id", ctx).put("data", data).put("data_type", "float_array")
        .put("batch_encode", true).put("include_ciphertext", false);
  }

  private int nextId;

  private JsonObject request(WebSocket socket, BlockingQueue<JsonObject> frames, String action, JsonObject payload)
      throws Exception {
    String id = "r" + (++nextId);
    socket.writeTextMessage(new JsonObject().put("type", "request").put("id", id).put("action", action)
        .put("payload", payload).encode());
    while (true) {
      JsonObject frame = next(frames);
      if (id.equals(frame.getString("id"))) {
        assertEquals("response", frame.getString("type"), frame::encode);
        return frame.getJsonObject("payload");
      }
    }
  }

  private JsonObject health() throws Exception {
    return server.httpClient().request(HttpMethod.GET, server.port, "localhost", "/ws/health")
        .compose(request -> request.send().compose(response -> response.body()))
        .map(Buffer::toJsonObject)
        .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static JsonObject next(BlockingQueue<JsonObject> frames) throws InterruptedException {
    JsonObject frame = frames.poll(60, TimeUnit.SECONDS);
    assertTrue(frame != null, "no frame from the server");
    return frame;
  }
}
