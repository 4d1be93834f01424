package io.pqcfhe.gateway;

import static io.pqcfhe.gateway.testing.TestGateway.await;
import static io.pqcfhe.gateway.testing.TestGateway.freshClientId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.gateway.metrics.GatewayMetrics;
import io.pqcfhe.gateway.testing.TestGateway;
import io.pqcfhe.gateway.testing.TestSocket;
import io.pqcfhe.protocol.ActionReply;
import io.pqcfhe.protocol.ActionRequest;
import io.pqcfhe.protocol.Addresses;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.PemTrustOptions;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** §9 and the transport: health, metrics, server key, unknown paths, TLS 1.3 only, the connection budget. */
class HttpEndpointsTest {
  static Vertx vertx;
  static TestGateway gateway;
  static List<MessageConsumer<ActionRequest>> services;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx(GatewayMetrics.vertxOptions(new VertxOptions()));
    gateway = TestGateway.start(vertx);
    MessageConsumer<ActionRequest> pqc = vertx.eventBus().consumer(Addresses.PQC, message -> message.reply(
        message.body().action().equals("pqc.initiate")
            ? ActionReply.success(new JsonObject().put("algorithm", "ML-KEM-768").put("key_id", "key-1"))
            : ActionReply.success(new JsonObject().put("secure_channel_established", true))));
    MessageConsumer<ActionRequest> fhe = vertx.eventBus().consumer(Addresses.FHE,
        message -> message.reply(ActionReply.success(new JsonObject())));
    await(pqc.completion().compose(v -> fhe.completion()));
    services = List.of(pqc, fhe);
  }

  @AfterAll
  static void stop() {
    services.forEach(MessageConsumer::unregister);
    gateway.close();
    await(vertx.close());
  }

  @Test
  void healthReportsTheContractsFields() {
    TestSocket socket = gateway.connect(freshClientId());
    TestGateway.HttpReply reply = gateway.get("/ws/health", null);
    assertEquals(200, reply.status());
    assertEquals("application/json", reply.headers().get("Content-Type"));
    assertEquals("no-store", reply.headers().get("Cache-Control"));
    assertEquals("nosniff", reply.headers().get("X-Content-Type-Options"));
    assertEquals("max-age=31536000", reply.headers().get("Strict-Transport-Security"));
    JsonObject health = reply.json();
    assertEquals("healthy", health.getString("status"));
    assertTrue(health.getInteger("active_sessions") >= 1);
    assertTrue(health.getLong("active_fhe_contexts") >= 0);
    assertTrue(health.getLong("memory_usage_mb") > 0);
    assertTrue(health.getLong("uptime_seconds") >= 0);
    socket.close();
  }

  @Test
  void healthSumsTheFheWorkersReports() throws Exception {
    long before = gateway.get("/ws/health", null).json().getLong("active_fhe_contexts");
    String w1 = "w1-" + System.nanoTime();
    String w2 = "w2-" + System.nanoTime();
    vertx.eventBus().publish(Addresses.FHE_CONTEXT_COUNTS, new JsonObject().put("worker_id", w1).put("active_contexts", 3));
    vertx.eventBus().publish(Addresses.FHE_CONTEXT_COUNTS, new JsonObject().put("worker_id", w2).put("active_contexts", 4));
    vertx.eventBus().publish(Addresses.FHE_CONTEXT_COUNTS, new JsonObject().put("worker_id", w1).put("active_contexts", 2));
    vertx.eventBus().publish(Addresses.FHE_CONTEXT_COUNTS, new JsonObject().put("worker_id", w2).put("active_contexts", "x"));
    long deadline = System.currentTimeMillis() + 5000;
    long contexts;
    do {
      Thread.sleep(20);
      contexts = gateway.get("/ws/health", null).json().getLong("active_fhe_contexts");
    } while (contexts != before + 6 && System.currentTimeMillis() < deadline);
    assertEquals(before + 6, contexts, "latest report per worker, malformed ones ignored");
  }

  @Test
  void metricsCarryTheReferenceSeriesAndTheJvmAndVertxOnes() {
    TestSocket socket = gateway.connect(freshClientId());
    assertEquals("response", socket.request("i", "pqc.initiate", new JsonObject()).getString("type"));
    assertEquals("response", socket.request("c", "pqc.confirm", new JsonObject().put("key_id", "key-1")).getString("type"));
    assertEquals("response", socket.request("e", "fhe.encrypt", new JsonObject()).getString("type"));
    assertEquals("response", socket.request("m", "fhe.compute", new JsonObject()).getString("type"));
    socket.close();
    gateway.connect(freshClientId()).close();

    TestGateway.HttpReply reply = gateway.get("/metrics", null);
    assertEquals(200, reply.status());
    String text = reply.body().toString();
    for (String series : new String[] {
        "pqc_fhe_ws_connections_total{status=\"active\"}",
        "pqc_fhe_ws_connections_total{status=\"closed\"}",
        "pqc_fhe_ws_pqc_exchanges_total{algorithm=\"ML-KEM-768\"} 1.0",
        "pqc_fhe_ws_pqc_exchange_duration_seconds{quantile=\"0.99\"}",
        "pqc_fhe_ws_pqc_exchange_duration_seconds_count 1",
        "pqc_fhe_ws_fhe_operations_total{operation=\"encrypt\"} 1.0",
        "pqc_fhe_ws_fhe_operations_total{operation=\"compute\"} 1.0",
        "pqc_fhe_ws_fhe_operation_duration_seconds{operation=\"compute\",quantile=\"0.99\"}",
        "pqc_fhe_ws_fhe_operation_duration_seconds_count{operation=\"encrypt\"} 1",
        "pqc_fhe_ws_connections_active",
        "jvm_memory_used_bytes",
        "vertx_http_server_active_connections"}) {
      assertTrue(text.contains(series), series + " missing from\n" + text);
    }
  }

  @Test
  void metricsTokenWhenConfigured() {
    try (TestGateway guarded = TestGateway.start(vertx, c -> c.withMetricsBearerToken(Optional.of("scrape-secret")))) {
      assertEquals(401, guarded.get("/metrics", null).status());
      assertEquals(401, guarded.get("/metrics", MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer wrong")).status());
      assertEquals(200, guarded.get("/metrics", MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer scrape-secret")).status());
    }
  }

  @Test
  void serverKeyForPinning() throws Exception {
    JsonObject key = gateway.get("/ws/v1/server-key", null).json();
    byte[] raw = Base64.getDecoder().decode(key.getString("server_public_key"));
    assertEquals(gateway.config.serverKey().fingerprint(), key.getString("server_key_fingerprint"));
    assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw)), key.getString("server_key_fingerprint"));
  }

  @Test
  void unknownPathsAndMethodsAreJsonErrors() {
    TestGateway.HttpReply missing = gateway.get("/admin", null);
    assertEquals(404, missing.status());
    assertEquals("error", missing.json().getString("type"));
    assertEquals("not_found", missing.json().getJsonObject("details").getString("reason"));
    HttpClient client = trustingClient(Set.of("TLSv1.3"));
    int status = await(client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("localhost")
            .setPort(gateway.port()).setURI("/ws/health"))
        .compose(request -> request.send())
        .map(response -> response.statusCode()));
    assertEquals(405, status);
    await(client.close());
  }

  @Test
  void tls12IsRefused() {
    HttpClient client = trustingClient(Set.of("TLSv1.2"));
    assertThrows(RuntimeException.class, () -> await(client.request(new RequestOptions().setMethod(HttpMethod.GET)
        .setHost("localhost").setPort(gateway.port()).setURI("/ws/health")).compose(request -> request.send())));
    await(client.close());
  }

  @Test
  void connectionsBeyondTheBudgetAre503() {
    try (TestGateway small = TestGateway.start(vertx, c -> c.withMaxConnections(1))) {
      TestSocket only = small.connect(freshClientId());
      Exception failure = assertThrows(Exception.class, () -> small.connect(freshClientId()));
      UpgradeRejectedException rejected = assertInstanceOf(UpgradeRejectedException.class, failure);
      assertEquals(503, rejected.getStatus());
      assertEquals("SERVICE_UNAVAILABLE", rejected.getBody().toJsonObject().getString("code"));
      only.close();
      only.awaitClose();
      long deadline = System.currentTimeMillis() + 5000;
      while (true) { // the slot is released when the server sees the close
        try {
          small.connect(freshClientId()).close();
          break;
        } catch (UpgradeRejectedException stillFull) {
          assertTrue(System.currentTimeMillis() < deadline, "slot never released");
        }
      }
    }
  }

  private static HttpClient trustingClient(Set<String> protocols) {
    return vertx.createHttpClient(new HttpClientOptions().setSsl(true).setSslEngineOptions(new JdkSSLEngineOptions())
        .setEnabledSecureTransportProtocols(protocols)
        .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(gateway.config.tls().certificateChainPem()))));
  }
}
