package io.pqcfhe.client.fhe;

import io.pqcfhe.client.PqcFheClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** How an {@link FheSession}'s requests travel: as plain requests, or inside the secure channel. */
@FunctionalInterface
public interface FheTransport {
  Future<JsonObject> send(String action, JsonObject payload);

  /** Plain requests over the TLS connection. */
  static FheTransport direct(PqcFheClient client) {
    return client::request;
  }

  /** Requests and answers encrypted in the PQC channel (the channel must be established). */
  static FheTransport secure(PqcFheClient client) {
    return client::requestSecure;
  }
}
