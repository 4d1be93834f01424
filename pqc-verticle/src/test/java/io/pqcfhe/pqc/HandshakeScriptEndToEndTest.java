package io.pqcfhe.pqc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.pqcfhe.protocol.ActionReply;
import io.pqcfhe.protocol.ActionRequest;
import io.pqcfhe.protocol.Addresses;
import io.pqcfhe.protocol.ClientEvent;
import io.pqcfhe.protocol.Permission;
import io.pqcfhe.protocol.SessionInfo;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs interop/pqc/handshake.mjs (noble + node:crypto) over real TLS and a real WebSocket against the
 * real PQC verticle. The gateway is not part of this module, so a minimal stand-in frames the
 * WebSocket: it opens a session, forwards pqc.* and secure.send to the event bus as the gateway does,
 * writes responses, following events and outbound events, and answers inner requests of pqc.* and
 * secure.* with the contract's refusal, sent back through secure.deliver. It checks no token and runs
 * no other action: that is the gateway's job, tested there.
 */
@ExtendWith(VertxExtension.class)
class HandshakeScriptEndToEndTest {
  private PqcHarness server;
  private int port;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    server = new PqcHarness(vertx, PqcSettings.defaults());
    SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
    HttpServer http = vertx.createHttpServer(new HttpServerOptions()
        .setSsl(true)
        .setKeyCertOptions(certificate.keyCertOptions())
        .setEnabledSecureTransportProtocols(Set.of("TLSv1.3")));
    http.webSocketHandler(ws -> openSession(vertx, ws));
    port = PqcHarness.await(http.listen(0, "localhost")).actualPort();
  }

  @ParameterizedTest(name = "protocol {0}")
  @ValueSource(strings = {"1.0", "1.1"})
  void nodeClientCompletesEveryHandshakeAndEcho(String version) throws Exception {
    String root = System.getProperty("project.rootdir");
    Path script = Path.of(root, "interop", "pqc", "handshake.mjs");
    if (!Files.isDirectory(Path.of(root, "interop", "node_modules", "ws"))) {
      fail("interop/node_modules is missing: run `npm ci --prefix interop` in the repository root first");
    }
    Process node = new ProcessBuilder("node", script.toString(),
        "wss://localhost:" + port + "/ws/v1/secure", "unused-token", "e2e-client", version)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    byte[] out = node.getInputStream().readAllBytes();
    if (!node.waitFor(90, TimeUnit.SECONDS)) {
      node.destroyForcibly();
      fail("handshake.mjs did not finish within 90 s");
    }
    String text = new String(out, StandardCharsets.UTF_8);
    System.out.println(text);
    assertEquals(0, node.exitValue(), text);
    JsonObject report = new JsonObject(text);
    assertTrue(report.getBoolean("ok"));
    JsonArray results = report.getJsonArray("results");
    assertEquals(7, results.size(), "six handshakes and the inner request");
    results.forEach(r -> assertTrue(((JsonObject) r).getBoolean("ok"), r.toString()));
  }

  private void openSession(Vertx vertx, ServerWebSocket ws) {
    String version = ws.headers().get("X-Protocol-Version");
    SessionInfo session = new SessionInfo(UUID.randomUUID().toString(), ws.headers().get("X-Client-ID"), "default",
        EnumSet.allOf(Permission.class), version == null ? "1.0" : version);
    var outbound = vertx.eventBus().<ClientEvent>localConsumer(Addresses.sessionOutbound(session.sessionId()),
        m -> ws.writeTextMessage(event(m.body())));
    var inbound = vertx.eventBus().<JsonObject>localConsumer(Addresses.sessionInbound(session.sessionId()), m -> {
      JsonObject inner = m.body();
      String innerAction = inner.getString("action", "");
      boolean refusedInChannel = innerAction.startsWith("pqc.") || innerAction.startsWith("secure.");
      JsonObject error = new JsonObject().put("type", "error").put("id", inner.getValue("id"))
          .put("action", innerAction).put("status", "error")
          .put("code", refusedInChannel ? "INVALID_REQUEST" : "SERVICE_UNAVAILABLE")
          .put("message", refusedInChannel ? "not allowed inside the secure channel" : "not run by this stand-in")
          .put("details", refusedInChannel ? new JsonObject().put("reason", "action_not_allowed_in_channel") : new JsonObject())
          .put("timestamp", Instant.now().toString());
      vertx.eventBus().request(Addresses.SECURE_DELIVER, new ActionRequest(String.valueOf(inner.getValue("id")),
          "secure.deliver", new JsonObject().put("message", error.toBuffer()), session, true));
    });
    ws.closeHandler(v -> {
      inbound.unregister();
      outbound.unregister();
      vertx.eventBus().publish(Addresses.SESSION_ENDED, session);
    });
    byte[] serverKey;
    try {
      serverKey = PqcHarness.identity().publicKey();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    ws.writeTextMessage(event(new ClientEvent("session.created", new JsonObject()
        .put("session_id", session.sessionId())
        .put("client_id", session.clientId())
        .put("server_public_key", PayloadReader.encodeBase64(serverKey))
        .put("server_key_fingerprint", io.pqcfhe.pqc.identity.ServerIdentity.fingerprintOf(serverKey))
        .put("protocol_version", session.protocolVersion()))));
    ws.textMessageHandler(text -> {
      JsonObject envelope = new JsonObject(text);
      String action = envelope.getString("action");
      String address = action.startsWith("pqc.") ? Addresses.PQC : Addresses.SECURE;
      ActionRequest request = new ActionRequest(envelope.getString("id"), action,
          envelope.getJsonObject("payload"), session, false);
      vertx.eventBus().<ActionReply>request(address, request).onComplete(ar -> {
        if (ar.failed()) {
          ws.writeTextMessage(new JsonObject().put("type", "error").put("id", request.requestId())
              .put("status", "error").put("code", "SERVICE_UNAVAILABLE").encode());
          return;
        }
        ActionReply reply = ar.result().body();
        JsonObject answer = reply.succeeded()
            ? new JsonObject().put("type", "response").put("status", "success").put("payload", reply.payload())
            : new JsonObject().put("type", "error").put("status", "error").put("code", reply.error().code().name())
                .put("message", reply.error().message()).put("details", reply.error().details());
        ws.writeTextMessage(answer.put("id", request.requestId()).put("action", action)
            .put("timestamp", Instant.now().toString()).encode());
        reply.followingEvents().forEach(e -> ws.writeTextMessage(event(e)));
      });
    });
  }

  private static String event(ClientEvent e) {
    return new JsonObject().put("type", "event").put("event", e.event()).put("timestamp", Instant.now().toString())
        .put("data", e.data()).encode();
  }
}
