package io.pqcfhe.client;

import io.pqcfhe.crypto.AesGcm;
import io.pqcfhe.crypto.AuthenticationFailedException;
import io.pqcfhe.crypto.ChannelAad;
import io.pqcfhe.crypto.ChannelDirection;
import io.pqcfhe.crypto.ChannelKeys;
import io.pqcfhe.crypto.Encapsulation;
import io.pqcfhe.crypto.HandshakeTranscript;
import io.pqcfhe.crypto.MlKemParameterSet;
import io.pqcfhe.crypto.SecretBytes;
import io.pqcfhe.crypto.X25519KeyPair;
import io.pqcfhe.crypto.bc.MlDsa65;
import io.pqcfhe.crypto.bc.MlKem;
import io.pqcfhe.crypto.bc.X25519;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A small scripted server for the client's wire tests, written from PROTOCOL.md with the real primitives
 * (it is not the product's server, which the end-to-end test uses). Beyond the protocol it answers test
 * actions: {@code test.echo} returns its payload after {@code delay_ms}, {@code test.fail} answers an
 * error, {@code test.silent} never answers, {@code test.close} closes, {@code test.rekey} sends {@code
 * pqc.rekey_required}, {@code test.replay} re-sends the last secure message as it was.
 *
 * <p>One connection at a time is enough for these tests; its state lives in {@link Connection}.
 */
public final class StubServer implements AutoCloseable {
  public static final String GOOD_TOKEN = "good-token";

  private final Vertx vertx;
  private final SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
  private final SecureRandom random = new SecureRandom();
  private final MlDsa65.SigningKey identity = MlDsa65.fromSeed(MlDsa65.newSeed(random));
  private final AtomicInteger sessions = new AtomicInteger();
  private HttpServer server;
  /** Rewrites the pqc.initiate answer after signing: lets a test play a man in the middle. */
  volatile UnaryOperator<JsonObject> initiateTamper = UnaryOperator.identity();
  /** Which bearer tokens the upgrade accepts: a failed future refuses. */
  public volatile Function<String, Future<?>> tokenCheck =
      token -> GOOD_TOKEN.equals(token) ? Future.succeededFuture() : Future.failedFuture("bad token");
  /** Whether session.created advertises {@code fhe.ckks}; the stub then answers the demo's FHE calls. */
  public volatile boolean offersFhe;
  /** Added to every value fhe.decrypt returns: lets a test check that the demo notices wrong results. */
  public volatile double decryptError;
  /** When set, the protocol version session.created reports, whatever the client asked for. */
  public volatile String advertisedVersion;
  /** What session.created claims as the identity key (a test may swap it for another's). */
  volatile byte[] advertisedKey;

  public StubServer(Vertx vertx) {
    this.vertx = vertx;
    this.advertisedKey = identity.publicKey();
  }

  public int start() throws Exception {
    server =
        vertx.createHttpServer(
            new HttpServerOptions()
                .setSsl(true)
                .setKeyCertOptions(certificate.keyCertOptions())
                .setMaxWebSocketFrameSize(1 << 20)
                .setMaxWebSocketMessageSize(1 << 22));
    server.requestHandler(this::onRequest);
    return server.listen(0, "localhost").await(10, TimeUnit.SECONDS).actualPort();
  }

  public Path certificatePath() {
    return Path.of(certificate.certificatePath());
  }

  public void advertiseOwnKey() {
    advertisedKey = identity.publicKey();
  }

  public String fingerprint() {
    return ServerIdentity.fingerprint(identity.publicKey());
  }

  @Override
  public void close() {
    try {
      server.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("stub server did not stop", e);
    } finally {
      certificate.delete();
    }
  }

  private void onRequest(HttpServerRequest request) {
    String auth = request.getHeader("Authorization");
    String version = request.getHeader("X-Protocol-Version");
    String clientId = request.getHeader("X-Client-ID");
    request.pause();
    Future<?> check = auth != null && auth.startsWith("Bearer ") ? tokenCheck.apply(auth.substring(7)) : Future.failedFuture("no token");
    check.onComplete(ar -> {
      if (ar.failed()) {
        request
            .response()
            .setStatusCode(401)
            .putHeader("Content-Type", "application/json")
            .end(error(null, null, "UNAUTHORIZED", "bad token", new JsonObject()).encode());
        return;
      }
      request.toWebSocket().onSuccess(ws -> new Connection(ws, version == null ? "1.0" : version, clientId).start());
    });
  }

  private static JsonObject error(String id, String action, String code, String message, JsonObject details) {
    return new JsonObject()
        .put("type", "error")
        .put("id", id)
        .put("action", action)
        .put("status", "error")
        .put("code", code)
        .put("message", message)
        .put("details", details)
        .put("timestamp", Instant.now().toString());
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  private final class Connection {
    private final ServerWebSocket ws;
    private final String version;
    private final String clientId;
    private final String sessionId = "sess-" + sessions.incrementAndGet();
    private String pendingKeyId;
    private ChannelKeys pendingKeys;
    private ChannelKeys keys;
    private long lastClientSequence;
    private long serverSequence;
    private JsonObject lastSecureMessage;
    private final PlainFhe fhe = new PlainFhe();

    Connection(ServerWebSocket ws, String version, String clientId) {
      this.ws = ws;
      this.version = version;
      this.clientId = clientId;
    }

    void start() {
      ws.textMessageHandler(this::onText);
      JsonObject data =
          new JsonObject()
              .put("session_id", sessionId)
              .put("client_id", clientId)
              .put("expires_at", Instant.now().plusSeconds(3600).toString())
              .put("capabilities", offersFhe
                  ? new JsonArray().add("pqc.ml_kem_768").add("hybrid.x25519").add("fhe.ckks")
                  : new JsonArray().add("pqc.ml_kem_768").add("hybrid.x25519"))
              .put("server_public_key", b64(advertisedKey))
              .put("server_key_fingerprint", ServerIdentity.fingerprint(advertisedKey))
              .put("protocol_version", advertisedVersion != null ? advertisedVersion : version)
              .put("limits", new JsonObject().put("max_message_bytes", 1 << 22));
      event("session.created", data);
    }

    private void event(String name, JsonObject data) {
      ws.writeTextMessage(
          new JsonObject().put("type", "event").put("event", name).put("timestamp", Instant.now().toString()).put("data", data).encode());
    }

    private void onText(String text) {
      JsonObject request = new JsonObject(text);
      JsonObject answer = answer(request);
      if (answer != null) {
        ws.writeTextMessage(answer.encode());
      }
      if ("secure.send".equals(request.getString("action")) && "response".equals(answer.getString("type"))) {
        afterSecureSend();
      }
    }

    private byte[] lastPlaintext;

    private JsonObject answer(JsonObject request) {
      String id = request.getString("id");
      String action = request.getString("action");
      JsonObject payload = request.getJsonObject("payload", new JsonObject());
      switch (action) {
        case "test.echo" -> {
          long delay = payload.getLong("delay_ms", 0L);
          JsonObject response = response(id, action, payload);
          if (delay > 0) {
            vertx.setTimer(delay, t -> ws.writeTextMessage(response.encode()));
            return null;
          }
          return response;
        }
        case "test.fail" -> {
          return error(id, action, "FHE_CONTEXT_ERROR", "no such context", new JsonObject().put("reason", "unknown_context"));
        }
        case "test.silent" -> {
          return null;
        }
        case "test.close" -> {
          ws.close((short) 1000);
          return null;
        }
        case "test.rekey" -> {
          event("pqc.rekey_required", new JsonObject().put("channel_id", "chan-" + sessionId).put("key_id", pendingKeyId));
          return response(id, action, new JsonObject());
        }
        case "test.replay" -> {
          event("secure.message", lastSecureMessage);
          return response(id, action, new JsonObject());
        }
        case "session.refresh" -> {
          return response(id, action, new JsonObject().put("session_id", sessionId).put("expires_at", Instant.now().plusSeconds(3600).toString()));
        }
        case "session.terminate" -> {
          vertx.setTimer(20, t -> ws.close((short) 1000));
          return response(id, action, new JsonObject());
        }
        case "fhe.setup", "fhe.encrypt", "fhe.compute", "fhe.decrypt", "fhe.release" -> {
          return response(id, action, fhe.answer(action, payload));
        }
        case "pqc.initiate" -> {
          return initiate(id, action, payload);
        }
        case "pqc.confirm" -> {
          if (!payload.getString("key_id").equals(pendingKeyId) || !pendingKeys.matchesConfirmHash(payload.getString("shared_key_hash"))) {
            return error(id, action, "PQC_KEY_EXCHANGE_FAILED", "confirm failed", new JsonObject().put("reason", "hash_mismatch"));
          }
          if (keys != null) {
            keys.destroy();
          }
          keys = pendingKeys;
          pendingKeys = null;
          event("pqc.established", new JsonObject().put("channel_id", "chan-" + sessionId));
          return response(id, action, new JsonObject()
              .put("secure_channel_established", true)
              .put("channel_id", "chan-" + sessionId)
              .put("cipher_suite", "AES-256-GCM")
              .put("key_derivation", "HKDF-SHA384"));
        }
        case "secure.send" -> {
          return secureSend(id, action, payload);
        }
        default -> {
          return error(id, action, "INVALID_REQUEST", "unknown action", new JsonObject().put("reason", "unknown_action"));
        }
      }
    }

    private JsonObject initiate(String id, String action, JsonObject payload) {
      try {
        MlKemParameterSet set = MlKemParameterSet.fromWire(payload.getString("algorithm", "ML-KEM-768")).orElseThrow();
        byte[] clientKey = Base64.getDecoder().decode(payload.getString("client_public_key"));
        Encapsulation enc = MlKem.encapsulate(set, clientKey, random);
        boolean hybrid = payload.getBoolean("hybrid_mode", false);
        byte[] clientEph = null;
        byte[] serverEph = null;
        SecretBytes classical = null;
        if (hybrid) {
          clientEph = Base64.getDecoder().decode(payload.getString("client_ephemeral_public"));
          X25519KeyPair eph = X25519.generateKeyPair(random);
          serverEph = eph.publicKey();
          classical = X25519.agree(eph.privateKey(), clientEph);
          eph.destroy();
        }
        pendingKeyId = "key-" + HexFormat.of().formatHex(random.generateSeed(4));
        pendingKeys = ChannelKeys.derive(enc.sharedSecret(), classical);
        byte[] transcript = new HandshakeTranscript(sessionId, pendingKeyId, set, clientKey, enc.ciphertext(), clientEph, serverEph).toBytes();
        JsonObject answer =
            new JsonObject()
                .put("algorithm", set.wireName())
                .put("ciphertext", b64(enc.ciphertext()))
                .put("key_id", pendingKeyId)
                .put("signature", b64(identity.sign(transcript, random)));
        if (hybrid) {
          answer.put("server_ephemeral_public", b64(serverEph));
        }
        return response(id, action, initiateTamper.apply(answer));
      } catch (Exception e) {
        return error(id, action, "PQC_KEY_EXCHANGE_FAILED", "bad key", new JsonObject().put("reason", "invalid_public_key"));
      }
    }

    private JsonObject secureSend(String id, String action, JsonObject payload) {
      long sequence = payload.getLong("sequence_number");
      if (sequence <= lastClientSequence) {
        return error(id, action, "SECURE_CHANNEL_ERROR", "replay", new JsonObject().put("reason", "replay"));
      }
      try {
        lastPlaintext =
            keys.open(
                ChannelDirection.CLIENT_TO_SERVER,
                Base64.getDecoder().decode(payload.getString("iv")),
                Base64.getDecoder().decode(payload.getString("encrypted_data")),
                Base64.getDecoder().decode(payload.getString("tag")),
                ChannelAad.of(version, payload.getString("channel_id"), sequence));
      } catch (AuthenticationFailedException e) {
        return error(id, action, "SECURE_CHANNEL_ERROR", "auth failed", new JsonObject().put("reason", "auth_failed"));
      }
      lastClientSequence = sequence;
      return response(id, action, new JsonObject().put("delivered", true).put("server_sequence", sequence));
    }

    /** Delivery 2 (inner request) or 3 (echo) of PROTOCOL.md §5. */
    private void afterSecureSend() {
      byte[] plaintext = lastPlaintext;
      JsonObject inner = null;
      try {
        inner = new JsonObject(new String(plaintext, StandardCharsets.UTF_8));
      } catch (RuntimeException notJson) {
        // an opaque message: echoed
      }
      if (inner != null && "request".equals(inner.getString("type"))) {
        String action = inner.getString("action");
        JsonObject answer =
            action.startsWith("pqc.") || action.startsWith("secure.")
                ? error(inner.getString("id"), action, "INVALID_REQUEST", "not in channel", new JsonObject().put("reason", "action_not_allowed_in_channel"))
                : answer(inner);
        plaintext = answer.encode().getBytes(StandardCharsets.UTF_8);
      }
      sendSecure(plaintext);
    }

    private void sendSecure(byte[] plaintext) {
      long sequence = ++serverSequence;
      byte[] iv = new byte[AesGcm.IV_BYTES];
      random.nextBytes(iv);
      String channelId = "chan-" + sessionId;
      AesGcm.Sealed sealed = keys.seal(ChannelDirection.SERVER_TO_CLIENT, iv, plaintext, ChannelAad.of(version, channelId, sequence));
      lastSecureMessage =
          new JsonObject()
              .put("channel_id", channelId)
              .put("encrypted_data", b64(sealed.ciphertext()))
              .put("iv", b64(iv))
              .put("tag", b64(sealed.tag()))
              .put("sequence_number", sequence)
              .put("timestamp", Instant.now().toString());
      event("secure.message", lastSecureMessage);
    }

    private JsonObject response(String id, String action, JsonObject payload) {
      return new JsonObject()
          .put("type", "response")
          .put("id", id)
          .put("action", action)
          .put("status", "success")
          .put("timestamp", Instant.now().toString())
          .put("payload", payload);
    }
  }

  /**
   * Stands in for an FHE service in the demo's tests: it keeps the "ciphertexts" in the clear and evaluates
   * only the demo's expression. It checks the demo's flow and result handling, not any encryption.
   */
  private final class PlainFhe {
    private final java.util.Map<String, double[]> values = new java.util.HashMap<>();

    JsonObject answer(String action, JsonObject payload) {
      switch (action) {
        case "fhe.setup":
          return new JsonObject().put("context_id", "ctx-1").put("slot_count", 4096).put("max_depth", 2);
        case "fhe.encrypt": {
          JsonArray data = payload.getJsonArray("data");
          double[] v = new double[data.size()];
          for (int i = 0; i < v.length; i++) {
            v[i] = data.getDouble(i);
          }
          String ct = "ct-" + (values.size() + 1);
          values.put(ct, v);
          return new JsonObject().put("ciphertext_id", ct).put("size_bytes", 131_000).put("level", 2);
        }
        case "fhe.compute": {
          JsonObject mapping = payload.getJsonObject("parameters").getJsonObject("variable_mapping");
          if (!"a * b + 0.5 * a".equals(payload.getJsonObject("parameters").getString("expression"))) {
            throw new IllegalStateException("the stub evaluates only the demo's expression");
          }
          double[] a = values.get(mapping.getString("a"));
          double[] b = values.get(mapping.getString("b"));
          double[] r = new double[a.length];
          for (int i = 0; i < r.length; i++) {
            r[i] = a[i] * b[i] + 0.5 * a[i];
          }
          String ct = "ct-" + (values.size() + 1);
          values.put(ct, r);
          return new JsonObject()
              .put("result_ciphertext_id", ct)
              .put("operations_performed", new JsonArray().add("multiply").add("multiply_plain").add("add"))
              .put("remaining_depth", 0);
        }
        case "fhe.decrypt": {
          JsonArray out = new JsonArray();
          for (double d : values.get(payload.getString("ciphertext_id"))) {
            out.add(d + decryptError);
          }
          return new JsonObject().put("decrypted_data", out).put("precision_bits", 20);
        }
        default:
          return new JsonObject().put("released", values.size()).put("context_released", true);
      }
    }
  }
}
