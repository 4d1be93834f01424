package io.pqcfhe.ckks.ckks;

import io.pqcfhe.ckks.params.CkksParameters;
import io.pqcfhe.ckks.rlwe.Ciphertext;
import io.pqcfhe.ckks.rlwe.Decryptor;
import io.pqcfhe.ckks.rlwe.Encryptor;
import io.pqcfhe.ckks.rlwe.GaloisKeys;
import io.pqcfhe.ckks.rlwe.KeyGenerator;
import io.pqcfhe.ckks.rlwe.PublicKey;
import io.pqcfhe.ckks.rlwe.RelinKeys;
import io.pqcfhe.ckks.rlwe.SecretKey;
import io.pqcfhe.ckks.security.SecurityLevel;
import java.security.SecureRandom;
import java.util.SplittableRandom;

/** One parameter set with a full key set, built once per JVM and shared by the tests. */
final class Fixture {

  static final double SCALE = 0x1p40;

  private static Fixture reference;

  final CkksContext context;
  final SecretKey secretKey;
  final PublicKey publicKey;
  final RelinKeys relinKeys;
  final GaloisKeys galoisKeys;
  final CkksEncoder encoder;
  final Encryptor encryptor;
  final Decryptor decryptor;
  final CkksEvaluator evaluator;
  final String name;

  private Fixture(int n, int[] bits) {
    CkksParameters params = CkksParameters.create(n, bits, SCALE, SecurityLevel.BITS_128);
    context = new CkksContext(params);
    SecureRandom random = new SecureRandom();
    KeyGenerator keygen = new KeyGenerator(context.rns(), random);
    secretKey = keygen.secretKey();
    publicKey = keygen.publicKey(secretKey);
    relinKeys = keygen.relinKeys(secretKey);
    galoisKeys = keygen.galoisKeys(secretKey, KeyGenerator.defaultGaloisElements(context.rns()));
    encoder = new CkksEncoder(context);
    encryptor = Encryptor.withPublicKey(context.rns(), publicKey, random);
    decryptor = new Decryptor(context.rns(), secretKey);
    evaluator = new CkksEvaluator(context, relinKeys, galoisKeys);
    name = "logN=" + Integer.numberOfTrailingZeros(n) + " primes=" + bits.length + " scale=2^40";
  }

  /** N=8192, [60, 40, 40, 60], scale 2^40: the reference parameters. */
  static synchronized Fixture reference() {
    if (reference == null) {
      reference = new Fixture(8192, new int[] {60, 40, 40, 60});
    }
    return reference;
  }

  double[] randomValues(long seed, double bound) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] v = new double[context.slotCount()];
    for (int i = 0; i < v.length; i++) {
      v[i] = rnd.nextDouble(-bound, bound);
    }
    return v;
  }

  Ciphertext encrypt(double[] values) {
    return encryptor.encrypt(encoder.encode(values, context.maxLevel(), SCALE));
  }

  double[] decrypt(Ciphertext ct) {
    return encoder.decode(decryptor.decrypt(ct));
  }

  PrecisionStats check(String op, double[] expected, Ciphertext ct, double maxError) {
    PrecisionStats stats = PrecisionStats.of(expected, decrypt(ct), expected.length);
    System.out.printf("[%s] %-28s %s%n", name, op, stats);
    if (!(stats.maxAbsError() < maxError)) {
      throw new AssertionError(op + ": max error " + stats.maxAbsError() + " ≥ " + maxError);
    }
    return stats;
  }
}
