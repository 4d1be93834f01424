package io.pqcfhe.client.cli;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/** The Vert.x instance of a client command. */
final class CliVertx {
  private CliVertx() {}

  /**
   * Prefers the native epoll transport, which the runnable jar ships for linux-x86_64: each wake-up
   * of an event loop costs less than with NIO's selector. Elsewhere Vert.x falls back to NIO.
   */
  static Vertx create() {
    return Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
  }
}
