package io.pqcfhe.bench.fhe;

import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link WorkerMultiplyBenchmark} and prints each path's time and its ratio to the engine alone.
 *
 * <p>Usage, after {@code mvn -pl benchmarks -am package}:
 * {@code java -cp benchmarks/target/benchmarks.jar io.pqcfhe.bench.fhe.OverheadReport [quick]}
 * ({@code quick}: shorter iterations, for a shared machine; {@code interleaved [rounds]}: the four paths in
 * turn within one loop, medians, which compares them under the same load).
 */
public final class OverheadReport {
  private OverheadReport() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("interleaved")) {
      interleaved(args.length > 1 ? Integer.parseInt(args[1]) : 200);
      return;
    }
    boolean quick = args.length > 0 && args[0].equals("quick");
    OptionsBuilder builder = new OptionsBuilder();
    builder.include(WorkerMultiplyBenchmark.class.getName());
    if (quick) {
      builder.warmupIterations(2).warmupTime(TimeValue.seconds(1)).measurementIterations(3).measurementTime(TimeValue.seconds(1));
    }
    Options options = builder.build();
    Map<String, Double> ms = new LinkedHashMap<>();
    for (RunResult result : new Runner(options).run()) {
      String name = result.getParams().getBenchmark();
      ms.put(name.substring(name.lastIndexOf('.') + 1), result.getPrimaryResult().getScore());
    }
    double engine = ms.get("engine");
    System.out.println();
    System.out.println("multiply + relinearize + rescale, N=8192 [60,40,40,60]   ms/op   ratio to engine");
    for (Map.Entry<String, Double> e : ms.entrySet()) {
      System.out.printf("  %-26s %8.3f   %5.2fx%n", e.getKey(), e.getValue(), e.getValue() / engine);
    }
  }

  /**
   * The paths taken in turn, round after round, so that all see the same load on a shared machine; medians.
   * The worker path's thread hop can gain from the scheduler under heavy load (a thread that waits is woken
   * with priority), which is why both views are offered.
   */
  private static void interleaved(int rounds) throws Exception {
    WorkerMultiplyBenchmark bench = new WorkerMultiplyBenchmark();
    bench.setUp();
    try {
      String[] names = {"engine", "engineSerialized", "workerWithoutCiphertext", "workerWithCiphertext"};
      double[][] times = new double[names.length][rounds];
      for (int warmup = 0; warmup < 30; warmup++) {
        runOnce(bench, warmup % names.length);
      }
      for (int r = 0; r < rounds; r++) {
        for (int p = 0; p < names.length; p++) {
          times[p][r] = runOnce(bench, p);
        }
      }
      double engine = median(times[0]);
      System.out.println("multiply + relinearize + rescale, N=8192 [60,40,40,60], " + rounds + " interleaved rounds");
      System.out.println("  path                        median ms   ratio to engine");
      for (int p = 0; p < names.length; p++) {
        double m = median(times[p]);
        System.out.printf("  %-26s %9.3f   %5.2fx%n", names[p], m, m / engine);
      }
    } finally {
      bench.tearDown();
    }
  }

  private static double runOnce(WorkerMultiplyBenchmark bench, int path) throws Exception {
    long start = System.nanoTime();
    switch (path) {
      case 0 -> bench.engine();
      case 1 -> bench.engineSerialized();
      case 2 -> bench.workerWithoutCiphertext();
      default -> bench.workerWithCiphertext();
    }
    double ms = (System.nanoTime() - start) / 1e6;
    bench.release();
    return ms;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
