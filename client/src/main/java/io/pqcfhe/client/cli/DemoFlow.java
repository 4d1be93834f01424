package io.pqcfhe.client.cli;

import io.pqcfhe.client.ChannelInfo;
import io.pqcfhe.client.ClientListener;
import io.pqcfhe.client.PqcFheClient;
import io.pqcfhe.client.PqcFheException;
import io.pqcfhe.client.SecureDelivery;
import io.pqcfhe.client.SecureMessage;
import io.pqcfhe.client.SessionDetails;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The reference's "Complete Client Example", step by step: session, PQC channel (signature verified),
 * a secure echo, a request inside the channel, the FHE round trip when the server offers it, terminate.
 * Each step prints one or two lines; the first failure stops the flow.
 */
final class DemoFlow {
  private static final long STEP_TIMEOUT_SECONDS = 60;
  /** The reference example's FHE parameters: N = 8192, 60/40/40/60-bit primes, scale 2^40. */
  private static final JsonObject FHE_SETUP =
      new JsonObject()
          .put("scheme", "CKKS")
          .put("poly_modulus_degree", 8192)
          .put("coeff_modulus_bits", new JsonArray(List.of(60, 40, 40, 60)))
          .put("scale", Math.pow(2, 40))
          .put("security_level", 128);
  private static final double[] A = {1.5, 2.0, 3.5, 4.0};
  private static final double[] B = {0.5, 1.0, 1.5, 2.0};
  private static final String EXPRESSION = "a * b + 0.5 * a";

  private final Vertx vertx;
  private final ConnectionSettings settings;
  private final String clientId;
  private final PrintStream out;

  DemoFlow(Vertx vertx, ConnectionSettings settings, String clientId, PrintStream out) {
    this.vertx = vertx;
    this.settings = settings;
    this.clientId = clientId;
    this.out = out;
  }

