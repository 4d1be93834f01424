package io.pqcfhe.gateway.pipeline;

import io.pqcfhe.gateway.auth.TokenVerifier;
import io.pqcfhe.gateway.metrics.GatewaySeries;
import io.pqcfhe.gateway.ratelimit.RateDecision;
import io.pqcfhe.gateway.ratelimit.RateLimiter;
import io.pqcfhe.gateway.session.LiveSession;
import io.pqcfhe.gateway.session.PqcExchangeTimings;
import io.pqcfhe.gateway.wire.Envelopes;
import io.pqcfhe.gateway.wire.RequestEnvelope;
import io.pqcfhe.gateway.wire.Timestamps;
import io.pqcfhe.protocol.Action;
import io.pqcfhe.protocol.ActionReply;
import io.pqcfhe.protocol.ActionRequest;
import io.pqcfhe.protocol.ErrorCode;
import io.pqcfhe.protocol.ProtocolError;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Answers one well-formed request (§2): permission, then rate limit, then the action itself — session
 * actions here, every other action by the service at its address. The same pipeline serves top-level
 * requests and inner requests of the secure channel ({@code viaChannel}). Every path ends in an
 * {@link Outcome}; the returned future never fails.
 */
public final class RequestPipeline {
  /** WebSocket close code after {@code session.terminate}. */
  public static final int NORMAL_CLOSURE = 1000;

  private final RateLimiter limiter;
  private final ServiceDispatcher dispatcher;
  private final TokenVerifier tokens;
  private final Envelopes envelopes;
  private final GatewaySeries series;
  private final Duration sessionLifetime;

  public RequestPipeline(
      RateLimiter limiter,
      ServiceDispatcher dispatcher,
      TokenVerifier tokens,
      Envelopes envelopes,
      GatewaySeries series,
      Duration sessionLifetime) {
    this.limiter = limiter;
    this.dispatcher = dispatcher;
    this.tokens = tokens;
    this.envelopes = envelopes;
    this.series = series;
    this.sessionLifetime = sessionLifetime;
  }

  public Future<Outcome> handle(LiveSession session, RequestEnvelope request, boolean viaChannel) {
    Action action = request.action();
    if (viaChannel && !action.allowedInsideChannel()) {
      return refuse(request, ProtocolError.withReason(ErrorCode.INVALID_REQUEST, "action_not_allowed_in_channel",
          "This action is not allowed inside the secure channel"));
    }
    if (!session.info().permissions().containsAll(action.requiredPermissions())) {
      return refuse(request, ProtocolError.withReason(ErrorCode.FORBIDDEN, "missing_permission",
          "The token does not grant this action"));
    }
    if (action.rateBucket().isEmpty()) {
      return execute(session, request, viaChannel, Optional.empty());
    }
    return limiter.acquire(session.info().clientId(), session.remoteAddress(), action.rateBucket().get())
        .compose(decision -> decision.allowed()
            ? execute(session, request, viaChannel, Optional.of(decision))
            : refuse(request, decision.refusal(now())))
        .otherwise(failure -> error(request, ServiceDispatcher.serverError()));
  }

  private Future<Outcome> execute(LiveSession session, RequestEnvelope request, boolean viaChannel, Optional<RateDecision> decision) {
    return switch (request.action()) {
      case SESSION_REFRESH -> refresh(session, request);
      case SESSION_TERMINATE -> terminate(session, request);
      default -> dispatch(session, request, viaChannel, decision);
    };
  }

  private Future<Outcome> dispatch(LiveSession session, RequestEnvelope request, boolean viaChannel, Optional<RateDecision> decision) {
    Action action = request.action();
    long started = System.nanoTime();
    ActionRequest outgoing = new ActionRequest(request.id(), action.wireName(), request.payload(), session.info(), viaChannel);
    return dispatcher.dispatch(action.address().orElseThrow(), outgoing)
        .map(reply -> {
          observe(session, request, reply, started);
          if (!reply.succeeded()) {
            return Outcome.of(envelopes.error(request.id(), action.wireName(), reply.error()));
          }
          // An encoded payload is written as its bytes, and the envelope only keeps its place: a reply from
          // another node is never parsed here.
          Optional<Buffer> encodedPayload = reply.encodedPayload();
          JsonObject payload = encodedPayload.isPresent() ? null : reply.payload();
          JsonObject envelope = withRateLimit(envelopes.response(request.id(), action.wireName(), payload), decision);
          return new Outcome(envelope, encodedPayload, reply.followingEvents(), OptionalInt.empty());
        });
  }

