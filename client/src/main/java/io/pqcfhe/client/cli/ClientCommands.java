package io.pqcfhe.client.cli;

import io.pqcfhe.client.PqcFheException;
import io.pqcfhe.client.fhe.KeyMode;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The client's command-line entry points, called by the launcher's {@code demo} and {@code bench}
 * subcommands. Each returns an exit code: 0 success, 1 the run failed (or, for bench, saw errors), 2 the
 * command line is wrong.
 */
public final class ClientCommands {
  private ClientCommands() {}

  static final String DEMO_USAGE =
      "usage: demo [--client-id ID] [options]\n"
          + "Runs the reference client flow: session, PQC channel, secure echo, a request inside the channel,\n"
          + "FHE when the server offers it, terminate.\n"
          + "  --client-id ID            client id (default demo-client)\n"
          + ConnectionSettings.USAGE
          + "\n";

  static final String BENCH_USAGE =
      "usage: bench handshake|secure-echo|fhe --connections N --duration SECONDS [options]\n"
          + "  handshake     full key exchanges back to back on each connection (initiate + confirm)\n"
          + "  secure-echo   secure.send round trips (sealed, echoed, opened) on each connection\n"
          + "  fhe           fhe.compute back to back on each connection's context (N=8192 [60,40,40,60], 2^40),\n"
          + "                then the same operation on the engine in this JVM (1 and N threads), and the ratio\n"
          + "  --connections N           parallel connections (1-1000, default 4)\n"
          + "  --duration SECONDS        how long to measure (1-3600, default 10)\n"
          + "  --warmup SECONDS          unmeasured run first, while the JIT compiles (0-600, default 3)\n"
          + "  --payload-bytes N         secure-echo message size (8-65536, default 256)\n"
          + "  --client-id-prefix P      client ids are P1, P2, ... (default bench-<random>-)\n"
          + "  --operation OP            fhe: multiply (default), rotate or polynomial (a * b + 0.5 * a)\n"
          + "  --include-ciphertext      fhe: the server returns the result ciphertext (default: only its id)\n"
          + "  --key-mode server|client  fhe: who holds the secret key (default server)\n"
          + ConnectionSettings.USAGE
          + "\n"
          + "The server limits pqc.initiate (5/min) and secure.send (1000/min) per client id. With\n"
          + "--jwt-secret-file each connection mints tokens for fresh client ids as it uses up their budget;\n"
          + "with one --token, every connection shares one client id and the rate limit bounds the result.\n"
          + "fhe: the server allows 2 fhe.setup and 50 fhe.compute per client id and minute, so a connection\n"
          + "changes client id (and sets up a new context) every 47 operations. To measure the compute path,\n"
          + "start the server with raised limits: --set rate_limits.fhe.compute=1000000 --set rate_limits.fhe.setup=1000\n";

  public static int demo(String[] args) {
    return demo(args, System.getenv(), System.out, System.err);
  }

  public static int bench(String[] args) {
    return bench(args, System.getenv(), System.out, System.err);
  }

