package io.pqcfhe.fhe.store.shared;

import io.pqcfhe.ckks.ckks.CkksContext;
import io.pqcfhe.ckks.params.CkksParameters;
import io.pqcfhe.ckks.rlwe.GaloisKeys;
import io.pqcfhe.ckks.rlwe.PublicKey;
import io.pqcfhe.ckks.rlwe.RelinKeys;
import io.pqcfhe.ckks.rlwe.SecretKey;
import io.pqcfhe.ckks.seal.ComprMode;
import io.pqcfhe.ckks.seal.SealFormatException;
import io.pqcfhe.ckks.seal.SealObjects;
import io.pqcfhe.ckks.security.SecurityLevel;
import io.pqcfhe.fhe.store.FheContext;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

/**
 * A context as the contexts map keeps it, and back. What rebuilds the parameters exactly (degree, primes,
 * default scale, security level), the key ids and size, and the keys as SEAL bytes (seeded where the key
 * knows its seed, uncompressed): public key, relinearization keys, Galois keys, each only when present. The
 * secret key, in server key mode only, is sealed ({@link SecretKeySealer}) for the map key it is stored
 * under; its SEAL bytes in clear exist only transiently and are wiped.
 *
 * <p>Loading goes through {@link SealObjects} (every value validated against its prime) and
 * {@link FheContext#fromKeys}, as a setup does. Thread-safe.
 */
final class ContextCodec {
  private static final byte VERSION = 1;

  private final SecretKeySealer sealer;
  private final long maxSealObjectBytes;
  private final long maxStoredObjectBytes;
  private final SecureRandom random;

  /**
   * @param maxSealObjectBytes the cap on the client's SEAL objects, for the rebuilt context's own uses
   * @param maxStoredObjectBytes the cap on one object read back from the map (keys the server generated may
   *     exceed what a client may send; the session byte quota bounds them)
   */
  ContextCodec(SecretKeySealer sealer, long maxSealObjectBytes, long maxStoredObjectBytes, SecureRandom random) {
    this.sealer = sealer;
    this.maxSealObjectBytes = maxSealObjectBytes;
    this.maxStoredObjectBytes = maxStoredObjectBytes;
    this.random = random;
  }

