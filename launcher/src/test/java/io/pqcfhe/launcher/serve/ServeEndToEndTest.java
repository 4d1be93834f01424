package io.pqcfhe.launcher.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.launcher.tls.DevCertificate;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  private ServeCommand.RunningServer server;
  private Vertx client;
  // Clients live in fields: Vert.x closes an unreferenced client, and its connections, once it is collected.
  private WebSocketClient webSockets;
  private HttpClient http;
  private String printed;
  private int port;

  @BeforeEach
  void start() throws IOException {
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    server = ServeCommand.start(List.of("--port", String.valueOf(port), "--host", "127.0.0.1"),
        Map.of("PQCFHE_DATA_DIR", dir.resolve("data").toString()),
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err).orElseThrow();
    printed = out.toString(StandardCharsets.UTF_8);
    client = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    server.close(); // a second close is harmless
  }

  @Test
  void theDemoTokenOpensASession() throws Exception {
    assertTrue(printed.contains("wss://127.0.0.1:" + port + "/ws/v1/secure"), printed);
    assertTrue(printed.contains("DEV MODE: self-signed certificate"), printed);
    String fingerprint = find("fingerprint ([0-9a-f]{64})");
    String token = find("TOKEN=(\\S+)");

    CompletableFuture<JsonObject> firstFrame = new CompletableFuture<>();
    WebSocket socket = webSocketClient().connect(demoConnection(token))
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
    webSocketClient().connect(demoConnection(find("TOKEN=(\\S+)")))
        .onSuccess(ws -> ws.textMessageHandler(text -> firstFrame.complete(new JsonObject(text)))
            .closeHandler(v -> closed.complete(ws.closeStatusCode())))
        .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    assertEquals("session.created", firstFrame.get(20, TimeUnit.SECONDS).getString("event"));

    server.close();
    assertEquals((short) 1001, closed.get(20, TimeUnit.SECONDS));
  }

  @Test
  void aTokenSignedWithAnotherSecretIsRefusedBeforeTheUpgrade() throws Exception {
    String certificate = Files.readString(dir.resolve("data").resolve(DevCertificate.CERTIFICATE_FILE));
    http = client.createHttpClient(new HttpClientOptions().setSsl(true).setVerifyHost(true)
        .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(certificate))));
    int status = http.request(HttpMethod.GET, port, "localhost", "/ws/v1/secure?client_id=demo-client&auth_token="
            + "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJjbGllbnRfaWQiOiJkZW1vLWNsaWVudCJ9.c2lnbmF0dXJl")
        .compose(request -> request.putHeader("Upgrade", "websocket").putHeader("Connection", "Upgrade")
            .putHeader("Sec-WebSocket-Version", "13").putHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
            .send())
        .map(response -> response.statusCode())
        .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    assertEquals(401, status);
  }

  /** A client that trusts the dev certificate alone and checks the host name against it. */
  private WebSocketClient webSocketClient() throws IOException {
    String certificate = Files.readString(dir.resolve("data").resolve(DevCertificate.CERTIFICATE_FILE));
    webSockets = client.createWebSocketClient(new WebSocketClientOptions()
        .setSsl(true)
        .setVerifyHost(true)
        .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(certificate))));
    return webSockets;
  }

  private WebSocketConnectOptions demoConnection(String token) {
    return new WebSocketConnectOptions()
        .setHost("localhost").setPort(port).setURI("/ws/v1/secure")
        .addHeader("Authorization", "Bearer " + token)
        .addHeader("X-Client-ID", Banner.DEMO_CLIENT_ID);
  }

  private String find(String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(printed);
    assertTrue(matcher.find(), regex + " in\n" + printed);
    return matcher.group(1);
  }
}
