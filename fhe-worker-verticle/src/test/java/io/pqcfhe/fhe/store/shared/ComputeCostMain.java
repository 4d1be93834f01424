package io.pqcfhe.fhe.store.shared;

import io.pqcfhe.fhe.request.RequestLimits;
import io.pqcfhe.fhe.service.FheService;
import io.pqcfhe.fhe.store.FheStore;
import io.pqcfhe.fhe.store.InMemoryFheStore;
import io.pqcfhe.fhe.store.Quotas;
import io.pqcfhe.protocol.Action;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * What one {@code fhe.compute} costs on the in-memory store and on the shared store over in-JVM maps, with
 * the context and operands cached: the difference is the shared store's write of the result. Not a test
 * (no timing assertions); run by hand:
 * {@code java -cp <test classpath> io.pqcfhe.fhe.store.shared.ComputeCostMain [iterations] [held ciphertexts]}.
 */
public final class ComputeCostMain {
  private ComputeCostMain() {}

  public static void main(String[] args) {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int held = args.length > 1 ? Integer.parseInt(args[1]) : 0;
    SecureRandom random = new SecureRandom();
    Quotas quotas = Quotas.DEFAULT;
    byte[] stateKey = new byte[32];
    random.nextBytes(stateKey);
    FheStore memory = new InMemoryFheStore(quotas);
    FheStore shared =
        SharedFheStore.open(
            LocalSharedMap.state(), stateKey, quotas, RequestLimits.DEFAULT.maxSealObjectBytes(),
            SharedFheStore.CacheBudget.ofHeap(Runtime.getRuntime().maxMemory()), random);
    FheService[] services = {
      new FheService(memory, RequestLimits.DEFAULT, random), new FheService(shared, RequestLimits.DEFAULT, random)
    };
    for (String operation : new String[] {"add", "multiply", "add", "multiply"}) { // the first two warm up
      Bench[] benches = {new Bench(services[0], held), new Bench(services[1], held)};
      long[][] nanos = new long[2][iterations];
      for (int i = 0; i < iterations; i++) { // interleaved: a busy machine slows both alike
        for (int s = 0; s < 2; s++) {
          nanos[s][i] = benches[s].once(operation);
        }
      }
      double memoryUs = median(nanos[0]);
      double sharedUs = median(nanos[1]);
      System.out.printf(
          "%-8s N=8192, %d ciphertexts held: in-memory %8.1f us, shared %8.1f us, difference %7.1f us (medians of %d)%n",
          operation, held + 2, memoryUs, sharedUs, sharedUs - memoryUs, iterations);
      benches[0].end();
      benches[1].end();
    }
  }

  private static double median(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2] / 1e3;
  }

  /** A session with a context and two operands; each compute's result is released after it is timed. */
  private static final class Bench {
    private final FheService service;
    private final String session = "bench-" + System.nanoTime();
    private final String ctx;
    private final String x;
    private final String y;

    Bench(FheService service, int held) {
      this.service = service;
      JsonObject setup =
          new JsonObject()
              .put("scheme", "CKKS")
              .put("poly_modulus_degree", 8192)
              .put("coeff_modulus_bits", new JsonArray().add(60).add(40).add(40).add(60))
              .put("scale", Math.pow(2, 40))
              .put("rotations", new JsonArray().add(1));
      ctx = service.handle(Action.FHE_SETUP, setup, session).getString("context_id");
      JsonObject encrypt = new JsonObject().put("context_id", ctx).put("data", new JsonArray().add(1.5).add(2.5));
      x = service.handle(Action.FHE_ENCRYPT, encrypt, session).getString("ciphertext_id");
      y = service.handle(Action.FHE_ENCRYPT, encrypt, session).getString("ciphertext_id");
      for (int i = 0; i < held; i++) {
        service.handle(Action.FHE_COMPUTE, compute(ctx, "add", x, y), session);
      }
    }

    long once(String operation) {
      JsonObject compute = compute(ctx, operation, x, y);
      long start = System.nanoTime();
      String result = service.handle(Action.FHE_COMPUTE, compute, session).getString("result_ciphertext_id");
      long elapsed = System.nanoTime() - start;
      JsonObject release = new JsonObject().put("context_id", ctx).put("ciphertext_ids", new JsonArray().add(result));
      service.handle(Action.FHE_RELEASE, release, session);
      return elapsed;
    }

    void end() {
      service.endSession(session);
    }
  }

  private static JsonObject compute(String ctx, String operation, String a, String b) {
    return new JsonObject()
        .put("context_id", ctx)
        .put("operation", operation)
        .put("operands", new JsonArray().add(a).add(b))
        .put("include_ciphertext", false);
  }
}
