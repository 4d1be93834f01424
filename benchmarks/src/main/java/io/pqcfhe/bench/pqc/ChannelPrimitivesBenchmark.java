package io.pqcfhe.bench.pqc;

import io.pqcfhe.crypto.AesGcm;
import io.pqcfhe.crypto.ChannelDirection;
import io.pqcfhe.crypto.ChannelKeys;
import io.pqcfhe.crypto.HandshakeTranscript;
import io.pqcfhe.crypto.InvalidKeyMaterialException;
import io.pqcfhe.crypto.MlKemParameterSet;
import io.pqcfhe.crypto.SecretBytes;
import io.pqcfhe.crypto.X25519KeyPair;
import io.pqcfhe.crypto.bc.Hkdf;
import io.pqcfhe.crypto.bc.MlDsa65;
import io.pqcfhe.crypto.bc.X25519;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The handshake steps that do not depend on the ML-KEM size (X25519, the ML-DSA-65 signature over an
 * ML-KEM-768 transcript, HKDF-SHA384) and the channel's AES-256-GCM per KiB. Single-threaded, µs per
 * operation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ChannelPrimitivesBenchmark {
  private final SecureRandom random = new SecureRandom();
  private byte[] clientEphemeralPublic;
  private MlDsa65.SigningKey identity;
  private byte[] transcript;
  private SecretBytes ikm;
  private ChannelKeys channelKeys;
  private byte[] kib;
  private byte[] iv;
  private byte[] aad;
  private AesGcm.Sealed sealedKib;
  private final byte[] sealIv = new byte[AesGcm.IV_BYTES];
  private int counter;

  @Setup(Level.Trial)
  public void setUp() {
    clientEphemeralPublic = X25519.generateKeyPair(random).publicKey();
    identity = MlDsa65.fromSeed(MlDsa65.newSeed(random));
    MlKemParameterSet set = MlKemParameterSet.ML_KEM_768;
    transcript = new HandshakeTranscript("session-0123456789", "kid-0123456789abcdefghij", set,
        new byte[set.encapsulationKeyBytes()], new byte[set.ciphertextBytes()], new byte[32], new byte[32]).toBytes();
    byte[] material = new byte[64];
    random.nextBytes(material);
    ikm = SecretBytes.wrap(material);
    channelKeys = ChannelKeys.derive(SecretBytes.copyOf(material), null);
    kib = new byte[1024];
    random.nextBytes(kib);
    iv = new byte[AesGcm.IV_BYTES];
    random.nextBytes(iv);
    aad = "chan-session-0123456789:42".getBytes(StandardCharsets.US_ASCII);
    sealedKib = channelKeys.seal(ChannelDirection.CLIENT_TO_SERVER, iv, kib, aad);
  }

  /** The hybrid's server side: an ephemeral key pair and the agreement with the client's key. */
  @Benchmark
  public SecretBytes x25519KeygenAndAgreement() throws InvalidKeyMaterialException {
    X25519KeyPair ephemeral = X25519.generateKeyPair(random);
    return X25519.agree(ephemeral.privateKey(), clientEphemeralPublic);
  }

  /** Hedged ML-DSA-65 signature over an ML-KEM-768 hybrid transcript (about 2.3 KB). */
  @Benchmark
  public byte[] mlDsa65SignTranscript() {
    return identity.sign(transcript, random);
  }

  /** One HKDF-SHA384 output of 32 bytes from a hybrid (64-byte) IKM; the key schedule runs two. */
  @Benchmark
  public SecretBytes hkdfSha384() {
    return Hkdf.sha384(ikm, "channel-key".getBytes(StandardCharsets.US_ASCII), 32);
  }

  /** AES-256-GCM seal of 1 KiB and open of 1 KiB, with a 1.1-style AAD: one message each way. */
  @Benchmark
  public byte[] aesGcmSealOpen1KiB() throws Exception {
    // A new IV per seal, as the channel does (the bound key refuses to encrypt twice with one IV).
    counter++;
    sealIv[0] = (byte) counter;
    sealIv[1] = (byte) (counter >>> 8);
    sealIv[2] = (byte) (counter >>> 16);
    sealIv[3] = (byte) (counter >>> 24);
    AesGcm.Sealed sealed = channelKeys.seal(ChannelDirection.SERVER_TO_CLIENT, sealIv, kib, aad);
    byte[] opened = channelKeys.open(ChannelDirection.CLIENT_TO_SERVER, iv, sealedKib.ciphertext(), sealedKib.tag(), aad);
    return sealed.tag().length == AesGcm.TAG_BYTES ? opened : null;
  }
}
