package io.pqcfhe.launcher;

import io.pqcfhe.client.cli.ClientCommands;
import io.pqcfhe.launcher.cli.UsageException;
import io.pqcfhe.launcher.config.InvalidSettingException;
import io.pqcfhe.launcher.serve.ServeCommand;
import io.pqcfhe.launcher.token.TokenCommand;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Entry point of the runnable jar: {@code serve} (the default), {@code token}, {@code demo} or {@code bench}. Exit codes: 0 done, 1 the
 * server could not start, 2 a usage error or an invalid setting (one line naming it, never a stack trace).
 */
public final class Main {
  static final String PROGRAM = "pqc-fhe";
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;
  /** Not an exit code: {@code serve} started the server, which runs until SIGTERM. */
  public static final int SERVING = -1;
  static final String NETTY_ALLOCATOR = "io.netty.allocator.type";

  private Main() {}

  public static void main(String[] args) {
    preferPooledBuffers();
    int code = run(List.of(args), System.getenv(), System.out, System.err);
    if (code != SERVING) {
      System.exit(code);
    }
  }

  /**
   * Netty's pooled buffer allocator, unless the operator chose one ({@code -Dio.netty.allocator.type}).
   * Netty 4.2 defaults to its adaptive allocator, which Vert.x then uses for every connection. An answer
   * with a ciphertext is hundreds of kilobytes that TLS and the WebSocket codec copy through buffers of
   * that size, and with the adaptive allocator the gateway path of {@code bench fhe --include-ciphertext}
   * took about 0.2 ms more per answer here (docs/architecture.md has the figures). Set before any Netty
   * class reads it.
   */
  static void preferPooledBuffers() {
    if (System.getProperty(NETTY_ALLOCATOR) == null) {
      System.setProperty(NETTY_ALLOCATOR, "pooled");
    }
  }

  /** Runs one command line and returns its exit code, or {@link #SERVING}. */
  static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
    boolean implicitServe = args.isEmpty() || args.get(0).startsWith("-") && !isHelp(args.get(0));
    if (!args.isEmpty() && isHelp(args.get(0))) {
      out.print(usage());
      return OK;
    }
    String command = implicitServe ? "serve" : args.get(0);
    List<String> rest = implicitServe ? args : args.subList(1, args.size());
    try {
      return switch (command) {
        case "serve" -> ServeCommand.run(rest, environment, out, err);
        case "token" -> TokenCommand.run(rest, environment, out, err);
        case "demo" -> ClientCommands.demo(rest.toArray(String[]::new));
        case "bench" -> ClientCommands.bench(rest.toArray(String[]::new));
        case "help" -> {
          out.print(usage());
          yield OK;
        }
        default -> throw new UsageException("unknown command " + command);
      };
    } catch (UsageException e) {
      err.println(PROGRAM + " " + command + ": " + e.getMessage());
      err.println("Try '" + PROGRAM + " " + command + " --help'.");
      return USAGE;
    } catch (InvalidSettingException e) {
      err.println(PROGRAM + ": " + e.getMessage());
      return USAGE;
    } catch (ServeCommand.StartFailedException e) {
      err.println(PROGRAM + ": " + e.getMessage());
      return FAILED;
    } catch (RuntimeException e) {
      // A bug or an environment failure (disk, entropy): one line, no stack trace that could carry state.
      err.println(PROGRAM + ": " + command + " failed: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      return FAILED;
    }
  }

  private static boolean isHelp(String arg) {
    return arg.equals("--help") || arg.equals("-h");
  }

  static String usage() {
    return String.join("\n",
        "Usage: java -jar pqc-fhe.jar [COMMAND] [options]",
        "",
        "Commands:",
        "  serve   run the server, every role in this JVM (the default command)",
        "  token   print a client JWT signed with the configured or the dev secret",
        "  demo    run the reference client flow against a server (handshake, secure channel, FHE)",
        "  bench   load generator: bench handshake | secure-echo (see bench --help)",
        "  help    this text",
        "",
        "'java -jar pqc-fhe.jar COMMAND --help' describes a command's options.",
        "");
  }
}
