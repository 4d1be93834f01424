package io.pqcfhe.client.cli;

import io.pqcfhe.client.fhe.ClientKeys;
import io.pqcfhe.client.fhe.FheParameters;
import io.pqcfhe.client.fhe.KeyMode;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code bench fhe}: {@code fhe.compute} through the gateway on N connections, then the same operation on
 * the engine in this JVM with one thread and with N threads, and how much the gateway path costs on top.
 * The engine runs after the gateway run, so the two never compete for the processors.
 */
final class FheBench {
  private FheBench() {}

  static int run(
      ConnectionSettings settings,
      String prefix,
      int connections,
      Duration warmup,
      Duration duration,
      FheOperation operation,
      boolean includeCiphertext,
      KeyMode keyMode,
      PrintStream out) {
    FheParameters parameters = FheParameters.reference();
    SecureRandom random = new SecureRandom();
    out.printf("bench fhe: %s, N=%d %s scale 2^40, %s-held keys, result ciphertext %s, %d connections, %d s (after %d s warm-up)%n",
        operation.wireName(), parameters.polyModulusDegree(), parameters.coeffModulusBits(), keyMode.wireName(),
        includeCiphertext ? "returned" : "not returned", connections, duration.toSeconds(), warmup.toSeconds());
    Vertx vertx = CliVertx.create();
    Optional<ClientKeys> keys = keyMode == KeyMode.CLIENT
        ? Optional.of(ClientKeys.generate(parameters, new int[] {1}, random))
        : Optional.empty();
    try {
      FheWorkload workload = new FheWorkload(parameters, operation, includeCiphertext, keys);
      BenchRun.Result gateway = new BenchRun(vertx, settings, prefix, connections, warmup, duration, workload).run();
      out.println(" gateway (wss, fhe.compute):");
      BenchRun.print(out, "operations", "each one fhe.compute answered", gateway);
      if (gateway.connect().count() > 0) {
        out.println("  note: connections were set up while measuring: the fhe.compute budget of a client id ran out."
            + " Raise it on the server: --set rate_limits.fhe.compute=1000000 --set rate_limits.fhe.setup=1000");
      }

      EngineBaseline engine = new EngineBaseline(parameters, operation, random);
      Duration engineDuration = duration.compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : duration;
      Duration engineWarmup = warmup.compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2) : warmup;
      BenchRun.Result single = engine.run(1, engineWarmup, engineDuration);
      out.println(" engine in this JVM, 1 thread:");
      printEngine(out, single);
      BenchRun.Result parallel = single;
      if (connections > 1) {
        parallel = engine.run(connections, engineWarmup, engineDuration);
        out.printf(" engine in this JVM, %d threads:%n", connections);
        printEngine(out, parallel);
      }
      if (gateway.latency().count() > 0 && parallel.latency().count() > 0) {
        // Like for like: N connections against N engine threads, which queue for the same processors.
        out.printf(" gateway path over the engine (%d connections against %d engine threads):%n", connections, connections);
        out.printf("  %-14s %+.1f%% (gateway p50 %.2f ms over engine p50 %.2f ms)%n", "latency",
            percentOver(gateway.latency().p50Millis(), parallel.latency().p50Millis()), gateway.latency().p50Millis(),
            parallel.latency().p50Millis());
        out.printf("  %-14s %+.1f%% (engine %.1f/s over gateway %.1f/s)%n", "throughput",
            percentOver(parallel.perSecond(), gateway.perSecond()), parallel.perSecond(), gateway.perSecond());
      }
      return gateway.errorCount() == 0 && gateway.latency().count() > 0 ? 0 : 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } finally {
      keys.ifPresent(ClientKeys::close);
      ClientCommands.closeQuietly(vertx);
    }
  }

  private static void printEngine(PrintStream out, BenchRun.Result r) {
    out.printf("  %-14s %d (%.1f/s over %.1f s)%n", "operations", r.latency().count(), r.perSecond(), r.seconds());
    out.printf("  %-14s %s%n", "latency", r.latency().describe());
  }

  private static double percentOver(double value, double base) {
    return (value / base - 1) * 100;
  }
}