  /** Metrics and adaptive limiting from the reply of a dispatched action. */
  private void observe(LiveSession session, RequestEnvelope request, ActionReply reply, long startedNanos) {
    if (!reply.succeeded()) {
      if (isAuthenticationFailure(reply.error())) {
        limiter.recordFailure(session.info().clientId(), session.remoteAddress());
      }
      return;
    }
    PqcExchangeTimings exchanges = session.pqcExchanges();
    switch (request.action()) {
      case PQC_INITIATE -> {
        String keyId = reply.payload().getValue("key_id") instanceof String s ? s : null;
        String algorithm = reply.payload().getValue("algorithm") instanceof String s ? s : "unknown";
        if (keyId != null) {
          exchanges.started(keyId, algorithm, startedNanos);
        }
      }
      case PQC_CONFIRM -> {
        if (request.payload().getValue("key_id") instanceof String keyId) {
          exchanges.confirmed(keyId).ifPresent(started ->
              series.pqcExchangeCompleted(started.algorithm(), Duration.ofNanos(System.nanoTime() - started.startNanos())));
        }
      }
      default -> {
        String name = request.action().wireName();
        if (name.startsWith("fhe.")) {
          series.fheOperationCompleted(name.substring("fhe.".length()), Duration.ofNanos(System.nanoTime() - startedNanos));
        }
      }
    }
  }

  /** §7: wrong confirm hashes and tag failures count towards adaptive tightening. */
  static boolean isAuthenticationFailure(ProtocolError error) {
    String reason = error.details().getValue("reason") instanceof String s ? s : "";
    return (error.code() == ErrorCode.PQC_KEY_EXCHANGE_FAILED && reason.equals("hash_mismatch"))
        || (error.code() == ErrorCode.SECURE_CHANNEL_ERROR && reason.equals("auth_failed"));
  }

  private Future<Outcome> refresh(LiveSession session, RequestEnvelope request) {
    Object token = request.payload().getValue("auth_token");
    if (token == null) {
      return succeed(request, refreshed(session, Optional.empty()));
    }
    if (!(token instanceof String text)) {
      return refuse(request, ProtocolError.invalidField("payload.auth_token", "auth_token must be a string"));
    }
    return tokens.verify(Optional.of(text))
        .map(verified -> {
          if (!verified.allowsClient(session.info().clientId())) {
            return error(request, ProtocolError.withReason(ErrorCode.FORBIDDEN, "client_id_mismatch",
                "The token belongs to another client id"));
          }
          return response(request, refreshed(session, Optional.of(verified.expiresAt())));
        })
        .otherwise(failure -> {
          limiter.recordFailure(session.info().clientId(), session.remoteAddress());
          return error(request, ProtocolError.withReason(ErrorCode.UNAUTHORIZED, "invalid_token", "Token is invalid or expired"));
        });
  }

  private JsonObject refreshed(LiveSession session, Optional<Optional<Instant>> freshTokenExpiry) {
    Instant expiresAt = session.refresh(now(), sessionLifetime, freshTokenExpiry);
    return new JsonObject().put("session_id", session.info().sessionId()).put("expires_at", Timestamps.format(expiresAt));
  }

  private Future<Outcome> terminate(LiveSession session, RequestEnvelope request) {
    Object reason = request.payload().getValue("reason");
    if (reason != null && !(reason instanceof String)) {
      return refuse(request, ProtocolError.invalidField("payload.reason", "reason must be a string"));
    }
    JsonObject payload = new JsonObject().put("session_id", session.info().sessionId()).put("terminated", true);
    return Future.succeededFuture(
        new Outcome(envelopes.response(request.id(), request.action().wireName(), payload), Optional.empty(), List.of(),
            OptionalInt.of(NORMAL_CLOSURE)));
  }

  private JsonObject withRateLimit(JsonObject response, Optional<RateDecision> decision) {
    decision.filter(RateDecision::nearLimit).ifPresent(d -> response.put("rate_limit", d.toJson()));
    return response;
  }

  private Future<Outcome> succeed(RequestEnvelope request, JsonObject payload) {
    return Future.succeededFuture(response(request, payload));
  }

  private Outcome response(RequestEnvelope request, JsonObject payload) {
    return Outcome.of(envelopes.response(request.id(), request.action().wireName(), payload));
  }

  private Future<Outcome> refuse(RequestEnvelope request, ProtocolError error) {
    return Future.succeededFuture(error(request, error));
  }

  private Outcome error(RequestEnvelope request, ProtocolError error) {
    return Outcome.of(envelopes.error(request.id(), request.action().wireName(), error));
  }

  private Instant now() {
    return envelopes.clock().instant();
  }
}
