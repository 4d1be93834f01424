package io.pqcfhe.bench.ckks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link CkksBenchmark} (JMH, single thread) and then interop/ckks-bench/seal-bench.mjs (node-seal)
 * on the same parameter sets, and prints {@code op | ours ms | node-seal ms | ratio} per set.
 *
 * <p>Usage, from the repository root after {@code mvn -pl benchmarks -am package} and
 * {@code npm ci --prefix interop}:
 * {@code java -cp benchmarks/target/benchmarks.jar io.pqcfhe.bench.ckks.CompareWithNodeSeal [quick]}
 * ({@code quick}: 2 short warm-up and 3 short measurement iterations, for a shared machine). The
 * repository root is taken from {@code -Dproject.rootdir}, else the working directory.
 */
public final class CompareWithNodeSeal {

    private static final String[] OPS = {"keygen", "relin_keygen", "galois_keygen", "encode", "encrypt", "add",
            "multiply", "relinearize", "rescale", "multiply_plain", "rotate", "decrypt", "decode"};
    private static final Map<String, String> JMH_NAMES = Map.ofEntries(
            Map.entry("keygen", "keygen"), Map.entry("relin_keygen", "relinKeygen"),
            Map.entry("galois_keygen", "galoisKeygen"), Map.entry("encode", "encode"),
            Map.entry("encrypt", "encrypt"), Map.entry("add", "add"), Map.entry("multiply", "multiply"),
            Map.entry("relinearize", "relinearize"), Map.entry("rescale", "rescale"),
            Map.entry("multiply_plain", "multiplyPlain"), Map.entry("rotate", "rotate"),
            Map.entry("decrypt", "decrypt"), Map.entry("decode", "decode"));

    private CompareWithNodeSeal() {
    }

    public static void main(String[] args) throws RunnerException, IOException, InterruptedException {
        boolean quick = args.length > 0 && args[0].equals("quick");
        Path root = Path.of(System.getProperty("project.rootdir", "."));
        Path script = root.resolve("interop/ckks-bench/seal-bench.mjs");
        if (!Files.exists(root.resolve("interop/node_modules/node-seal"))) {
            throw new IllegalStateException("node-seal missing: run `npm ci --prefix interop` in " + root);
        }
        OptionsBuilder builder = new OptionsBuilder();
        builder.include(CkksBenchmark.class.getName() + ".*").forks(1).threads(1);
        if (quick) {
            builder.warmupIterations(2).warmupTime(TimeValue.milliseconds(500))
                    .measurementIterations(3).measurementTime(TimeValue.milliseconds(700));
        }
        Options options = builder.build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Map<String, Double>> ours = new LinkedHashMap<>();
        for (RunResult r : results) {
            String params = r.getParams().getParam("parameters");
            String label = r.getParams().getBenchmark();
            String method = label.substring(label.lastIndexOf('.') + 1);
            ours.computeIfAbsent(params, p -> new LinkedHashMap<>()).put(method, r.getPrimaryResult().getScore());
        }
        StringBuilder table = new StringBuilder();
        for (Map.Entry<String, Map<String, Double>> set : ours.entrySet()) {
            String[] parts = set.getKey().split(":");
            String bits = parts[1].replace('-', ',');
            Map<String, Double> node = runNode(script, parts[0], bits, quick ? 700 : 2000);
            table.append(String.format("%nN=%s [%s], single thread, ms/op%n", parts[0], bits));
            table.append(String.format("%-15s | %10s | %12s | %s%n", "op", "ours ms", "node-seal ms",
                    "ratio (node/ours)"));
            for (String op : OPS) {
                Double o = set.getValue().get(JMH_NAMES.get(op));
                Double s = node.get(op);
                table.append(String.format("%-15s | %10s | %12s | %s%n", op, fmt(o), fmt(s),
                        o == null || s == null ? "-" : String.format("%.2fx", s / o)));
            }
        }
        System.out.println(table);
    }

    private static String fmt(Double v) {
        return v == null ? "-" : String.format("%.3f", v);
    }

    private static Map<String, Double> runNode(Path script, String n, String bits, int budgetMs)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder("node", script.toString(), n, bits, Integer.toString(budgetMs))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String json;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            json = r.lines().reduce("", String::concat);
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("seal-bench.mjs failed for N=" + n);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\"([a-z_]+)\":([0-9.eE+-]+)").matcher(json.substring(json.indexOf("\"ms\"")));
        while (m.find()) {
            out.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return out;
    }
}
