package io.pqcfhe.gateway.http;

import io.pqcfhe.gateway.auth.ConnectRequest;
import io.pqcfhe.gateway.auth.TokenVerifier;
import io.pqcfhe.gateway.auth.VerifiedToken;
import io.pqcfhe.gateway.connection.ConnectionSlots;
import io.pqcfhe.gateway.ratelimit.RateLimiter;
import io.pqcfhe.gateway.wire.Envelopes;
import io.pqcfhe.protocol.ErrorCode;
import io.pqcfhe.protocol.ProtocolError;
import io.pqcfhe.protocol.ProtocolException;
import io.pqcfhe.protocol.RateBucket;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;

/**
 * The WebSocket upgrade of §1. Checks run in the contract's order — client id and version (400), token
 * (401), {@code client_id} claim (403), connection rate (429), connection budget (503) — and only when all
 * pass is the request upgraded; a refusal is an HTTP response with the §8 error body.
 *
 * <p>It takes the server's own request, not vertx-web's wrapper, so that the upgraded socket is the
 * server's WebSocket and {@code OversizedFrameGuard} can reach its channel.
 */
public final class UpgradeHandler implements Handler<HttpServerRequest> {

  /** Receives each upgraded socket with the facts established before the upgrade. */
  @FunctionalInterface
  public interface Upgraded {
    void open(ServerWebSocket socket, ConnectRequest connect, VerifiedToken token, String remoteAddress);
  }

  private final TokenVerifier tokens;
  private final RateLimiter limiter;
  private final ConnectionSlots slots;
  private final Envelopes envelopes;
  private final Upgraded upgraded;

  public UpgradeHandler(TokenVerifier tokens, RateLimiter limiter, ConnectionSlots slots, Envelopes envelopes, Upgraded upgraded) {
    this.tokens = tokens;
    this.limiter = limiter;
    this.slots = slots;
    this.envelopes = envelopes;
    this.upgraded = upgraded;
  }

  @Override
  public void handle(HttpServerRequest request) {
    if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
      refuse(request, ProtocolError.withReason(ErrorCode.INVALID_REQUEST, "upgrade_required", "This endpoint only accepts WebSocket upgrades"));
      return;
    }
    ConnectRequest connect;
    try {
      connect = ConnectRequest.read(request::getHeader, request::getParam);
    } catch (ProtocolException refused) {
      refuse(request, refused.error());
      return;
    }
    String remoteAddress = request.remoteAddress().hostAddress();
    request.pause(); // hold the request while the checks run asynchronously
    tokens.verify(connect.token())
        .onFailure(badToken -> limiter.recordFailure(connect.clientId(), remoteAddress))
        .compose(token -> token.allowsClient(connect.clientId())
            ? Future.succeededFuture(token)
            : Future.failedFuture(ProtocolError.withReason(ErrorCode.FORBIDDEN, "client_id_mismatch",
                "The token belongs to another client id").asException()))
        .compose(token -> limiter.acquire(connect.clientId(), remoteAddress, RateBucket.CONNECTION)
            .compose(decision -> decision.allowed()
                ? Future.succeededFuture(token)
                : Future.failedFuture(decision.refusal(envelopes.clock().instant()).asException())))
        .compose(token -> slots.tryReserve()
            ? Future.succeededFuture(token)
            : Future.failedFuture(ProtocolError.withReason(ErrorCode.SERVICE_UNAVAILABLE, "connection_limit",
                "Too many connections, try again later").asException()))
        .onSuccess(token -> upgrade(request, connect, token, remoteAddress))
        .onFailure(failure -> refuse(request, failure instanceof ProtocolException p ? p.error()
            : ProtocolError.of(ErrorCode.SERVER_ERROR, "Internal server error")));
  }

  private void upgrade(HttpServerRequest request, ConnectRequest connect, VerifiedToken token, String remoteAddress) {
    request.toWebSocket()
        .onSuccess(socket -> upgraded.open(socket, connect, token, remoteAddress))
        .onFailure(failure -> slots.release());
  }

  private void refuse(HttpServerRequest request, ProtocolError error) {
    if (error.code() == ErrorCode.RATE_LIMIT_EXCEEDED && error.details().getValue("retry_after_ms") instanceof Number ms) {
      long seconds = (ms.longValue() + 999) / 1000;
      request.response().putHeader("Retry-After", Long.toString(seconds));
    }
    JsonReplies.error(request.response(), error.code().httpStatus(), envelopes, error);
  }
}