  /** Runs the flow; the first step that fails throws, and the flow stops there. */
  void run() throws Exception {
    out.println("PQC-FHE demo: " + settings.endpoint() + " as " + clientId);
    PqcFheClient client = await(PqcFheClient.connect(vertx, settings.options(clientId)));
    BlockingQueue<SecureMessage> secureMessages = new LinkedBlockingQueue<>();
    client.addListener(new ClientListener() {
      @Override
      public void onSecureMessage(SecureMessage message) {
        secureMessages.add(message);
      }

      @Override
      public void onProblem(PqcFheException problem) {
        out.println("  ! " + problem.getMessage());
      }
    });
    try {
      SessionDetails session = client.session();
      step(1, "session", session.sessionId() + " (protocol " + session.protocolVersion() + ", expires " + session.expiresAt() + ")");
      detail("server key", session.serverKeyFingerprint() + (settings.pinnedServerKey().isPresent() ? " (matches the pin)" : " (not pinned)"));
      detail("capabilities", String.join(", ", session.capabilities()));

      long t0 = System.nanoTime();
      ChannelInfo channel = await(client.establishChannel(settings.handshake()));
      step(2, "handshake", channel.algorithm().wireName() + (channel.hybrid() ? " + X25519" : "") + ", key id " + channel.keyId()
          + ", " + millis(t0));
      detail("signature", "ML-DSA-65 transcript signature verified with the session's server key");
      detail("channel", channel.channelId() + " (" + channel.cipherSuite() + ", " + channel.keyDerivation() + "), confirm accepted");

      byte[] probe = ("hello through " + channel.channelId()).getBytes(StandardCharsets.UTF_8);
      t0 = System.nanoTime();
      SecureDelivery delivery = await(client.sendSecure(probe));
      SecureMessage echo = secureMessages.poll(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (echo == null || !MessageDigest.isEqual(probe, echo.plaintext())) {
        throw new IllegalStateException("the secure echo did not come back intact");
      }
      step(3, "secure echo", probe.length + " bytes sent as sequence " + delivery.serverSequence() + ", echo decrypted and equal (server sequence "
          + echo.sequenceNumber() + "), " + millis(t0));

      t0 = System.nanoTime();
      JsonObject refreshed = await(client.requestSecure("session.refresh", new JsonObject()));
      step(4, "in-channel request", "session.refresh answered inside the channel: expires_at " + refreshed.getString("expires_at") + ", " + millis(t0));

      if (session.offers("fhe.ckks")) {
        fhe(client);
      } else {
        out.println("[5] FHE: not offered by this server");
      }

      await(client.terminate("demo_complete"));
      step(6, "terminate", "session terminated, connection closed, channel keys wiped");
    } finally {
      client.close();
    }
  }

  private void fhe(PqcFheClient client) throws Exception {
    long t0 = System.nanoTime();
    JsonObject setup = await(client.request("fhe.setup", FHE_SETUP));
    String context = setup.getString("context_id");
    step(5, "fhe.setup", "context " + context + ", CKKS N=8192, slots " + setup.getValue("slot_count") + ", max depth "
        + setup.getValue("max_depth") + ", " + millis(t0));
    JsonObject a = await(client.request("fhe.encrypt", encrypt(context, A)));
    JsonObject b = await(client.request("fhe.encrypt", encrypt(context, B)));
    detail("fhe.encrypt", "a = " + Arrays.toString(A) + " -> " + a.getString("ciphertext_id") + " (" + a.getValue("size_bytes") + " bytes)");
    detail("fhe.encrypt", "b = " + Arrays.toString(B) + " -> " + b.getString("ciphertext_id") + " (" + b.getValue("size_bytes") + " bytes)");
    t0 = System.nanoTime();
    JsonObject result =
        await(client.request("fhe.compute", new JsonObject()
            .put("context_id", context)
            .put("operation", "polynomial")
            .put("include_ciphertext", false)
            .put("parameters", new JsonObject()
                .put("expression", EXPRESSION)
                .put("variable_mapping", new JsonObject().put("a", a.getString("ciphertext_id")).put("b", b.getString("ciphertext_id"))))));
    detail("fhe.compute", EXPRESSION + " -> " + result.getString("result_ciphertext_id") + ", operations "
        + result.getValue("operations_performed") + ", remaining depth " + result.getValue("remaining_depth") + ", " + millis(t0));
    // The decrypted values are the one secret result: they come back inside the PQC channel.
    JsonObject decrypted =
        await(client.requestSecure("fhe.decrypt", new JsonObject()
            .put("context_id", context)
            .put("ciphertext_id", result.getString("result_ciphertext_id"))
            .put("expected_size", A.length)));
    JsonArray values = decrypted.getJsonArray("decrypted_data");
    double maxError = 0;
    StringBuilder shown = new StringBuilder("[");
    for (int i = 0; i < A.length; i++) {
      double expected = A[i] * B[i] + 0.5 * A[i];
      double got = values.getDouble(i);
      maxError = Math.max(maxError, Math.abs(got - expected));
      shown.append(i == 0 ? "" : ", ").append(String.format("%.6f", got));
    }
    shown.append("]");
    detail("fhe.decrypt", shown + " (inside the channel), max error " + String.format("%.2e", maxError) + ", precision_bits "
        + decrypted.getValue("precision_bits"));
    if (maxError > 1e-3) {
      throw new IllegalStateException("decrypted result is off by " + maxError);
    }
    await(client.request("fhe.release", new JsonObject().put("context_id", context)));
  }

  private static JsonObject encrypt(String context, double[] data) {
    JsonArray values = new JsonArray();
    Arrays.stream(data).forEach(values::add);
    return new JsonObject()
        .put("context_id", context)
        .put("data", values)
        .put("data_type", "float_array")
        .put("batch_encode", true)
        .put("include_ciphertext", false);
  }

  private void step(int n, String name, String text) {
    out.printf("[%d] %-19s %s%n", n, name, text);
  }

  private void detail(String name, String text) {
    out.printf("    %-19s %s%n", name, text);
  }

  private static String millis(long startNanos) {
    return String.format("%.1f ms", (System.nanoTime() - startNanos) / 1e6);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.await(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }
}
