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
import io.pqcfhe.client.fhe.ClientKeys;
import io.pqcfhe.client.fhe.ComputeResult;
import io.pqcfhe.client.fhe.Decryption;
import io.pqcfhe.client.fhe.FheCiphertext;
import io.pqcfhe.client.fhe.FheContextHandle;
import io.pqcfhe.client.fhe.FheParameters;
import io.pqcfhe.client.fhe.FheSession;
import io.pqcfhe.client.fhe.FheTransport;
import io.pqcfhe.client.fhe.KeyMode;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
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
  private static final double[] A = {1.5, 2.0, 3.5, 4.0};
  private static final double[] B = {0.5, 1.0, 1.5, 2.0};
  private static final String EXPRESSION = "a * b + 0.5 * a";

  private final Vertx vertx;
  private final ConnectionSettings settings;
  private final String clientId;
  private final PrintStream out;
  private final SecureRandom random = new SecureRandom();

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
        fhe(client, session.offers("fhe.client_keys"));
      } else {
        out.println("[5] FHE: not offered by this server");
      }

      await(client.terminate("demo_complete"));
      step(7, "terminate", "session terminated, connection closed, channel keys wiped");
    } finally {
      client.close();
    }
  }

  /**
   * The reference flow in both key modes. Server-held keys: the whole exchange inside the PQC channel, since
   * the server returns the decrypted values. Client-held keys: plain requests, since only public keys and
   * ciphertexts travel; the secret key never leaves this process.
   */
  private void fhe(PqcFheClient client, boolean clientKeysOffered) throws Exception {
    FheParameters parameters = FheParameters.reference();
    out.println("[5] FHE, server-held keys, inside the channel");
    long t0 = System.nanoTime();
    FheSession server = await(FheSession.setupServerKeys(FheTransport.secure(client), parameters));
    roundTrip(server, t0);
    if (!clientKeysOffered) {
      out.println("[6] FHE with client-held keys: not offered by this server");
      return;
    }
    out.println("[6] FHE, client-held keys (the server never has the secret key)");
    t0 = System.nanoTime();
    try (ClientKeys keys = ClientKeys.generate(parameters, new int[] {1, -1}, random)) {
      detail("keys", "generated locally (secret, public, relinearization, Galois for steps 1 and -1), " + millis(t0));
      t0 = System.nanoTime();
      FheSession local = await(FheSession.setupClientKeys(FheTransport.direct(client), parameters, keys));
      roundTrip(local, t0);
    }
  }

  private void roundTrip(FheSession fhe, long setupStart) throws Exception {
    FheContextHandle context = fhe.context();
    detail("fhe.setup", "context " + context.contextId() + ", CKKS N=" + context.parameters().polyModulusDegree() + " "
        + context.parameters().coeffModulusBits() + ", scale 2^40, slots " + context.slotCount() + ", max depth " + context.maxDepth()
        + ", parms_id " + context.parmsId().substring(0, 16) + "... (equal to the local one), " + millis(setupStart));
    long t0 = System.nanoTime();
    FheCiphertext a = await(fhe.encrypt(A));
    FheCiphertext b = await(fhe.encrypt(B));
    boolean local = context.keyMode() == KeyMode.CLIENT;
    String how = local ? "fhe.upload" : "fhe.encrypt";
    String where = local ? " encrypted locally" : "";
    detail(how, "a = " + Arrays.toString(A) + where + " -> " + a.ciphertextId() + " (" + a.sizeBytes() + " bytes, level " + a.level() + ")");
    detail(how, "b = " + Arrays.toString(B) + where + " -> " + b.ciphertextId() + " (" + b.sizeBytes() + " bytes), both in " + millis(t0));
    t0 = System.nanoTime();
    ComputeResult result = await(fhe.polynomial(EXPRESSION, Map.of("a", a.ciphertextId(), "b", b.ciphertextId()), false));
    detail("fhe.compute", EXPRESSION + " -> " + result.result().ciphertextId() + ", operations " + result.operationsPerformed());
    detail("", "noise budget " + result.noiseBudget() + " bits, remaining depth " + result.remainingDepth() + ", server time "
        + result.computationTimeMs() + " ms, round trip " + millis(t0));
    t0 = System.nanoTime();
    Decryption decrypted = await(fhe.decrypt(result.result().ciphertextId(), A.length));
    double[] values = decrypted.values();
    if (values.length != A.length) {
      throw new IllegalStateException("decrypted " + values.length + " values, expected " + A.length);
    }
    double[] expected = new double[A.length];
    double maxError = 0;
    for (int i = 0; i < A.length; i++) {
      expected[i] = A[i] * B[i] + 0.5 * A[i];
      maxError = Math.max(maxError, Math.abs(values[i] - expected[i]));
    }
    String decryptHow = context.keyMode() == KeyMode.CLIENT ? "fhe.download, decrypted locally" : "fhe.decrypt inside the channel";
    detail("decrypt", format(values) + " (" + decryptHow + ", " + millis(t0) + ")");
    detail("plain", format(expected) + ", max error " + String.format("%.2e", maxError)
        + decrypted.precisionBits().stream().mapToObj(p -> ", server's precision_bits " + p).findFirst().orElse(""));
    if (maxError > 1e-3) {
      throw new IllegalStateException("decrypted result is off by " + maxError);
    }
    await(fhe.release());
  }

  private static String format(double[] values) {
    StringBuilder shown = new StringBuilder("[");
    for (int i = 0; i < values.length; i++) {
      shown.append(i == 0 ? "" : ", ").append(String.format("%.6f", values[i]));
    }
    return shown.append("]").toString();
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
