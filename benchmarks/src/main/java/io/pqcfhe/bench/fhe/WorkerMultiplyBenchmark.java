package io.pqcfhe.bench.fhe;

import io.pqcfhe.ckks.ckks.CkksContext;
import io.pqcfhe.ckks.ckks.CkksEncoder;
import io.pqcfhe.ckks.ckks.CkksEvaluator;
import io.pqcfhe.ckks.params.CkksParameters;
import io.pqcfhe.ckks.rlwe.Ciphertext;
import io.pqcfhe.ckks.rlwe.Encryptor;
import io.pqcfhe.ckks.rlwe.KeyGenerator;
import io.pqcfhe.ckks.rlwe.SecretKey;
import io.pqcfhe.ckks.seal.ComprMode;
import io.pqcfhe.ckks.seal.SealObjects;
import io.pqcfhe.ckks.security.SecurityLevel;
import io.pqcfhe.fhe.request.RequestLimits;
import io.pqcfhe.fhe.store.Quotas;
import io.pqcfhe.fhe.verticle.FheWorkerConfig;
import io.pqcfhe.fhe.verticle.FheWorkers;
import io.pqcfhe.protocol.Action;
import io.pqcfhe.protocol.ActionReply;
import io.pqcfhe.protocol.ActionRequest;
import io.pqcfhe.protocol.Addresses;
import io.pqcfhe.protocol.Permission;
import io.pqcfhe.protocol.ProtocolCodecs;
import io.pqcfhe.protocol.SessionInfo;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code multiply} (relinearize, rescale) at N = 8192 [60, 40, 40, 60], scale 2^40: the engine called
 * directly, against the same operation as a client's {@code fhe.compute} reaches it — an
 * {@link ActionRequest} on {@link Addresses#FHE}, validated, looked up in the store, computed on a worker
 * thread, stored, serialized for {@code size_bytes}, answered — with and without the ciphertext in the
 * answer (base64 SEAL bytes, 262,257 bytes). {@link OverheadReport} prints the ratios.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WorkerMultiplyBenchmark {
  private static final int[] BITS = {60, 40, 40, 60};
  private static final double SCALE = 0x1p40;

  // The engine, directly.
  private CkksEvaluator evaluator;
  private SealObjects seal;
  private Ciphertext x;
  private Ciphertext y;

  // The worker verticles, through the event bus.
  private Vertx vertx;
  private SessionInfo session;
  private String contextId;
  private String xId;
  private String yId;
  private String lastResultId;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    SecureRandom random = new SecureRandom();
    CkksParameters parameters = CkksParameters.create(8192, BITS, SCALE, SecurityLevel.BITS_128);
    CkksContext context = new CkksContext(parameters);
    KeyGenerator keygen = new KeyGenerator(context.rns(), random);
    SecretKey secretKey = keygen.secretKey();
    evaluator = new CkksEvaluator(context, keygen.relinKeys(secretKey), null);
    seal = new SealObjects(parameters, 1L << 26);
    Encryptor encryptor = Encryptor.withPublicKey(context.rns(), keygen.publicKey(secretKey), random);
    CkksEncoder encoder = new CkksEncoder(context);
    double[] a = values(1);
    double[] b = values(2);
    x = encryptor.encrypt(encoder.encode(a, parameters.maxLevel(), SCALE));
    y = encryptor.encrypt(encoder.encode(b, parameters.maxLevel(), SCALE));
    secretKey.destroy();

    vertx = Vertx.vertx();
    ProtocolCodecs.register(vertx.eventBus());
    FheWorkers workers = FheWorkers.create(new FheWorkerConfig(1, Quotas.DEFAULT, RequestLimits.DEFAULT));
    await(workers.deploy(vertx));
    session = new SessionInfo("bench-session", "bench", "bench", EnumSet.of(Permission.FHE), "1.0");
    JsonObject setup =
        call(
            Action.FHE_SETUP,
            new JsonObject()
                .put("scheme", "CKKS")
                .put("poly_modulus_degree", 8192)
                .put("coeff_modulus_bits", new JsonArray().add(60).add(40).add(40).add(60))
                .put("scale", SCALE)
                .put("rotations", new JsonArray().add(1)));
    contextId = setup.getString("context_id");
    xId = call(Action.FHE_ENCRYPT, encryptPayload(a)).getString("ciphertext_id");
    yId = call(Action.FHE_ENCRYPT, encryptPayload(b)).getString("ciphertext_id");
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** Frees the previous result (untimed), so the session's ciphertext quota never fills. */
  @TearDown(Level.Invocation)
  public void release() throws Exception {
    if (lastResultId != null) {
      call(Action.FHE_RELEASE, new JsonObject().put("context_id", contextId).put("ciphertext_ids", new JsonArray().add(lastResultId)));
      lastResultId = null;
    }
  }

  @Benchmark
  public Ciphertext engine() {
    return evaluator.multiplyRelinRescaleNew(x, y);
  }

  /** The engine plus what the answer with the ciphertext needs: SEAL bytes in base64. */
  @Benchmark
  public String engineSerialized() {
    return Base64.getEncoder().encodeToString(seal.save(evaluator.multiplyRelinRescaleNew(x, y), ComprMode.NONE));
  }

  @Benchmark
  public JsonObject workerWithoutCiphertext() throws Exception {
    return compute(false);
  }

  @Benchmark
  public JsonObject workerWithCiphertext() throws Exception {
    return compute(true);
  }

  private JsonObject compute(boolean includeCiphertext) throws Exception {
    JsonObject answer =
        call(
            Action.FHE_COMPUTE,
            new JsonObject()
                .put("context_id", contextId)
                .put("operation", "multiply")
                .put("operands", new JsonArray().add(xId).add(yId))
                .put("include_ciphertext", includeCiphertext));
    lastResultId = answer.getString("result_ciphertext_id");
    return answer;
  }

  private JsonObject encryptPayload(double[] values) {
    JsonArray data = new JsonArray();
    for (double v : values) {
      data.add(v);
    }
    return new JsonObject().put("context_id", contextId).put("data", data).put("include_ciphertext", false);
  }

  private JsonObject call(Action action, JsonObject payload) throws Exception {
    ActionRequest request = new ActionRequest("bench", action.wireName(), payload, session, false);
    ActionReply reply =
        await(vertx.eventBus().<ActionReply>request(Addresses.FHE, request).map(m -> m.body()));
    if (!reply.succeeded()) {
      throw new IllegalStateException(action.wireName() + " refused: " + reply.error().toJson());
    }
    return reply.payload();
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private static double[] values(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] v = new double[4096];
    for (int i = 0; i < v.length; i++) {
      v[i] = random.nextDouble(-1, 1);
    }
    return v;
  }
}
