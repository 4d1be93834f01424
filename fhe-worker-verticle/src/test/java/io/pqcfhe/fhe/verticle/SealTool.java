package io.pqcfhe.fhe.verticle;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A client holding its keys in Microsoft SEAL 4.1 (node-seal 6.0.3 through interop/seal/seal-tool.mjs): the
 * independent party of the client-key-mode tests. Fails loudly when the Node packages are missing.
 */
final class SealTool implements AutoCloseable {
  private final Process process;
  private final BufferedWriter in;
  private final BufferedReader out;
  private final String parameters;

  private SealTool(Process process, String parameters) {
    this.process = process;
    this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.parameters = parameters;
  }

  /** node-seal for CKKS with degree {@code n} and SEAL's primes of the given bit sizes ("60,40,40,60"). */
  static SealTool start(int n, String bits) throws IOException {
    String root = System.getProperty("project.rootdir");
    if (root == null) {
      throw new IllegalStateException("system property project.rootdir is not set (run the tests through Maven)");
    }
    Path interop = Path.of(root, "interop");
    if (!Files.isDirectory(interop.resolve("node_modules/node-seal"))) {
      throw new IllegalStateException("node-seal is not installed: run `npm ci --prefix interop` in " + root);
    }
    Process p =
        new ProcessBuilder("node", interop.resolve("seal/seal-tool.mjs").toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    return new SealTool(p, "n=" + n + " bits=" + bits);
  }

  /** One request; the answer's fields, or an exception with SEAL's message. */
  synchronized Map<String, String> call(String op, String... keyValues) throws IOException {
    StringBuilder line = new StringBuilder(op).append(' ').append(parameters);
    for (int i = 0; i < keyValues.length; i += 2) {
      line.append(' ').append(keyValues[i]).append('=').append(keyValues[i + 1]);
    }
    in.write(line.append('\n').toString());
    in.flush();
    String answer = out.readLine();
    if (answer == null) {
      throw new IllegalStateException("seal-tool exited");
    }
    if (!answer.startsWith("ok")) {
      throw new IllegalStateException("node-seal refused: " + answer);
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : answer.substring(2).trim().split(" ")) {
      if (!pair.isEmpty()) {
        int eq = pair.indexOf('=');
        fields.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return fields;
  }

  static double[] doubles(String commaSeparated) {
    String[] parts = commaSeparated.split(",");
    double[] values = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      values[i] = Double.parseDouble(parts[i]);
    }
    return values;
  }

  static String list(double[] values) {
    StringBuilder b = new StringBuilder();
    for (double v : values) {
      b.append(b.isEmpty() ? "" : ",").append(v);
    }
    return b.toString();
  }

  @Override
  public void close() throws Exception {
    in.close();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroy();
    }
  }
}
