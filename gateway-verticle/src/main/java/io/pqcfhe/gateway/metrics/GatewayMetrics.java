package io.pqcfhe.gateway.metrics;

import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;

/**
 * Micrometer set-up for the whole Vert.x instance: a Prometheus registry that carries the JVM and Vert.x
 * series and the gateway's own. The launcher creates Vert.x with
 * {@link #vertxOptions(VertxOptions)}; the gateway finds the registry by {@link #REGISTRY_NAME}.
 */
public final class GatewayMetrics {
  private GatewayMetrics() {}

  /** Name under which vertx-micrometer-metrics registers the Prometheus registry. */
  public static final String REGISTRY_NAME = "pqcfhe";

  /** {@code options} with Micrometer metrics (Prometheus backend, JVM series) enabled; returns {@code options}. */
  public static VertxOptions vertxOptions(VertxOptions options) {
    // Vert.x's "publish quantiles" would turn every timer into a bucketed histogram, and the Prometheus
    // registry then drops the 0.5/0.95/0.99 quantiles the reference's series carry; it stays off.
    return options.setMetricsOptions(
        new MicrometerMetricsOptions()
            .setEnabled(true)
            .setRegistryName(REGISTRY_NAME)
            .setJvmMetricsEnabled(true)
            .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
  }
}
