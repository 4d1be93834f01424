package io.pqcfhe.launcher.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One cluster node in its own JVM: {@code java -cp <the test class path> io.pqcfhe.launcher.Main serve ...}
 * (tests run before the jar is packaged), its output in files, stopped with {@link #kill()} (SIGKILL, as a
 * crash) or {@link #stop()} (SIGTERM).
 */
final class NodeProcess implements AutoCloseable {
  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private NodeProcess(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** Starts {@code serve} with these arguments and waits for its start banner. */
  static NodeProcess serve(Path logs, String name, List<String> serveArguments) throws Exception {
    Files.createDirectories(logs);
    Path out = logs.resolve(name + ".out");
    Path err = logs.resolve(name + ".err");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // Every member holds a share of the FHE state maps (a default N = 8192 context with its Galois keys is
        // tens of MiB, kept twice), a worker also its caches, and a failover moves partitions and loads the
        // lost worker's contexts at once: 512 MiB ran out during the kill test.
        "-Xmx1g",
        "-cp", System.getProperty("java.class.path"),
        "io.pqcfhe.launcher.Main", "serve"));
    command.addAll(serveArguments);
    Process process = new ProcessBuilder(command)
        .redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .start();
    NodeProcess node = new NodeProcess(process, out, err);
    node.awaitOutput("started", 90);
    return node;
  }

  /** Waits until stdout contains {@code text}; fails with the node's output when it exits or times out. */
  void awaitOutput(String text, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (output().contains(text)) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("node exited with " + process.exitValue() + ":\n" + output() + tail(stderr));
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("no '" + text + "' within " + seconds + " s:\n" + output() + tail(stderr));
  }

  String output() throws IOException {
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  /** The first group of {@code regex} in the start banner. */
  String find(String regex) throws IOException {
    Matcher matcher = Pattern.compile(regex).matcher(output());
    if (!matcher.find()) {
      throw new IllegalStateException(regex + " not in:\n" + output());
    }
    return matcher.group(1);
  }

  /** SIGKILL: the node dies at once, as in a crash (no leave message to the cluster). */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(20, TimeUnit.SECONDS);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }

  private static String tail(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    return "\n--- stderr (last lines) ---\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }
}
