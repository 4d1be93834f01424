package io.pqcfhe.bench.ckks;

import io.pqcfhe.ckks.ckks.CkksContext;
import io.pqcfhe.ckks.ckks.CkksEncoder;
import io.pqcfhe.ckks.ckks.CkksEvaluator;
import io.pqcfhe.ckks.params.CkksParameters;
import io.pqcfhe.ckks.rlwe.Ciphertext;
import io.pqcfhe.ckks.rlwe.Decryptor;
import io.pqcfhe.ckks.rlwe.Encryptor;
import io.pqcfhe.ckks.rlwe.GaloisKeys;
import io.pqcfhe.ckks.rlwe.KeyGenerator;
import io.pqcfhe.ckks.rlwe.Plaintext;
import io.pqcfhe.ckks.rlwe.PublicKey;
import io.pqcfhe.ckks.rlwe.RelinKeys;
import io.pqcfhe.ckks.rlwe.SecretKey;
import io.pqcfhe.ckks.security.SecurityLevel;
import java.security.SecureRandom;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-threaded timings of the CKKS engine, the operations of SEAL's own benchmarks, for
 * N=8192 [60,40,40,60] and N=16384 [60,40,40,40,40,60] at scale 2^40. Run with
 * {@code java -jar benchmarks/target/benchmarks.jar CkksBenchmark}, or side by side with node-seal via
 * {@link CompareWithNodeSeal}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
public class CkksBenchmark {

    /** "degree:bit-sizes" (no commas: JMH splits parameter values on them) */
    @Param({"8192:60-40-40-60", "16384:60-40-40-40-40-60"})
    public String parameters;

    private CkksContext context;
    private KeyGenerator keygen;
    private SecretKey secretKey;
    private CkksEncoder encoder;
    private Encryptor encryptor;
    private Decryptor decryptor;
    private CkksEvaluator evaluator;
    private double[] values;
    private Plaintext plain;
    private Plaintext plainAtScaleQ;
    private Ciphertext a;
    private Ciphertext b;
    private Ciphertext product;
    private Ciphertext relinearized;
    private Ciphertext out;
    private int[] galoisElements;

    @Setup
    public void setUp() {
        String[] parts = parameters.split(":");
        int n = Integer.parseInt(parts[0]);
        String[] bitStrings = parts[1].split("-");
        int[] bits = new int[bitStrings.length];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = Integer.parseInt(bitStrings[i]);
        }
        double scale = 0x1p40;
        context = new CkksContext(CkksParameters.create(n, bits, scale, SecurityLevel.BITS_128));
        SecureRandom random = new SecureRandom();
        keygen = new KeyGenerator(context.rns(), random);
        secretKey = keygen.secretKey();
        PublicKey publicKey = keygen.publicKey(secretKey);
        RelinKeys relinKeys = keygen.relinKeys(secretKey);
        galoisElements = KeyGenerator.defaultGaloisElements(context.rns());
        GaloisKeys galoisKeys = keygen.galoisKeys(secretKey, galoisElements);
        encoder = new CkksEncoder(context);
        encryptor = Encryptor.withPublicKey(context.rns(), publicKey, random);
        decryptor = new Decryptor(context.rns(), secretKey);
        evaluator = new CkksEvaluator(context, relinKeys, galoisKeys);
        SplittableRandom rnd = new SplittableRandom(1);
        values = new double[context.slotCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = rnd.nextDouble(-10, 10);
        }
        int level = context.maxLevel();
        plain = encoder.encode(values, level, scale);
        plainAtScaleQ = encoder.encode(values, level, evaluator.plainMultiplierScale(level));
        a = encryptor.encrypt(plain);
        b = encryptor.encrypt(plain);
        product = evaluator.multiplyNew(a, b);
        relinearized = evaluator.relinearizeNew(product);
        out = new Ciphertext(n);
    }

    @Benchmark
    public Object keygen() {
        SecretKey sk = keygen.secretKey();
        return keygen.publicKey(sk);
    }

    @Benchmark
    public Object relinKeygen() {
        return keygen.relinKeys(secretKey);
    }

    @Benchmark
    public Object galoisKeygen() {
        return keygen.galoisKeys(secretKey, galoisElements);
    }

    @Benchmark
    public Object encode() {
        return encoder.encode(values, context.maxLevel(), 0x1p40);
    }

    @Benchmark
    public Object encrypt() {
        return encryptor.encrypt(plain);
    }

    @Benchmark
    public Object add() {
        evaluator.add(a, b, out);
        return out;
    }

    @Benchmark
    public Object multiply() {
        evaluator.multiply(a, b, out);
        return out;
    }

    @Benchmark
    public Object relinearize() {
        evaluator.relinearize(product, out);
        return out;
    }

    @Benchmark
    public Object rescale() {
        evaluator.rescale(relinearized, out);
        return out;
    }

    @Benchmark
    public Object multiplyPlain() {
        evaluator.multiplyPlain(a, plainAtScaleQ, out);
        return out;
    }

    @Benchmark
    public Object rotate() {
        evaluator.rotate(a, 1, out);
        return out;
    }

    @Benchmark
    public Object decrypt() {
        return decryptor.decrypt(a);
    }

    @Benchmark
    public Object decode() {
        return encoder.decode(plain);
    }
}
