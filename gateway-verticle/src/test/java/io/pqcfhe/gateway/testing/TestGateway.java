package io.pqcfhe.gateway.testing;

import io.pqcfhe.gateway.GatewayVerticle;
import io.pqcfhe.gateway.config.GatewayConfig;
import io.pqcfhe.gateway.config.JwtSettings;
import io.pqcfhe.gateway.config.PemKeyCert;
import io.pqcfhe.gateway.config.ServerKey;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/** A gateway deployed on a real TLS port, with clients that trust its fresh self-signed certificate. */
public final class TestGateway implements AutoCloseable {
  public static final String SECRET = "gateway-test-secret-of-at-least-32-bytes";
  public static final int TEST_MAX_MESSAGE_BYTES = 64 * 1024;
  private static final PemKeyCert TLS = SelfSignedTls.localhost();
  private static final AtomicInteger CLIENT_IDS = new AtomicInteger();

  public final Vertx vertx;
  public final GatewayConfig config;
  private final String deploymentId;
  private final int port;
  private final WebSocketClient webSockets;
  private final HttpClient http;

  private TestGateway(Vertx vertx, GatewayConfig config, String deploymentId, int port) {
    this.vertx = vertx;
    this.config = config;
    this.deploymentId = deploymentId;
    this.port = port;
    PemTrustOptions trust = new PemTrustOptions().addCertValue(Buffer.buffer(TLS.certificateChainPem()));
    this.webSockets = vertx.createWebSocketClient(new WebSocketClientOptions().setSsl(true).setTrustOptions(trust)
        .setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 20));
    // One connection per request: with pooled keep-alive connections, about one run in six of the health
    // polling test saw a GET never answered within 10 s in this client, while curl's 3 x 2000 keep-alive GETs
    // to the gateway were all answered; fresh connections made 8 runs in 8 pass.
    this.http = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustOptions(trust).setKeepAlive(false));
  }

  /** Defaults for tests: port 0, 64 KiB messages, a 2 s request timeout; {@code customize} adjusts. */
  public static TestGateway start(Vertx vertx, UnaryOperator<GatewayConfig> customize) {
    byte[] serverKey = new byte[ServerKey.ML_DSA_65_PUBLIC_KEY_BYTES];
    new SecureRandom().nextBytes(serverKey); // stands in for the ML-DSA-65 key the PQC verticle owns
    GatewayConfig config = customize.apply(
        GatewayConfig.defaults(TLS, JwtSettings.hs256(SECRET), ServerKey.of(serverKey))
            .withListen("localhost", 0)
            .withMaxMessageBytes(TEST_MAX_MESSAGE_BYTES)
            .withRequestTimeout(Duration.ofSeconds(2)));
    GatewayVerticle verticle = new GatewayVerticle(config);
    String id = await(vertx.deployVerticle(verticle));
    return new TestGateway(vertx, config, id, verticle.actualPort());
  }

  public static TestGateway start(Vertx vertx) {
    return start(vertx, c -> c);
  }

  /** A client id no other test uses (limits are per client id). */
  public static String freshClientId() {
    return "client-" + CLIENT_IDS.incrementAndGet() + "." + System.nanoTime();
  }

  public static String token(String clientId) {
    return Jwts.hs256(SECRET, Jwts.claims(600).put("client_id", clientId));
  }

  /** Connects with headers and waits for {@code session.created}. */
  public TestSocket connect(String clientId) {
    return connect(clientId, token(clientId));
  }

  public TestSocket connect(String clientId, String token) {
    return TestSocket.open(webSockets, upgrade(clientId, token, null));
  }

  public WebSocketConnectOptions upgrade(String clientId, String token, String version) {
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost("localhost").setPort(port).setSsl(true).setURI("/ws/v1/secure");
    if (clientId != null) {
      options.addHeader("X-Client-ID", clientId);
    }
    if (token != null) {
      options.addHeader("Authorization", "Bearer " + token);
    }
    if (version != null) {
      options.addHeader("X-Protocol-Version", version);
    }
    return options;
  }

  public WebSocketConnectOptions upgradeUri(String uri) {
    return new WebSocketConnectOptions().setHost("localhost").setPort(port).setSsl(true).setURI(uri);
  }

  public WebSocketClient webSockets() {
    return webSockets;
  }

  /** Throws the upgrade's failure, e.g. an UpgradeRejectedException. */
  public TestSocket connect(WebSocketConnectOptions options) {
    return TestSocket.open(webSockets, options);
  }

  public HttpReply get(String path, MultiMap headers) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("localhost").setPort(port).setURI(path);
    if (headers != null) {
      options.setHeaders(headers);
    }
    return await(http.request(options)
        .compose(request -> request.send())
        .compose(response -> response.body().map(body -> new HttpReply(response.statusCode(), response.headers(), body))));
  }

  public int port() {
    return port;
  }

  /** Undeploys the gateway, leaving the clients' sockets to see how the server closes them. */
  public void undeploy() {
    await(vertx.undeploy(deploymentId));
  }

  @Override
  public void close() {
    await(webSockets.close().compose(v -> http.close()).compose(v -> vertx.undeploy(deploymentId)));
  }

  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public record HttpReply(int status, MultiMap headers, Buffer body) {
    public JsonObject json() {
      return body.toJsonObject();
    }
  }
}
