package io.pqcfhe.ckks.ring;

import io.pqcfhe.ckks.params.CoeffModulus;
import java.util.Collection;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The NTT of a 40-bit prime on doubles ({@link DoubleNtt}) beside the 64-bit transforms, same
 * prime, same input, same run. In this package because the 64-bit path of a prime the double path
 * serves is package-private. {@code java -cp benchmarks/target/benchmarks.jar
 * io.pqcfhe.ckks.ring.NttBenchmark} prints the table with the ratios.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NttBenchmark {

  @Param({"8192", "16384"})
  public int degree;

  @Param({"doubles", "longs"})
  public String arithmetic;

  private NttTables tables;
  private long[] input;
  private long[] data;

  @Setup
  public void setUp() {
    long q = CoeffModulus.create(degree, new int[] {40})[0];
    tables = new NttTables(degree, new Modulus(q), arithmetic.equals("doubles"));
    if (tables.isVectorized() != arithmetic.equals("doubles")) {
      throw new IllegalStateException("this JVM does not run the double-precision NTT (no hardware FMA?)");
    }
    input = new SplittableRandom(1).longs(degree, 0, q).toArray();
    data = input.clone();
  }

  @Benchmark
  public long[] forward() {
    System.arraycopy(input, 0, data, 0, degree);
    tables.forward(data, 0);
    return data;
  }

  @Benchmark
  public long[] inverse() {
    System.arraycopy(input, 0, data, 0, degree);
    tables.inverse(data, 0);
    return data;
  }

  public static void main(String[] args) throws RunnerException {
    Collection<RunResult> results =
        new Runner(new OptionsBuilder().include(NttBenchmark.class.getName() + "\\.").build()).run();
    TreeMap<String, double[]> byCase = new TreeMap<>(); // "N transform" -> {doubles, longs}
    for (RunResult r : results) {
      String method = r.getParams().getBenchmark().replaceAll(".*\\.", "");
      String key = String.format("%5s %s", r.getParams().getParam("degree"), method);
      int slot = r.getParams().getParam("arithmetic").equals("doubles") ? 0 : 1;
      byCase.computeIfAbsent(key, k -> new double[2])[slot] = r.getPrimaryResult().getScore();
    }
    System.out.println();
    System.out.println("NTT of a 40-bit prime, single thread, µs/op (includes a copy of the input)");
    System.out.println("    N transform | doubles |   longs | longs/doubles");
    byCase.forEach((key, t) ->
        System.out.printf("%-15s | %7.2f | %7.2f | %6.2fx%n", key, t[0], t[1], t[1] / t[0]));
  }
}
