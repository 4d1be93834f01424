package io.pqcfhe.client.cli;

import io.pqcfhe.ckks.ckks.CkksContext;
import io.pqcfhe.ckks.ckks.CkksEncoder;
import io.pqcfhe.ckks.ckks.CkksEvaluator;
import io.pqcfhe.ckks.params.CkksParameters;
import io.pqcfhe.ckks.rlwe.Ciphertext;
import io.pqcfhe.ckks.rlwe.Encryptor;
import io.pqcfhe.ckks.rlwe.KeyGenerator;
import io.pqcfhe.ckks.rlwe.SecretKey;
import io.pqcfhe.client.fhe.FheParameters;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The operation of {@code bench fhe} called on the CKKS engine directly in this JVM, with no network,
 * serialization or service around it: the floor the gateway path is compared with. Same parameters, the
 * same kind of keys as the server makes, fresh operands encrypted once.
 */
final class EngineBaseline {
  private final CkksEvaluator evaluator;
  private final Ciphertext a;
  private final Ciphertext b;
  private final FheOperation operation;

  EngineBaseline(FheParameters parameters, FheOperation operation, SecureRandom random) {
    this.operation = operation;
    CkksParameters p = parameters.engineParameters();
    CkksContext ckks = new CkksContext(p);
    KeyGenerator keygen = new KeyGenerator(ckks.rns(), random);
    SecretKey secretKey = keygen.secretKey();
    try {
      this.evaluator = new CkksEvaluator(ckks, keygen.relinKeys(secretKey),
          keygen.galoisKeys(secretKey, KeyGenerator.galoisElementsForSteps(ckks.rns(), new int[] {1}, false)));
      Encryptor encryptor = Encryptor.withPublicKey(ckks.rns(), keygen.publicKey(secretKey), random);
      CkksEncoder encoder = new CkksEncoder(ckks);
      this.a = encryptor.encrypt(encoder.encode(new double[] {1.5, 2.0, 3.5, 4.0}, ckks.maxLevel(), p.defaultScale()));
      this.b = encryptor.encrypt(encoder.encode(new double[] {0.5, 1.0, 1.5, 2.0}, ckks.maxLevel(), p.defaultScale()));
    } finally {
      secretKey.destroy();
    }
  }

  /** Runs the operation back to back on {@code threads} threads for a warm-up, then for {@code duration}. */
  BenchRun.Result run(int threads, Duration warmup, Duration duration) throws InterruptedException {
    LatencyRecorder latencies = new LatencyRecorder();
    long measureFrom = System.nanoTime() + warmup.toNanos();
    long deadline = measureFrom + duration.toNanos();
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread t = new Thread(() -> {
        while (System.nanoTime() < deadline) {
          long t0 = System.nanoTime();
          operation.onEngine(evaluator, a, b);
          if (t0 >= measureFrom) {
            latencies.record(System.nanoTime() - t0);
          }
        }
      }, "engine-" + i);
      t.setDaemon(true);
      workers.add(t);
      t.start();
    }
    for (Thread t : workers) {
      t.join();
    }
    double seconds = (System.nanoTime() - measureFrom) / 1e9;
    return new BenchRun.Result(latencies.summary(), seconds, new LatencyRecorder().summary(), 0, java.util.Map.of());
  }
}
