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
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link CkksBenchmark} (JMH, single thread) and then interop/ckks-bench/seal-bench.mjs (node-seal)
 * on the same parameter sets, and prints per set {@code op | ours | node-seal | ratio} for the best
 * (minimum) and the median time per operation. Both sides sample every invocation: on a shared machine
 * the minimum is the figure least disturbed by other processes, the median shows the typical cost.
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
        builder.include(CkksBenchmark.class.getName() + ".*").forks(1).threads(1).mode(Mode.SampleTime)
                .timeUnit(TimeUnit.MILLISECONDS);
        if (quick) {
            builder.warmupIterations(2).warmupTime(TimeValue.milliseconds(500))
                    .measurementIterations(3).measurementTime(TimeValue.milliseconds(700));
        }
        Options options = builder.build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Map<String, Statistics>> ours = new LinkedHashMap<>();
        for (RunResult r : results) {
            String params = r.getParams().getParam("parameters");
            String label = r.getParams().getBenchmark();
            String method = label.substring(label.lastIndexOf('.') + 1);
            ours.computeIfAbsent(params, p -> new LinkedHashMap<>())
                    .put(method, r.getPrimaryResult().getStatistics());
        }
        StringBuilder table = new StringBuilder();
        for (Map.Entry<String, Map<String, Statistics>> set : ours.entrySet()) {
            String[] parts = set.getKey().split(":");
            String bits = parts[1].replace('-', ',');
            String json = runNode(script, parts[0], bits, quick ? 700 : 2000);
            Map<String, Double> nodeBest = section(json, "best");
            Map<String, Double> nodeMedian = section(json, "median");
            table.append(String.format("%nN=%s [%s], single thread, ms/op%n", parts[0], bits));
            table.append(String.format("%-15s | %9s | %9s | %6s | %9s | %9s | %6s%n", "op", "ours best",
                    "node best", "ratio", "ours med", "node med", "ratio"));
            for (String op : OPS) {
                Statistics o = set.getValue().get(JMH_NAMES.get(op));
                Double oBest = o == null ? null : o.getMin();
                Double oMedian = o == null ? null : o.getPercentile(50.0);
                table.append(String.format("%-15s | %9s | %9s | %6s | %9s | %9s | %6s%n", op, fmt(oBest),
                        fmt(nodeBest.get(op)), ratio(nodeBest.get(op), oBest), fmt(oMedian),
                        fmt(nodeMedian.get(op)), ratio(nodeMedian.get(op), oMedian)));
            }
        }
        table.append("ratio = node-seal time / our time (above 1: we are faster)\n");
        System.out.println(table);
    }

    private static String ratio(Double node, Double ours) {
        return node == null || ours == null ? "-" : String.format("%.2fx", node / ours);
    }

    /** The flat {op: ms} object named {@code name} in the script's JSON line. */
    private static Map<String, Double> section(String json, String name) {
        Map<String, Double> out = new LinkedHashMap<>();
        int start = json.indexOf("\"" + name + "\":{");
        if (start < 0) {
            throw new IllegalStateException("seal-bench.mjs printed no " + name + " section");
        }
        String body = json.substring(start, json.indexOf('}', start));
        Matcher m = Pattern.compile("\"([a-z_]+)\":([0-9.eE+-]+)").matcher(body);
        while (m.find()) {
            out.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return out;
    }

    private static String fmt(Double v) {
        return v == null ? "-" : String.format("%.3f", v);
    }

    private static String runNode(Path script, String n, String bits, int budgetMs)
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
        return json;
    }
}
