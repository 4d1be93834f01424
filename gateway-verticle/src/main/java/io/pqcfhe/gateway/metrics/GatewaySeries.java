package io.pqcfhe.gateway.metrics;

import io.micrometer.core.instrument.Counter;
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
 * Timers publish the 0.5/0.95/0.99 quantiles and a histogram.
 */
public final class GatewaySeries {
  private final MeterRegistry registry;
  private final AtomicInteger activeConnections = new AtomicInteger();
  private final AtomicLong closedConnections = new AtomicLong();

  public GatewaySeries(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("pqc_fhe_ws_connections_total", activeConnections, AtomicInteger::get)
        .tag("status", "active")
        .description("WebSocket connections, open now (active) and closed since start (closed)")
        .register(registry);
    Gauge.builder("pqc_fhe_ws_connections_total", closedConnections, AtomicLong::get)
        .tag("status", "closed")
        .description("WebSocket connections, open now (active) and closed since start (closed)")
        .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
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
        .publishPercentiles(0.5, 0.95, 0.99)
        .publishPercentileHistogram();
  }
}
