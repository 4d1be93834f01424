package io.pqcfhe.pqc.identity;

import io.pqcfhe.crypto.bc.MlDsa65;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The server's long-lived ML-DSA-65 identity: it signs every handshake transcript, and clients pin the
 * SHA-256 fingerprint of its public key. Stored as the 32-byte seed in one owner-only file, created at
 * first start and reused afterwards, so the fingerprint survives restarts.
 */
public final class ServerIdentity {
  public static final String FILE_NAME = "server-identity.mldsa65.seed";

  private final MlDsa65.SigningKey signingKey;
  private final byte[] publicKey;
  private final String fingerprint;
  private final SecureRandom random;

  private ServerIdentity(MlDsa65.SigningKey signingKey, SecureRandom random) {
    this.signingKey = signingKey;
    this.publicKey = signingKey.publicKey();
    this.fingerprint = fingerprintOf(publicKey);
    this.random = random;
  }

  /** Loads the identity of a data folder, creating it (owner-only permissions) when absent. */
  public static ServerIdentity loadOrCreate(Path dataDir, SecureRandom random) {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      if (!Files.exists(file)) {
        writeNewSeed(file, random);
      }
      byte[] seed = Files.readAllBytes(file);
      try {
        if (seed.length != MlDsa65.SEED_BYTES) {
          throw new IllegalStateException(
              file + " is not an ML-DSA-65 seed (" + MlDsa65.SEED_BYTES + " bytes expected)");
        }
        return new ServerIdentity(MlDsa65.fromSeed(seed), random);
      } finally {
        Arrays.fill(seed, (byte) 0);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the server identity key " + file, e);
    }
  }

  private static void writeNewSeed(Path file, SecureRandom random) throws IOException {
    byte[] seed = MlDsa65.newSeed(random);
    try {
      Files.createDirectories(file.getParent());
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(file, seed, StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException raced) {
      // Another process created it between our check and our create: use theirs.
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  /** The raw 1952-byte ML-DSA-65 public key. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** Lowercase hex SHA-256 of the raw public key. */
  public String fingerprint() {
    return fingerprint;
  }

  /** A hedged ML-DSA-65 signature (pure, empty context) over {@code message}. */
  public byte[] sign(byte[] message) {
    return signingKey.sign(message, random);
  }

  public void destroy() {
    signingKey.destroy();
  }

  public static String fingerprintOf(byte[] publicKey) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
