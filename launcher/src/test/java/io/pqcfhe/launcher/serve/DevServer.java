package io.pqcfhe.launcher.serve;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.launcher.tls.DevCertificate;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code serve} started in this JVM on a free port with a fresh data folder, seen as a client would see
 * it: what the start printed, and Vert.x clients that trust the dev certificate alone and check the host
 * name against it.
 */
final class DevServer implements AutoCloseable {
  final int port;
  final String printed;
  private final Path dataDir;
  private final ServeCommand.RunningServer server;
  private final Vertx client = Vertx.vertx();
  // Clients live in fields: Vert.x closes an unreferenced client, and its connections, once it is collected.
  private WebSocketClient webSockets;
  private HttpClient http;

  private DevServer(int port, String printed, Path dataDir, ServeCommand.RunningServer server) {
    this.port = port;
    this.printed = printed;
    this.dataDir = dataDir;
    this.server = server;
  }

  static DevServer start(Path dir) throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Path dataDir = dir.resolve("data");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ServeCommand.RunningServer server = ServeCommand.start(
            List.of("--port", String.valueOf(port), "--host", "127.0.0.1"),
            Map.of("PQCFHE_DATA_DIR", dataDir.toString()),
            new PrintStream(out, true, StandardCharsets.UTF_8), System.err)
        .orElseThrow();
    return new DevServer(port, out.toString(StandardCharsets.UTF_8), dataDir, server);
  }

  /** The first group of {@code regex} in what the start printed. */
  String find(String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(printed);
    assertTrue(matcher.find(), regex + " in\n" + printed);
    return matcher.group(1);
  }

  /** A WebSocket client; frames up to 16 MiB, as answers carrying keys are single large frames. */
  WebSocketClient webSocketClient() throws IOException {
    webSockets = client.createWebSocketClient(new WebSocketClientOptions()
        .setSsl(true)
        .setVerifyHost(true)
        .setMaxFrameSize(16 << 20)
        .setMaxMessageSize(16 << 20)
        .setTrustOptions(devCertificate()));
    return webSockets;
  }

  HttpClient httpClient() throws IOException {
    if (http == null) {
      http = client.createHttpClient(
          new HttpClientOptions().setSsl(true).setVerifyHost(true).setTrustOptions(devCertificate()));
    }
    return http;
  }

  /** The endpoint as the demo client reaches it, with the printed demo token. */
  WebSocketConnectOptions demoConnection() {
    return new WebSocketConnectOptions()
        .setHost("localhost").setPort(port).setURI("/ws/v1/secure")
        .addHeader("Authorization", "Bearer " + find("TOKEN=(\\S+)"))
        .addHeader("X-Client-ID", Banner.DEMO_CLIENT_ID);
  }

  /** Stops the server (as SIGTERM would); {@link #close()} afterwards is harmless. */
  void stopServer() {
    server.close();
  }

  @Override
  public void close() throws Exception {
    client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    server.close();
  }

  private PemTrustOptions devCertificate() throws IOException {
    String certificate = Files.readString(dataDir.resolve(DevCertificate.CERTIFICATE_FILE));
    return new PemTrustOptions().addCertValue(Buffer.buffer(certificate));
  }
}
