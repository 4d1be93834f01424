package io.pqcfhe.ckks.seal;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Drives interop/seal/seal-tool.mjs (node-seal 6.0.3, i.e. Microsoft SEAL 4.1.2 in WebAssembly):
 * the independent reference the SEAL codec and engine are checked against. One Node process per
 * instance; requests are answered in order. Fails loudly when the Node packages are not installed.
 */
public final class NodeSeal implements AutoCloseable {

  private final Process process;
  private final BufferedWriter in;
  private final BufferedReader out;
  private final String n;
  private final String bits;

  private NodeSeal(Process process, int n, int... bits) {
    this.process = process;
    this.in =
        new BufferedWriter(
            new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    this.out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.n = Integer.toString(n);
    StringBuilder b = new StringBuilder();
    for (int bit : bits) {
      b.append(b.isEmpty() ? "" : ",").append(bit);
    }
    this.bits = b.toString();
  }

  /** Starts node-seal for CKKS with degree {@code n} and SEAL's primes of the given bit sizes. */
  public static NodeSeal start(int n, int... bits) {
    String root = System.getProperty("project.rootdir");
    if (root == null) {
      throw new IllegalStateException(
          "system property project.rootdir is not set (run through Maven)");
    }
    Path interop = Path.of(root, "interop");
    if (!Files.isDirectory(interop.resolve("node_modules/node-seal"))) {
      throw new IllegalStateException(
          "node-seal is not installed: run `npm ci --prefix interop` in " + root);
    }
    try {
      Process p =
          new ProcessBuilder("node", interop.resolve("seal/seal-tool.mjs").toString())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      return new NodeSeal(p, n, bits);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start node (is Node 20 on the PATH?)", e);
    }
  }

  /** Sends one request; returns the answer's fields or throws with node-seal's error message. */
  public synchronized Map<String, String> call(String op, String... keyValues) {
    StringBuilder line =
        new StringBuilder(op).append(" n=").append(n).append(" bits=").append(bits);
    for (int i = 0; i < keyValues.length; i += 2) {
      line.append(' ').append(keyValues[i]).append('=').append(keyValues[i + 1]);
    }
    try {
      in.write(line.append('\n').toString());
      in.flush();
      String answer = out.readLine();
      if (answer == null) {
        throw new IllegalStateException("seal-tool exited");
      }
      if (!answer.startsWith("ok")) {
        throw new NodeSealException(answer.startsWith("err ") ? answer.substring(4) : answer);
      }
      Map<String, String> fields = new LinkedHashMap<>();
      for (String pair : answer.substring(2).trim().split(" ")) {
        if (!pair.isEmpty()) {
          int eq = pair.indexOf('=');
          fields.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
      }
      return fields;
    } catch (IOException e) {
      throw new IllegalStateException("seal-tool I/O failed", e);
    }
  }

  public static byte[] bytes(String base64) {
    return Base64.getDecoder().decode(base64);
  }

  public static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** SEAL's primes for this parameter set, key level (all of them) in order. */
  public long[] moduli() {
    String[] parts = call("params").get("moduli").split(",");
    long[] q = new long[parts.length];
    for (int i = 0; i < q.length; i++) {
      q[i] = Long.parseLong(parts[i]);
    }
    return q;
  }

  @Override
  public void close() {
    try {
      in.close();
      process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      process.destroy();
    }
  }

  /** node-seal refused a request (for instance, SEAL could not load an object). */
  public static final class NodeSealException extends RuntimeException {
    NodeSealException(String message) {
      super(message);
    }
  }
}
