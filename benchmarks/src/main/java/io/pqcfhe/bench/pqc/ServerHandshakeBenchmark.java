package io.pqcfhe.bench.pqc;

import io.pqcfhe.crypto.ChannelKeys;
import io.pqcfhe.crypto.Encapsulation;
import io.pqcfhe.crypto.HandshakeTranscript;
import io.pqcfhe.crypto.InvalidKeyMaterialException;
import io.pqcfhe.crypto.MlKemKeyPair;
import io.pqcfhe.crypto.MlKemParameterSet;
import io.pqcfhe.crypto.SecretBytes;
import io.pqcfhe.crypto.X25519KeyPair;
import io.pqcfhe.crypto.bc.MlDsa65;
import io.pqcfhe.crypto.bc.MlKem;
import io.pqcfhe.crypto.bc.X25519;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The server's cryptography per handshake for each ML-KEM size: the encapsulation alone, and the whole
 * hybrid handshake (the crypto bound of {@code pqc.initiate}). Single-threaded, µs per operation; the
 * size-independent steps are in {@link ChannelPrimitivesBenchmark}.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar io.pqcfhe.bench.pqc}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ServerHandshakeBenchmark {
  @Param({"ML_KEM_512", "ML_KEM_768", "ML_KEM_1024"})
  public MlKemParameterSet algorithm;

  private final SecureRandom random = new SecureRandom();
  private byte[] clientPublicKey;
  private byte[] clientEphemeralPublic;
  private MlDsa65.SigningKey identity;

  @Setup(Level.Trial)
  public void setUp() throws InvalidKeyMaterialException {
    MlKemKeyPair client = MlKem.generateKeyPair(algorithm, random);
    clientPublicKey = client.encapsulationKey();
    clientEphemeralPublic = X25519.generateKeyPair(random).publicKey();
    identity = MlDsa65.fromSeed(MlDsa65.newSeed(random));
  }

  /** FIPS 203 key checks plus encapsulation: the server's ML-KEM work per handshake. */
  @Benchmark
  public Encapsulation mlKemEncapsulate() throws InvalidKeyMaterialException {
    return MlKem.encapsulate(algorithm, clientPublicKey, random);
  }

  /**
   * The whole server handshake in hybrid mode: key checks and encapsulation, X25519, transcript, ML-DSA-65
   * signature, key schedule (two HKDF-SHA384) and the confirm hash.
   */
  @Benchmark
  public byte[] fullServerHandshakeHybrid() throws InvalidKeyMaterialException {
    Encapsulation encapsulation = MlKem.encapsulate(algorithm, clientPublicKey, random);
    X25519KeyPair ephemeral = X25519.generateKeyPair(random);
    SecretBytes classical = X25519.agree(ephemeral.privateKey(), clientEphemeralPublic);
    ChannelKeys keys = ChannelKeys.derive(encapsulation.sharedSecret(), classical);
    byte[] signed = new HandshakeTranscript("session-0123456789", "kid-0123456789abcdefghij", algorithm,
        clientPublicKey, encapsulation.ciphertext(), clientEphemeralPublic, ephemeral.publicKey()).toBytes();
    byte[] signature = identity.sign(signed, random);
    String hash = keys.confirmHash();
    keys.destroy();
    ephemeral.destroy();
    return hash.isEmpty() ? null : signature;
  }
}
