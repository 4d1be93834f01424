package io.pqcfhe.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reference's Prometheus series, recorded by the gateway:
 * <ul>
 *   <li>{@code pqc_fhe_ws_connections_total{status="active"|"closed"}}: open WebSockets now, and WebSockets
 *       closed since start (both gauges, under the one name the reference gives them);
 *   <li>{@code pqc_fhe_ws_pqc_exchanges_total{algorithm}} and {@code pqc_fhe_ws_pqc_exchange_duration_seconds}:
 *       completed key exchanges, timed from the {@code pqc.initiate} request to the successful
 *       {@code pqc.confirm} reply, as the gateway dispatched them;
 *   <li>{@code pqc_fhe_ws_fhe_operations_total{operation}} and
 *       {@code pqc_fhe_ws_fhe_operation_duration_seconds{operation}}: successful {@code fhe.*} actions
 *       ({@code operation} is the action without {@code fhe.}), timed over the dispatch round trip.
 * </ul>
 * Durations are summaries with the 0.5/0.95/0.99 quantiles, as in the reference (computed per gateway;
 * they do not aggregate across gateways).
 */
public final class GatewaySeries {
  private final MeterRegistry registry;
  private final AtomicInteger activeConnections = new AtomicInteger();
  private final AtomicLong closedConnections = new AtomicLong();

  public GatewaySeries(MeterRegistry registry) {
    this.registry = registry;
    // Prometheus reserves the _total suffix for counters, so the reference's name needs a counter type,
    // even for status="active", which goes down as connections close. The gauge below is the one to alert on.
    FunctionCounter.builder("pqc_fhe_ws_connections", activeConnections, AtomicInteger::get)
        .tag("status", "active")
        .description("WebSocket connections: open now (active), closed since start (closed)")
        .register(registry);
    FunctionCounter.builder("pqc_fhe_ws_connections", closedConnections, AtomicLong::get)
        .tag("status", "closed")
        .description("WebSocket connections: open now (active), closed since start (closed)")
        .register(registry);
    Gauge.builder("pqc_fhe_ws_connections_active", activeConnections, AtomicInteger::get)
        .description("WebSocket connections open now")
        .register(registry);
  }

  public void connectionOpened() {
    activeConnections.incrementAndGet();
  }

  public void connectionClosed() {
    activeConnections.decrementAndGet();
    closedConnections.incrementAndGet();
  }

  public void pqcExchangeCompleted(String algorithm, Duration duration) {
    Counter.builder("pqc_fhe_ws_pqc_exchanges")
        .tag("algorithm", algorithm)
        .description("Completed PQC key exchanges (initiate through confirm)")
        .register(registry)
        .increment();
    timer("pqc_fhe_ws_pqc_exchange_duration", "PQC key exchange duration, initiate request to confirm reply")
        .register(registry)
        .record(duration);
  }

  public void fheOperationCompleted(String operation, Duration duration) {
    Counter.builder("pqc_fhe_ws_fhe_operations")
        .tag("operation", operation)
        .description("Successful FHE operations")
        .register(registry)
        .increment();
    timer("pqc_fhe_ws_fhe_operation_duration", "FHE operation round trip through the gateway")
        .tag("operation", operation)
        .register(registry)
        .record(duration);
  }

  private static Timer.Builder timer(String name, String description) {
    return Timer.builder(name)
        .description(description)
        .publishPercentiles(0.5, 0.95, 0.99);
  }
}
