package io.pqcfhe.client.cli;

import io.pqcfhe.client.ClientListener;
import io.pqcfhe.client.PqcFheClient;
import io.pqcfhe.client.PqcFheException;
import io.pqcfhe.protocol.ErrorCode;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a {@link Workload} on N connections, each on its own thread, back to back for a warm-up and then
 * the measured duration, then stops by itself. Only operations that start after the warm-up are measured
 * (the JIT compiles the crypto during the first seconds); connection set-ups are measured apart.
 *
 * <p>The server limits pqc.initiate and secure.send per client id and minute (PROTOCOL.md §7). With minted
 * tokens, a connection that has used its client id's budget closes and reconnects under a fresh client id,
 * so the run measures the server's speed rather than its rate limits. With one fixed token every
 * connection shares one client id: refusals for the rate limit are counted apart from errors and waited out.
 */
final class BenchRun {
  /** One kind of operation to measure on a connection. */
  interface Workload {
    /** Makes a freshly connected client ready (e.g. establishes the channel); not measured. */
    void prepare(PqcFheClient client) throws Exception;

    /** One measured operation. */
    void once(PqcFheClient client) throws Exception;

    /** How many operations one client id may do within a minute, given its session's limits. */
    int budgetPerClientId(PqcFheClient client);

    void release(PqcFheClient client);
  }

  private static final Duration GRACE = Duration.ofSeconds(45);

  private final Vertx vertx;
  private final ConnectionSettings settings;
  private final String clientIdPrefix;
  private final int connections;
  private final Duration warmup;
  private final Duration duration;
  private final Workload workload;
  private final LatencyRecorder latencies = new LatencyRecorder();
  private final LatencyRecorder connectLatencies = new LatencyRecorder();
  private final AtomicLong rateLimited = new AtomicLong();
  private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
  private final AtomicLong idCounter = new AtomicLong();

  BenchRun(
      Vertx vertx,
      ConnectionSettings settings,
      String clientIdPrefix,
      int connections,
      Duration warmup,
      Duration duration,
      Workload workload) {
    this.vertx = vertx;
    this.settings = settings;
    this.clientIdPrefix = clientIdPrefix;
    this.connections = connections;
    this.warmup = warmup;
    this.duration = duration;
    this.workload = workload;
  }

  /**
   * @param seconds the measured window: from the end of the warm-up to the last measured operation's end
   * @param connect latency of a connection set-up (TLS, upgrade, session.created, workload preparation)
   */
  record Result(
      LatencyRecorder.Summary latency,
      double seconds,
      LatencyRecorder.Summary connect,
      long rateLimited,
      Map<String, Long> errors) {
    long errorCount() {
      return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    double perSecond() {
      return latency.count() / seconds;
    }
  }

  Result run() throws InterruptedException {
    long measureFrom = System.nanoTime() + warmup.toNanos();
    long deadline = measureFrom + duration.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      Thread t = new Thread(() -> work(measureFrom, deadline), "bench-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    long hardStop = deadline + GRACE.toNanos();
    for (Thread t : threads) {
      t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(hardStop - System.nanoTime())));
      if (t.isAlive()) {
        error("WORKER_STUCK");
      }
    }
    // Operations in flight at the deadline finish and count: the window ends when the last one did.
    double seconds = (Math.min(System.nanoTime(), hardStop) - measureFrom) / 1e9;
    Map<String, Long> errorCounts = new TreeMap<>();
    errors.forEach((code, n) -> errorCounts.put(code, n.get()));
    return new Result(latencies.summary(), seconds, connectLatencies.summary(), rateLimited.get(), errorCounts);
  }

  private void work(long measureFrom, long deadline) {
    PqcFheClient client = null;
    int used = 0;
    int budget = 0;
    while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
      try {
        if (client == null || !client.isOpen() || (settings.tokensPerClientId() && used >= budget)) {
          if (client != null) {
            closeQuietly(client);
          }
          client = null;
          String clientId = clientIdPrefix + idCounter.incrementAndGet();
          long connectStart = System.nanoTime();
          PqcFheClient fresh = PqcFheClient.connect(vertx, settings.options(clientId)).await(30, TimeUnit.SECONDS);
          fresh.addListener(new ClientListener() {
            @Override
            public void onProblem(PqcFheException problem) {
              error(problem.code() + problem.reason().map(r -> "/" + r).orElse(""));
            }
          });
          try {
            workload.prepare(fresh);
          } catch (Exception e) {
            closeQuietly(fresh);
            throw e;
          }
          client = fresh;
          if (connectStart >= measureFrom) {
            connectLatencies.record(System.nanoTime() - connectStart);
          }
          used = 0;
          budget = workload.budgetPerClientId(client);
        }
        long t0 = System.nanoTime();
        workload.once(client);
        if (t0 >= measureFrom) {
          latencies.record(System.nanoTime() - t0);
        }
        used++;
      } catch (PqcFheException e) {
        if (e.is(ErrorCode.RATE_LIMIT_EXCEEDED)) {
          rateLimited.incrementAndGet();
          pause(deadline, e.details().getLong("retry_after_ms", 1000L));
          used = Integer.MAX_VALUE; // with minted tokens: move on to a fresh client id
        } else {
          error(e.code() + e.reason().map(r -> "/" + r).orElse(""));
          pause(deadline, 100); // errors are counted, not retried in a hot loop
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (Exception e) {
        error(e.getClass().getSimpleName());
        pause(deadline, 100); // errors are counted, not retried in a hot loop
      }
    }
    if (client != null) {
      closeQuietly(client);
    }
  }

  private void closeQuietly(PqcFheClient client) {
    workload.release(client);
    try {
      client.close().await(5, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // closing is best effort; the server ends the session either way
    }
  }

  private void error(String code) {
    errors.computeIfAbsent(code, c -> new AtomicLong()).incrementAndGet();
  }

  private static void pause(long deadline, long millis) {
    long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    try {
      Thread.sleep(Math.max(1, Math.min(millis, remaining)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code unit} names what was counted; {@code note} says what one of them is. */
  static void print(PrintStream out, String unit, String note, Result r) {
    out.printf("  %-14s %d (%.1f/s over %.1f s; %s)%n", unit, r.latency().count(), r.perSecond(), r.seconds(), note);
    out.printf("  %-14s %s%n", "latency", r.latency().describe());
    out.printf("  %-14s %d set up while measuring, %s%n", "connections", r.connect().count(), r.connect().describe());
    out.printf("  %-14s %d%n", "rate-limited", r.rateLimited());
    out.printf("  %-14s %d%s%n", "errors", r.errorCount(), r.errors().isEmpty() ? "" : " " + r.errors());
  }
}
