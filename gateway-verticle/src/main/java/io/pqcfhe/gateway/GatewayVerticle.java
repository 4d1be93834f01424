package io.pqcfhe.gateway;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pqcfhe.gateway.auth.ConnectRequest;
import io.pqcfhe.gateway.auth.TokenVerifier;
import io.pqcfhe.gateway.auth.VerifiedToken;
import io.pqcfhe.gateway.config.GatewayConfig;
import io.pqcfhe.gateway.connection.ClientConnection;
import io.pqcfhe.gateway.connection.ConnectionSlots;
import io.pqcfhe.gateway.health.ClusterView;
import io.pqcfhe.gateway.health.FheContextCounts;
import io.pqcfhe.gateway.health.HealthReport;
import io.pqcfhe.gateway.http.GatewayRouter;
import io.pqcfhe.gateway.metrics.GatewayMetrics;
import io.pqcfhe.gateway.metrics.GatewaySeries;
import io.pqcfhe.gateway.pipeline.RequestPipeline;
import io.pqcfhe.gateway.pipeline.ServiceDispatcher;
import io.pqcfhe.gateway.ratelimit.LocalRateLimiter;
import io.pqcfhe.gateway.ratelimit.RateLimiter;
import io.pqcfhe.gateway.session.LiveSession;
import io.pqcfhe.gateway.session.SessionAnnouncements;
import io.pqcfhe.gateway.session.SessionIds;
import io.pqcfhe.gateway.wire.EnvelopeParser;
import io.pqcfhe.gateway.wire.Envelopes;
import io.pqcfhe.protocol.Addresses;
import io.pqcfhe.protocol.ProtocolCodecs;
import io.pqcfhe.protocol.SessionInfo;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.micrometer.backends.BackendRegistries;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The wss endpoint: wires configuration, the HTTP routes, sessions and the event bus together. The logic
 * lives in the classes it wires; this class only builds them and manages their lifetime.
 */
public final class GatewayVerticle extends VerticleBase {
  /** Close code for sessions cut when the gateway stops. */
  private static final short GOING_AWAY = 1001;

  private final GatewayConfig config;
  private final Clock clock;
  private final RateLimiter limiter;
  private final Optional<ClusterView> cluster;
  private final ConnectionSlots slots;
  private final Set<ClientConnection> connections = new HashSet<>();
  private final FheContextCounts fheContexts;
  private final Instant startedAt;
  private HttpServer server;
  private MessageConsumer<Object> fheContextReports;
  private GatewaySeries series;
  private RequestPipeline pipeline;
  private EnvelopeParser parser;
  private Envelopes envelopes;
  private SessionAnnouncements announcements;
  private SessionIds sessionIds;
  private volatile boolean stopping;

  public GatewayVerticle(GatewayConfig config) {
    this(config, Clock.systemUTC(), null);
  }

  /**
   * @param limiter a limiter shared with other gateways; null for this gateway's own in-memory limiter
   */
  public GatewayVerticle(GatewayConfig config, Clock clock, RateLimiter limiter) {
    this(config, clock, limiter, null);
  }

  /**
   * @param limiter a limiter shared with other gateways; null for this gateway's own in-memory limiter
   * @param cluster the cluster this gateway belongs to, for health's {@code nodes} and {@code fhe_workers};
   *     null outside a cluster
   */
  public GatewayVerticle(GatewayConfig config, Clock clock, RateLimiter limiter, ClusterView cluster) {
    this.cluster = Optional.ofNullable(cluster);
    this.config = config;
    this.clock = clock;
    this.limiter = limiter != null ? limiter
        : new LocalRateLimiter(config.ratePerMinute(), Duration.ofMinutes(1), config.adaptive(), clock);
    this.slots = new ConnectionSlots(config.maxConnections());
    this.fheContexts = new FheContextCounts(clock);
    this.startedAt = clock.instant();
  }

