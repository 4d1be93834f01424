package io.pqcfhe.launcher.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts {@code serve} in this JVM on a free port with a fresh data folder, then connects as a client would:
 * real TLS 1.3 (trusting the dev certificate, host name checked), a real WebSocket, the printed demo token.
 */
class ServeEndToEndTest {
  @TempDir Path dir;
  private DevServer server;

  @BeforeEach
  void start() throws IOException {
    server = DevServer.start(dir);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void theDemoTokenOpensASession() throws Exception {
    assertTrue(server.printed.contains("wss://127.0.0.1:" + server.port + "/ws/v1/secure"), server.printed);
    assertTrue(server.printed.contains("DEV MODE: self-signed certificate"), server.printed);
    String fingerprint = server.find("fingerprint ([0-9a-f]{64})");

    CompletableFuture<JsonObject> firstFrame = new CompletableFuture<>();
    WebSocket socket = server.webSocketClient().connect(server.demoConnection())
        .onSuccess(ws -> ws.textMessageHandler(text -> firstFrame.complete(new JsonObject(text))))
        .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);

    JsonObject created = firstFrame.get(20, TimeUnit.SECONDS);
    assertEquals("event", created.getString("type"));
    assertEquals("session.created", created.getString("event"));
    JsonObject data = created.getJsonObject("data");
    assertEquals(Banner.DEMO_CLIENT_ID, data.getString("client_id"));
    assertEquals(fingerprint, data.getString("server_key_fingerprint"));
    assertEquals(3600, data.getJsonObject("limits").getInteger("session_lifetime_seconds"));
    socket.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void stoppingClosesOpenSessionsWithGoingAway() throws Exception {
    CompletableFuture<JsonObject> firstFrame = new CompletableFuture<>();
    CompletableFuture<Short> closed = new CompletableFuture<>();
    server.webSocketClient().connect(server.demoConnection())
        .onSuccess(ws -> ws.textMessageHandler(text -> firstFrame.complete(new JsonObject(text)))
            .closeHandler(v -> closed.complete(ws.closeStatusCode())))
        .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    assertEquals("session.created", firstFrame.get(20, TimeUnit.SECONDS).getString("event"));

    server.stopServer();
    assertEquals((short) 1001, closed.get(20, TimeUnit.SECONDS));
  }

  @Test
  void aTokenSignedWithAnotherSecretIsRefusedBeforeTheUpgrade() throws Exception {
    int status = server.httpClient().request(HttpMethod.GET, server.port, "localhost",
            "/ws/v1/secure?client_id=demo-client&auth_token="
            + "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJjbGllbnRfaWQiOiJkZW1vLWNsaWVudCJ9.c2lnbmF0dXJl")
        .compose(request -> request.putHeader("Upgrade", "websocket").putHeader("Connection", "Upgrade")
            .putHeader("Sec-WebSocket-Version", "13").putHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
            .send())
        .map(response -> response.statusCode())
        .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    assertEquals(401, status);
  }
}