  static int demo(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
    ConnectionSettings settings;
    String clientId;
    try {
      Set<String> values = new HashSet<>(ConnectionSettings.VALUE_OPTIONS);
      values.add("--client-id");
      Set<String> flags = new HashSet<>(ConnectionSettings.FLAG_OPTIONS);
      flags.add("--help");
      CliArgs parsed = CliArgs.parse(args, values, flags);
      if (parsed.flag("--help")) {
        out.print(DEMO_USAGE);
        return 0;
      }
      if (!parsed.positional().isEmpty()) {
        throw new UsageException("unexpected argument " + parsed.positional().get(0));
      }
      clientId = parsed.value("--client-id").orElse("demo-client");
      settings = ConnectionSettings.from(parsed, environment);
      settings.options(clientId); // checks the client id and the pin now, as a usage error
    } catch (UsageException e) {
      err.println("demo: " + e.getMessage());
      err.print(DEMO_USAGE);
      return 2;
    }
    if (settings.insecure()) {
      err.println(ConnectionSettings.INSECURE_WARNING);
    }
    Vertx vertx = CliVertx.create();
    try {
      new DemoFlow(vertx, settings, clientId, out).run();
      out.println("demo complete");
      return 0;
    } catch (PqcFheException e) {
      err.println("demo failed: " + e.getMessage() + e.reason().map(r -> " (reason " + r + ")").orElse(""));
      return 1;
    } catch (Exception e) {
      err.println("demo failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      return 1;
    } finally {
      closeQuietly(vertx);
    }
  }

  static int bench(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
    ConnectionSettings settings;
    String kind;
    int connections;
    int seconds;
    int warmup;
    int payloadBytes;
    String prefix;
    FheOperation operation;
    boolean includeCiphertext;
    KeyMode keyMode;
    try {
      Set<String> values = new HashSet<>(ConnectionSettings.VALUE_OPTIONS);
      values.addAll(Set.of("--connections", "--duration", "--warmup", "--payload-bytes", "--client-id-prefix", "--operation", "--key-mode"));
      Set<String> flags = new HashSet<>(ConnectionSettings.FLAG_OPTIONS);
      flags.add("--help");
      flags.add("--include-ciphertext");
      CliArgs parsed = CliArgs.parse(args, values, flags);
      if (parsed.flag("--help")) {
        out.print(BENCH_USAGE);
        return 0;
      }
      if (parsed.positional().size() != 1) {
        throw new UsageException("name one benchmark: handshake, secure-echo or fhe");
      }
      kind = parsed.positional().get(0);
      if (!kind.equals("handshake") && !kind.equals("secure-echo") && !kind.equals("fhe")) {
        throw new UsageException("unknown benchmark " + kind + " (handshake, secure-echo or fhe)");
      }
      operation = FheOperation.of(parsed.value("--operation").orElse("multiply"));
      includeCiphertext = parsed.flag("--include-ciphertext");
      String mode = parsed.value("--key-mode").orElse("server");
      if (!mode.equals("server") && !mode.equals("client")) {
        throw new UsageException("--key-mode must be server or client");
      }
      keyMode = KeyMode.ofWireName(mode);
      connections = parsed.intValue("--connections", 4, 1, 1000);
      seconds = parsed.intValue("--duration", 10, 1, 3600);
      warmup = parsed.intValue("--warmup", 3, 0, 600);
      payloadBytes = parsed.intValue("--payload-bytes", 256, 8, 65536);
      prefix = parsed.value("--client-id-prefix").orElseGet(ClientCommands::randomPrefix);
      settings = ConnectionSettings.from(parsed, environment);
      settings.options(prefix + "1"); // checks the prefix and the pin now, as a usage error
    } catch (UsageException e) {
      err.println("bench: " + e.getMessage());
      err.print(BENCH_USAGE);
      return 2;
    }
    if (settings.insecure()) {
      err.println(ConnectionSettings.INSECURE_WARNING);
    }
    if (!settings.tokensPerClientId()) {
      err.println("note: one fixed token = one client id for every connection; the server's per-client-id rate"
          + " limits bound this run (use --jwt-secret-file to measure the server instead)");
    }
    if (kind.equals("fhe")) {
      return FheBench.run(settings, prefix, connections, Duration.ofSeconds(warmup), Duration.ofSeconds(seconds), operation,
          includeCiphertext, keyMode, out);
    }
    BenchRun.Workload workload =
        kind.equals("handshake")
            ? new HandshakeWorkload(settings.handshake())
            : new SecureEchoWorkload(settings.handshake(), payloadBytes);
    String algorithm = settings.handshake().algorithm().wireName() + (settings.handshake().hybrid() ? " + X25519" : "");
    out.printf("bench %s: %s, %d connections, %d s (after %d s warm-up), protocol %s%s%n", kind, algorithm, connections, seconds, warmup,
        settings.protocolVersion().wireName(), kind.equals("secure-echo") ? ", " + payloadBytes + "-byte messages" : "");
    Vertx vertx = CliVertx.create();
    try {
      BenchRun.Result result =
          new BenchRun(vertx, settings, prefix, connections, Duration.ofSeconds(warmup), Duration.ofSeconds(seconds), workload)
              .run();
      if (kind.equals("handshake")) {
        BenchRun.print(out, "handshakes", "each pqc.initiate + signature check + pqc.confirm", result);
      } else {
        BenchRun.print(out, "messages", "each sealed, sent, echoed, opened and compared", result);
      }
      return result.errorCount() == 0 && result.latency().count() > 0 ? 0 : 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } finally {
      closeQuietly(vertx);
    }
  }

  /** Distinct per run, so that two runs never share client ids (and their rate-limit windows). */
  private static String randomPrefix() {
    byte[] bits = new byte[3];
    new SecureRandom().nextBytes(bits);
    return "bench-" + HexFormat.of().formatHex(bits) + "-";
  }

  static void closeQuietly(Vertx vertx) {
    try {
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // the process is about to end
    }
  }
}