  @Override
  public Future<?> start() {
    ProtocolCodecs.ensureRegistered(vertx.eventBus());
    PrometheusMeterRegistry registry = meterRegistry();
    series = new GatewaySeries(registry);
    envelopes = new Envelopes(clock);
    parser = new EnvelopeParser(config.maxMessageBytes());
    announcements = new SessionAnnouncements(config);
    sessionIds = new SessionIds(new SecureRandom());
    TokenVerifier tokens = new TokenVerifier(vertx, config.jwt());
    pipeline = new RequestPipeline(
        limiter, new ServiceDispatcher(vertx.eventBus(), config.requestTimeout()), tokens, envelopes, series, config.sessionLifetime());
    fheContextReports = vertx.eventBus().consumer(Addresses.FHE_CONTEXT_COUNTS, message -> fheContexts.accept(message.body()));

    GatewayRouter router = new GatewayRouter(vertx, config, envelopes, tokens, limiter, slots, announcements, registry,
        this::health, this::open);
    return vertx.createHttpServer(serverOptions())
        .requestHandler(router.requestHandler())
        .listen()
        .onSuccess(listening -> server = listening);
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    var closing = new ArrayList<Future<Void>>();
    new ArrayList<>(connections).forEach(c -> closing.add(c.close(GOING_AWAY, "server stopping")));
    return Future.join(closing)
        .eventually(() -> fheContextReports == null ? Future.succeededFuture() : fheContextReports.unregister())
        .eventually(() -> server == null ? Future.succeededFuture() : server.close());
  }

  /** The port actually listened on (useful when the configuration asks for port 0). */
  public int actualPort() {
    return server.actualPort();
  }

  private HttpServerOptions serverOptions() {
    return new HttpServerOptions()
        .setHost(config.host())
        .setPort(config.port())
        .setSsl(true)
        .setKeyCertOptions(new PemKeyCertOptions()
            .addCertValue(Buffer.buffer(config.tls().certificateChainPem()))
            .addKeyValue(Buffer.buffer(config.tls().privateKeyPem())))
        .setEnabledSecureTransportProtocols(Set.of("TLSv1.3"))
        // Frames and messages past the limit are refused by the WebSocket layer (close 1009) before they
        // are buffered whole.
        .setMaxWebSocketFrameSize(config.maxMessageBytes())
        .setMaxWebSocketMessageSize(config.maxMessageBytes());
  }

  /** The Prometheus registry Vert.x was created with (see {@link GatewayMetrics}), else one of our own. */
  private static PrometheusMeterRegistry meterRegistry() {
    return BackendRegistries.getNow(GatewayMetrics.REGISTRY_NAME) instanceof PrometheusMeterRegistry shared
        ? shared
        : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  private HealthReport health() {
    Runtime runtime = Runtime.getRuntime();
    HealthReport local = HealthReport.of(
        stopping,
        connections.size(),
        config.maxConnections(),
        fheContexts.total(),
        runtime.totalMemory() - runtime.freeMemory(),
        runtime.maxMemory(),
        Duration.between(startedAt, clock.instant()).toSeconds());
    return cluster.map(view -> local.inCluster(new HealthReport.ClusterCounts(view.nodes(), view.fheWorkers())))
        .orElse(local);
  }

  private void open(ServerWebSocket socket, ConnectRequest connect, VerifiedToken token, String remoteAddress) {
    if (stopping) {
      slots.release();
      socket.close(GOING_AWAY, "server stopping");
      return;
    }
    SessionInfo info = new SessionInfo(
        sessionIds.next(), connect.clientId(), token.tenant(), token.permissions(), connect.protocolVersion());
    LiveSession session = new LiveSession(info, remoteAddress, token.expiresAt(), clock.instant(), config.sessionLifetime());
    ClientConnection connection = new ClientConnection(vertx, socket, session, pipeline, parser, envelopes, announcements,
        config.maxMalformedInARow(), config.requestTimeout(), config.maxMessageBytes(), this::ended);
    connections.add(connection);
    series.connectionOpened();
    connection.start();
  }

  private void ended(ClientConnection connection) {
    connections.remove(connection);
    slots.release();
    series.connectionClosed();
  }
}