  /** The stored form of {@code context}, to be kept under the map key {@code location}. */
  byte[] encode(FheContext context, String location) {
    SealObjects seal = context.seal();
    Optional<byte[]> publicKey = context.publicKey().map(pk -> seal.save(pk, ComprMode.NONE));
    Optional<byte[]> relinKeys = context.relinKeys().map(rk -> seal.save(rk, ComprMode.NONE));
    Optional<byte[]> galoisKeys = context.galoisKeys().map(gk -> seal.save(gk, ComprMode.NONE));
    Optional<byte[]> secretKey = context.secretKey().map(sk -> sealed(seal, sk, location));
    CkksParameters parameters = context.parameters();
    int size =
        256 + 8 * parameters.primeCount() + Encoding.length(publicKey) + Encoding.length(relinKeys)
            + Encoding.length(galoisKeys) + Encoding.length(secretKey);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(size);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeInt(parameters.degree());
      out.writeInt(parameters.primeCount());
      for (long prime : parameters.primes()) {
        out.writeLong(prime);
      }
      out.writeDouble(parameters.defaultScale());
      Encoding.writeString(out, parameters.securityLevel().name());
      FheContext.KeyIds ids = context.keys();
      Encoding.writeOptionalString(out, ids.publicKeyId());
      Encoding.writeOptionalString(out, ids.relinKeyId());
      Encoding.writeOptionalString(out, ids.galoisKeyId());
      out.writeLong(context.sizeBytes());
      Encoding.writeBytes(out, publicKey);
      Encoding.writeBytes(out, relinKeys);
      Encoding.writeBytes(out, galoisKeys);
      Encoding.writeBytes(out, secretKey);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private byte[] sealed(SealObjects seal, SecretKey secretKey, String location) {
    byte[] plain = seal.save(secretKey, ComprMode.NONE);
    try {
      return sealer.seal(plain, location);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /**
   * The context stored under {@code location}, rebuilt.
   *
   * @throws SecretKeySealer.SealedKeyException when its sealed secret key does not open for this location
   * @throws IllegalStateException when the bytes are not a context record
   */
  LoadedContext decode(byte[] value, String location) {
    Parsed parsed;
    try {
      parsed = parse(ByteBuffer.wrap(value));
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new IllegalStateException("corrupt context record");
    }
    CkksContext ckks = new CkksContext(parsed.parameters());
    SealObjects stored = new SealObjects(parsed.parameters(), maxStoredObjectBytes);
    try {
      Optional<PublicKey> publicKey = parsed.publicKey().map(stored::loadPublicKey);
      Optional<RelinKeys> relinKeys = parsed.relinKeys().map(stored::loadRelinKeys);
      Optional<GaloisKeys> galoisKeys = parsed.galoisKeys().map(stored::loadGaloisKeys);
      Optional<SecretKey> secretKey = parsed.sealedSecretKey().map(sealed -> unsealed(stored, sealed, location));
      FheContext context =
          FheContext.fromKeys(
              ckks,
              new SealObjects(parsed.parameters(), maxSealObjectBytes),
              secretKey,
              publicKey,
              relinKeys,
              galoisKeys,
              parsed.ids(),
              parsed.sizeBytes(),
              random);
      return new LoadedContext(location, context, stored);
    } catch (SealFormatException e) {
      throw new IllegalStateException("corrupt context record");
    }
  }

  private SecretKey unsealed(SealObjects seal, byte[] sealed, String location) {
    byte[] plain = sealer.open(sealed, location);
    try {
      return seal.loadSecretKey(plain);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  private record Parsed(
      CkksParameters parameters,
      FheContext.KeyIds ids,
      long sizeBytes,
      Optional<byte[]> publicKey,
      Optional<byte[]> relinKeys,
      Optional<byte[]> galoisKeys,
      Optional<byte[]> sealedSecretKey) {}

  private static Parsed parse(ByteBuffer in) {
    if (in.get() != VERSION) {
      throw new IllegalArgumentException("unknown version");
    }
    int degree = in.getInt();
    int primeCount = in.getInt();
    if (primeCount < 2 || primeCount > 64) {
      throw new IllegalArgumentException("bad prime count");
    }
    long[] primes = new long[primeCount];
    for (int i = 0; i < primeCount; i++) {
      primes[i] = in.getLong();
    }
    double scale = in.getDouble();
    SecurityLevel level = SecurityLevel.valueOf(Encoding.readString(in));
    CkksParameters parameters = CkksParameters.fromPrimes(degree, primes, scale, level);
    FheContext.KeyIds ids =
        new FheContext.KeyIds(
            Encoding.readOptionalString(in), Encoding.readOptionalString(in), Encoding.readOptionalString(in));
    long sizeBytes = in.getLong();
    Parsed parsed =
        new Parsed(
            parameters,
            ids,
            sizeBytes,
            Encoding.readBytes(in),
            Encoding.readBytes(in),
            Encoding.readBytes(in),
            Encoding.readBytes(in));
    if (in.hasRemaining()) {
      throw new IllegalArgumentException("trailing bytes");
    }
    return parsed;
  }

  /** The SEAL bridge that reads back what the store wrote for a context of these parameters. */
  SealObjects storedObjects(CkksParameters parameters) {
    return new SealObjects(parameters, maxStoredObjectBytes);
  }

  /**
   * A context as a worker caches it: where it is stored, the context, and a SEAL bridge whose cap admits
   * whatever the store wrote (its ciphertexts are read through it).
   */
  record LoadedContext(String location, FheContext context, SealObjects stored) {}
}
