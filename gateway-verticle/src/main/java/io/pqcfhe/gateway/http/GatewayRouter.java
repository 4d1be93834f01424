package io.pqcfhe.gateway.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pqcfhe.gateway.auth.TokenVerifier;
import io.pqcfhe.gateway.config.GatewayConfig;
import io.pqcfhe.gateway.connection.ConnectionSlots;
import io.pqcfhe.gateway.health.HealthReport;
import io.pqcfhe.gateway.ratelimit.RateLimiter;
import io.pqcfhe.gateway.session.SessionAnnouncements;
import io.pqcfhe.gateway.wire.Envelopes;
import io.pqcfhe.protocol.ErrorCode;
import io.pqcfhe.protocol.ProtocolError;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.function.Supplier;

/**
 * The HTTP surface (§1, §9): the upgrade, health, metrics and server key; anything else is a 404 JSON
 * error (405 for a known path with another method).
 */
public final class GatewayRouter {
  public static final String WEBSOCKET_PATH = "/ws/v1/secure";
  public static final String HEALTH_PATH = "/ws/health";
  public static final String METRICS_PATH = "/metrics";
  public static final String SERVER_KEY_PATH = "/ws/v1/server-key";

  private final Router router;
  private final UpgradeHandler upgrade;

  public GatewayRouter(
      Vertx vertx,
      GatewayConfig config,
      Envelopes envelopes,
      TokenVerifier tokens,
      RateLimiter limiter,
      ConnectionSlots slots,
      SessionAnnouncements announcements,
      PrometheusMeterRegistry registry,
      Supplier<HealthReport> health,
      UpgradeHandler.Upgraded upgraded) {
    upgrade = new UpgradeHandler(tokens, limiter, slots, envelopes, upgraded);
    router = Router.router(vertx);
    router.get(HEALTH_PATH).handler(context -> {
      HealthReport report = health.get();
      JsonReplies.json(context.response(), report.httpStatus(), report.toJson());
    });
    router.get(METRICS_PATH).handler(new MetricsHandler(
        config.metricsBearerToken(), PrometheusScrapingHandler.create(registry), envelopes));
    router.get(SERVER_KEY_PATH).handler(context -> JsonReplies.json(context.response(), 200, announcements.serverKey()));
    router.errorHandler(404, context -> JsonReplies.error(context.response(), 404, envelopes,
        ProtocolError.withReason(ErrorCode.INVALID_REQUEST, "not_found", "No such endpoint")));
    router.errorHandler(405, context -> JsonReplies.error(context.response(), 405, envelopes,
        ProtocolError.withReason(ErrorCode.INVALID_REQUEST, "method_not_allowed", "Method not allowed")));
    router.errorHandler(500, context -> JsonReplies.error(context.response(), 500, envelopes,
        ProtocolError.of(ErrorCode.SERVER_ERROR, "Internal server error")));
  }

  /**
   * The server's request handler: the WebSocket path goes straight to the upgrade (see
   * {@link UpgradeHandler}), everything else through the router.
   */
  public Handler<HttpServerRequest> requestHandler() {
    return request -> {
      if (WEBSOCKET_PATH.equals(request.path()) && request.method() == HttpMethod.GET) {
        upgrade.handle(request);
      } else {
        router.handle(request);
      }
    };
  }
}
