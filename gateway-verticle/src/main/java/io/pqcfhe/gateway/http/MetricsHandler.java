package io.pqcfhe.gateway.http;

import io.pqcfhe.gateway.wire.Envelopes;
import io.pqcfhe.protocol.ErrorCode;
import io.pqcfhe.protocol.ProtocolError;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** {@code GET /metrics}: the Prometheus scrape, behind an optional bearer token compared in constant time. */
public final class MetricsHandler implements Handler<RoutingContext> {
  private final Optional<byte[]> expectedAuthorization;
  private final Handler<RoutingContext> scrape;
  private final Envelopes envelopes;

  public MetricsHandler(Optional<String> bearerToken, Handler<RoutingContext> scrape, Envelopes envelopes) {
    this.expectedAuthorization = bearerToken.map(t -> ("Bearer " + t).getBytes(StandardCharsets.UTF_8));
    this.scrape = scrape;
    this.envelopes = envelopes;
  }

  @Override
  public void handle(RoutingContext context) {
    if (expectedAuthorization.isPresent()) {
      String presented = context.request().getHeader("Authorization");
      byte[] actual = presented == null ? new byte[0] : presented.getBytes(StandardCharsets.UTF_8);
      if (!MessageDigest.isEqual(expectedAuthorization.get(), actual)) {
        context.response().putHeader("WWW-Authenticate", "Bearer");
        JsonReplies.error(context.response(), 401, envelopes,
            ProtocolError.withReason(ErrorCode.UNAUTHORIZED, "invalid_token", "A valid metrics bearer token is required"));
        return;
      }
    }
    scrape.handle(context);
  }
}
