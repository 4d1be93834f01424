package io.pqcfhe.fhe.service;

import io.pqcfhe.ckks.ckks.CkksContext;
import io.pqcfhe.ckks.params.CkksParameters;
import io.pqcfhe.ckks.rlwe.GaloisKeys;
import io.pqcfhe.ckks.rlwe.KeyGenerator;
import io.pqcfhe.ckks.rlwe.PublicKey;
import io.pqcfhe.ckks.rlwe.RelinKeys;
import io.pqcfhe.ckks.rlwe.SecretKey;
import io.pqcfhe.ckks.seal.SealObjects;
import io.pqcfhe.ckks.security.SecurityLevel;
import io.pqcfhe.fhe.request.KeyManagement;
import io.pqcfhe.fhe.request.SetupRequest;
import io.pqcfhe.fhe.store.FheContext;
import io.pqcfhe.protocol.ErrorCode;
import io.pqcfhe.protocol.ProtocolError;
import io.pqcfhe.protocol.ProtocolException;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Builds the {@link FheContext} of an {@code fhe.setup}: validates the parameters against the
 * HomomorphicEncryption.org bound, then generates the keys (server key management) or loads and validates
 * the uploaded ones (client key management). The memory the keys will take is reported to
 * {@code reserve} before they are generated, so a quota refusal costs no key generation.
 */
final class ContextFactory {
  private final SecureRandom random;
  private final long maxSealObjectBytes;

  ContextFactory(SecureRandom random, long maxSealObjectBytes) {
    this.random = random;
    this.maxSealObjectBytes = maxSealObjectBytes;
  }

  /** A context whose key ids are drawn from {@code ids}. */
  FheContext create(SetupRequest request, Ids ids, LongConsumer reserve) {
    CkksParameters parameters = parameters(request);
    CkksContext ckks = new CkksContext(parameters);
    SealObjects seal = new SealObjects(parameters, maxSealObjectBytes);
    return request.keyManagement() == KeyManagement.SERVER
        ? serverKeys(request, ckks, seal, ids, reserve)
        : clientKeys(request, ckks, seal, ids, reserve);
  }

  private FheContext serverKeys(
      SetupRequest request, CkksContext ckks, SealObjects seal, Ids ids, LongConsumer reserve) {
    CkksParameters parameters = ckks.parameters();
    int[] galoisElements =
        request.rotations()
            .map(steps -> KeyGenerator.galoisElementsForSteps(ckks.rns(), steps.stream().mapToInt(Integer::intValue).toArray(), false))
            .orElseGet(() -> KeyGenerator.defaultGaloisElements(ckks.rns()));
    long keyBytes = FheContext.keyBytes(parameters, true, true, true, galoisElements.length);
    reserve.accept(keyBytes);

    KeyGenerator keygen = new KeyGenerator(ckks.rns(), random);
    SecretKey secretKey = keygen.secretKey();
    try {
      return FheContext.fromKeys(
          ckks,
          seal,
          Optional.of(secretKey),
          Optional.of(keygen.publicKey(secretKey)),
          Optional.of(keygen.relinKeys(secretKey)),
          Optional.of(keygen.galoisKeys(secretKey, galoisElements)),
          new FheContext.KeyIds(ids.next("pk-"), ids.next("rk-"), ids.next("gk-")),
          keyBytes,
          random);
    } catch (RuntimeException e) {
      secretKey.destroy();
      throw e;
    }
  }

  private FheContext clientKeys(
      SetupRequest request, CkksContext ckks, SealObjects seal, Ids ids, LongConsumer reserve) {
    CkksParameters parameters = ckks.parameters();
    // Loading allocates about what the uncompressed SEAL bytes hold; seeded forms expand to twice theirs.
    long estimate =
        request.publicKey().map(b -> 2L * b.length()).orElse(0L)
            + request.relinKeys().map(b -> 2L * b.length()).orElse(0L)
            + request.galoisKeys().map(b -> 2L * b.length()).orElse(0L);
    reserve.accept(estimate);
    Optional<PublicKey> publicKey = request.publicKey().map(b -> seal.loadPublicKey(b.bytes()));
    Optional<RelinKeys> relinKeys = request.relinKeys().map(b -> seal.loadRelinKeys(b.bytes()));
    Optional<GaloisKeys> galoisKeys = request.galoisKeys().map(b -> seal.loadGaloisKeys(b.bytes()));
    long keyBytes =
        FheContext.keyBytes(
            parameters, false, publicKey.isPresent(), relinKeys.isPresent(), galoisKeys.map(GaloisKeys::count).orElse(0));
    return FheContext.fromKeys(
        ckks,
        seal,
        Optional.empty(),
        publicKey,
        relinKeys,
        galoisKeys,
        new FheContext.KeyIds(
            publicKey.isPresent() ? ids.next("pk-") : null,
            relinKeys.isPresent() ? ids.next("rk-") : null,
            galoisKeys.isPresent() ? ids.next("gk-") : null),
        keyBytes,
        random);
  }

  /** SEAL's primes for the bit sizes, within the security bound, with a scale the data modulus can carry. */
  private static CkksParameters parameters(SetupRequest request) {
    List<Integer> bits = request.coeffModulusBits();
    if (bits.size() < 2) {
      throw contextError(
          "unsupported_coeff_modulus_bits",
          "payload.coeff_modulus_bits",
          "coeff_modulus_bits needs at least two primes: data primes and the special prime");
    }
    SecurityLevel level = SecurityLevel.ofBits(request.securityLevel());
    int total = bits.stream().mapToInt(Integer::intValue).sum();
    int bound = level.maxModulusBits(request.polyModulusDegree());
    if (total > bound) {
      throw new ProtocolError(
              ErrorCode.FHE_CONTEXT_ERROR,
              "coeff_modulus_bits total " + total + " exceeds the " + request.securityLevel()
                  + "-bit security bound of " + bound + " for poly_modulus_degree " + request.polyModulusDegree(),
              new JsonObject()
                  .put("reason", "security_bound_exceeded")
                  .put("field", "payload.coeff_modulus_bits")
                  .put("max_total_bits", bound))
          .asException();
    }
    int dataBits = total - bits.get(bits.size() - 1);
    double scaleBits = Math.log(request.scale()) / Math.log(2);
    if (request.scale() < 1 || scaleBits >= dataBits - 1) {
      throw contextError("invalid_scale", "payload.scale", "scale must be at least 1 and below the data modulus");
    }
    int[] bitArray = bits.stream().mapToInt(Integer::intValue).toArray();
    try {
      return CkksParameters.create(request.polyModulusDegree(), bitArray, request.scale(), level);
    } catch (IllegalArgumentException e) {
      // Not enough NTT-friendly primes of some size for this degree, the only refusal left.
      throw contextError(
          "unsupported_coeff_modulus_bits",
          "payload.coeff_modulus_bits",
          "there are not enough primes of these sizes for poly_modulus_degree " + request.polyModulusDegree());
    }
  }

  private static ProtocolException contextError(String reason, String field, String message) {
    return new ProtocolError(ErrorCode.FHE_CONTEXT_ERROR, message, new JsonObject().put("reason", reason).put("field", field))
        .asException();
  }
}
