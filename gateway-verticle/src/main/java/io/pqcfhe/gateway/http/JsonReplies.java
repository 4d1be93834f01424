package io.pqcfhe.gateway.http;

import io.pqcfhe.gateway.wire.Envelopes;
import io.pqcfhe.protocol.ProtocolError;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** HTTP answers of the gateway: JSON bodies, errors in the §8 shape. */
final class JsonReplies {
  private JsonReplies() {}

  static void json(HttpServerResponse response, int status, JsonObject body) {
    if (response.ended()) {
      return;
    }
    response.setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Content-Type-Options", "nosniff")
        // The endpoint only speaks TLS: browsers may remember that for a year.
        .putHeader("Strict-Transport-Security", "max-age=31536000")
        .end(body.encode());
  }

  static void error(HttpServerResponse response, int status, Envelopes envelopes, ProtocolError error) {
    json(response, status, envelopes.error(null, null, error));
  }
}
