package io.pqcfhe.fhe.service;

import io.pqcfhe.ckks.ckks.CkksEncoder;
import io.pqcfhe.ckks.params.CkksParameters;
import io.pqcfhe.ckks.rlwe.Ciphertext;
import io.pqcfhe.ckks.rlwe.Encryptor;
import io.pqcfhe.ckks.seal.ComprMode;
import io.pqcfhe.fhe.request.Compression;
import io.pqcfhe.fhe.request.ComputeRequest;
import io.pqcfhe.fhe.request.DecryptRequest;
import io.pqcfhe.fhe.request.DownloadRequest;
import io.pqcfhe.fhe.request.EncryptRequest;
import io.pqcfhe.fhe.request.FheRequest;
import io.pqcfhe.fhe.request.FheRequests;
import io.pqcfhe.fhe.request.ReleaseRequest;
import io.pqcfhe.fhe.request.RequestLimits;
import io.pqcfhe.fhe.request.SetupRequest;
import io.pqcfhe.fhe.request.UploadRequest;
import io.pqcfhe.fhe.store.Answers;
import io.pqcfhe.fhe.store.ErrorEstimate;
import io.pqcfhe.fhe.store.FheContext;
import io.pqcfhe.fhe.store.FheStore;
import io.pqcfhe.fhe.store.StoredCiphertext;
import io.pqcfhe.protocol.Action;
import io.pqcfhe.protocol.ErrorCode;
import io.pqcfhe.protocol.ProtocolError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code fhe.*} actions of PROTOCOL §6 on a {@link FheStore}: validates the payload into its typed
 * request, runs it on the engine and answers the contract's payload. Knows nothing of Vert.x or of where the
 * store keeps its state; thread-safe (all state is in the store).
 *
 * <p>Every action is idempotent under an operation id (set by a cluster's router, the same on a retry): the
 * ids it creates are derived from it, so a re-run writes the same entries and counts nothing twice, and the
 * answer of an action that changed state is remembered ({@link Answers}) and given again unchanged. Reads
 * (download, decrypt) are not remembered: a re-run reads the same state and answers the same, and no
 * decrypted value is kept anywhere.
 */
public final class FheService {
  private final FheStore store;
  private final Answers answers;
  private final RequestLimits limits;
  private final ContextFactory contexts;
  private final ComputeHandler compute;
  private final SecureRandom random;

  /** A service for a single process: no operation ids, no answers remembered. */
  public FheService(FheStore store, RequestLimits limits, SecureRandom random) {
    this(store, Answers.none(), limits, random);
  }

  public FheService(FheStore store, Answers answers, RequestLimits limits, SecureRandom random) {
    this.store = Objects.requireNonNull(store, "store");
    this.answers = Objects.requireNonNull(answers, "answers");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.random = Objects.requireNonNull(random, "random");
    this.contexts = new ContextFactory(random, limits.maxSealObjectBytes());
    this.compute = new ComputeHandler(store);
  }

  /**
   * Answers one {@code fhe.*} request of a session.
   *
   * @throws io.pqcfhe.protocol.ProtocolException the contract's refusal; any other exception is mapped by
   *     {@link EngineErrors#toProtocolError}
   */
  public JsonObject handle(Action action, JsonObject payload, String sessionId) {
    return answer(action, payload, sessionId, Optional.empty()).toJson();
  }

  /**
   * Answers one {@code fhe.*} request of a session, idempotently under {@code operationId} when present (see
   * the class comment): a retry of an operation that already succeeded gets the same answer.
   *
   * @param operationId 32 lower-case hex digits (the form {@link io.pqcfhe.protocol.Addresses#isOperationId}), or empty (then as {@link #handle(Action, JsonObject, String)})
   * @throws io.pqcfhe.protocol.ProtocolException the contract's refusal; any other exception is mapped by
   *     {@link EngineErrors#toProtocolError}
   */
  public JsonObject handle(Action action, JsonObject payload, String sessionId, Optional<String> operationId) {
    return answer(action, payload, sessionId, operationId).toJson();
  }

  /**
   * {@link #handle(Action, JsonObject, String, Optional)}'s answer in the form a worker writes: its SEAL
   * bytes, if any, still bytes (see {@link FheAnswer}).
   */
  public FheAnswer answer(Action action, JsonObject payload, String sessionId, Optional<String> operationId) {
    FheRequest request = FheRequests.parse(action, payload, limits);
    if (operationId.isEmpty()) {
      return run(request, sessionId, Ids.random(random));
    }
    String op = operationId.get().toLowerCase(Locale.ROOT);
    boolean remembered = !(request instanceof DownloadRequest || request instanceof DecryptRequest);
    if (remembered) {
      Optional<JsonObject> earlier = answers.find(sessionId, op);
      if (earlier.isPresent()) {
        return FheAnswer.of(earlier.get());
      }
    }
    FheAnswer answer = run(request, sessionId, Ids.derived(op));
    if (remembered) {
      answers.keep(sessionId, op, answer.toJson());
    }
    return answer;
  }

  private FheAnswer run(FheRequest request, String sessionId, Ids ids) {
    if (request instanceof SetupRequest r) {
      return setup(r, sessionId, ids);
    } else if (request instanceof EncryptRequest r) {
      return encrypt(r, sessionId, ids);
    } else if (request instanceof UploadRequest r) {
      return FheAnswer.of(upload(r, sessionId, ids));
    } else if (request instanceof DownloadRequest r) {
      return download(r, sessionId);
    } else if (request instanceof ComputeRequest r) {
      return compute.handle(r, sessionId, ids);
    } else if (request instanceof DecryptRequest r) {
      return FheAnswer.of(decrypt(r, sessionId));
    } else if (request instanceof ReleaseRequest r) {
      return FheAnswer.of(release(r, sessionId));
    }
    throw new IllegalStateException("unhandled request type");
  }

  /** Frees and zeroizes everything the session holds. */
  public void endSession(String sessionId) {
    store.endSession(sessionId);
  }

  public int activeContexts() {
    return store.activeContexts();
  }

  private FheAnswer setup(SetupRequest request, String sessionId, Ids ids) {
    store.requireRoom(sessionId, 1, 0, 0);
    String contextId = ids.next("ctx-");
    FheContext context =
        store.addContext(
            sessionId, contextId, contexts.create(request, ids, bytes -> store.requireRoom(sessionId, 1, 0, bytes)));
    CkksParameters parameters = context.parameters();
    JsonObject answer =
        new JsonObject()
            .put("context_id", contextId)
            .put("public_key_id", context.keys().publicKeyId())
            .put("relin_key_id", context.keys().relinKeyId())
            .put("galois_key_id", context.keys().galoisKeyId())
            .put("max_depth", parameters.maxLevel())
            .put("slot_count", parameters.slotCount())
            .put("parms_id", context.seal().parmsId().hex())
            .put("key_management", request.keyManagement().wireName());
    if (!context.serverKeys()) {
      return FheAnswer.of(answer);
    }
    byte[] publicKey = context.seal().save(context.publicKey().orElseThrow(), comprMode(request.compression()));
    return FheAnswer.of(answer.putNull("public_key"), "public_key", Optional.of(publicKey));
  }

  private FheAnswer encrypt(EncryptRequest request, String sessionId, Ids ids) {
    FheContext context = store.context(sessionId, request.contextId());
    request.requireFitsSlots(context.parameters().slotCount());
    Encryptor encryptor = context.encryptor().orElseThrow(() -> EngineErrors.missingPublicKey().asException());
    CkksParameters parameters = context.parameters();
    double scale = request.scale().orElse(parameters.defaultScale());
    double[] data = request.data();
    double magnitude = EngineBackend.maxAbs(data);
    int level = parameters.maxLevel();
    // The encoded coefficients must stay below half the modulus: scale·max|value| with room to compute.
    if (scale < 1 || Math.log(scale * Math.max(1, magnitude)) / Math.log(2) >= parameters.log2Modulus(level) - 1) {
      throw new ProtocolError(
              ErrorCode.FHE_CONTEXT_ERROR,
              "the scale must be at least 1, and the scale times the largest value must fit the modulus",
              new JsonObject().put("reason", "invalid_scale").put("field", "payload.scale"))
          .asException();
    }
    store.requireRoom(sessionId, 0, 1, freshBytes(parameters));
    CkksEncoder encoder = context.encoder();
    Ciphertext ct = encryptor.encrypt(encoder.encode(data, level, scale));
    ErrorEstimate estimate = new NoiseModel(parameters).fresh(magnitude, scale);
    StoredCiphertext stored = new StoredCiphertext(ct, estimate, OptionalInt.of(data.length));
    String id = ids.next("ct-");
    store.addCiphertext(sessionId, request.contextId(), id, stored);
    JsonObject answer = new JsonObject().put("ciphertext_id", id);
    Optional<byte[]> bytes =
        putCiphertext(answer, "ciphertext", context, ct, request.includeCiphertext(), request.compression());
    answer.put("noise_budget", NoiseBudget.of(parameters, ct)).put("level", ct.level()).put("scale", ct.scale());
    return FheAnswer.of(answer, "ciphertext", bytes);
  }

  private JsonObject upload(UploadRequest request, String sessionId, Ids ids) {
    FheContext context = store.context(sessionId, request.contextId());
    store.requireRoom(sessionId, 0, 1, 2L * request.ciphertext().length());
    Ciphertext ct = context.seal().loadCiphertext(request.ciphertext().bytes());
    StoredCiphertext stored = new StoredCiphertext(ct, uploadedEstimate(context, ct), OptionalInt.empty());
    String id = ids.next("ct-");
    store.addCiphertext(sessionId, request.contextId(), id, stored);
    return new JsonObject()
        .put("ciphertext_id", id)
        .put("level", ct.level())
        .put("scale", ct.scale())
        .put("size_bytes", context.seal().saveSize(ct, comprMode(request.compression())));
  }

  /**
   * In server key mode an uploaded ciphertext is decrypted once. Its magnitude is measured; its history is
   * unknown, so its error is estimated from the imaginary parts of its slots: for real data they are pure
   * noise, distributed like the noise in the real parts. Sixteen times the largest of them (four bits of
   * margin) plus a fresh encryption's bound is taken: a statistical estimate, not a bound (noise shared by
   * all slots, as after a slot sum, is one sample). Complex data only makes it more cautious. In client
   * key mode nothing is known.
   */
  private static ErrorEstimate uploadedEstimate(FheContext context, Ciphertext ct) {
    if (context.decryptor().isEmpty()) {
      return ErrorEstimate.UNKNOWN;
    }
    double[][] slots = context.encoder().decodeComplex(context.decryptor().orElseThrow().decrypt(ct));
    double magnitude = 0;
    double imaginary = 0;
    for (int i = 0; i < slots[0].length; i++) {
      magnitude = Math.max(magnitude, Math.hypot(slots[0][i], slots[1][i]));
      imaginary = Math.max(imaginary, Math.abs(slots[1][i]));
    }
    ErrorEstimate fresh = new NoiseModel(context.parameters()).fresh(magnitude, ct.scale());
    double error = fresh.error() + 16 * imaginary;
    return new ErrorEstimate(magnitude + error, error);
  }

  private FheAnswer download(DownloadRequest request, String sessionId) {
    FheContext context = store.context(sessionId, request.contextId());
    StoredCiphertext stored = store.ciphertext(sessionId, request.contextId(), request.ciphertextId());
    JsonObject answer = new JsonObject();
    Optional<byte[]> bytes = putCiphertext(answer, "ciphertext", context, stored.ciphertext(), true, request.compression());
    return FheAnswer.of(answer, "ciphertext", bytes);
  }

  private JsonObject decrypt(DecryptRequest request, String sessionId) {
    FheContext context = store.context(sessionId, request.contextId());
    StoredCiphertext stored = store.ciphertext(sessionId, request.contextId(), request.ciphertextId());
    if (!context.serverKeys()) {
      throw ProtocolError.withReason(
              ErrorCode.FHE_CONTEXT_ERROR,
              "secret_key_not_on_server",
              "the context uses client key management: only the client can decrypt")
          .asException();
    }
    int slotCount = context.parameters().slotCount();
    request.requireFitsSlots(slotCount);
    int count = request.expectedSize().orElse(stored.length().orElse(slotCount));
    double[] slots = context.encoder().decode(context.decryptor().orElseThrow().decrypt(stored.ciphertext()));
    JsonArray values = new JsonArray();
    for (int i = 0; i < count; i++) {
      values.add(slots[i]);
    }
    return new JsonObject()
        .put("decrypted_data", values)
        .put("precision_bits", precisionBits(context, stored));
  }

  private static int precisionBits(FheContext context, StoredCiphertext stored) {
    Ciphertext ct = stored.ciphertext();
    return new NoiseModel(context.parameters()).precisionBits(stored.estimate(), ct.level(), ct.scale());
  }

  private JsonObject release(ReleaseRequest request, String sessionId) {
    if (request.releasesContext()) {
      int freed = store.releaseContext(sessionId, request.contextId());
      return new JsonObject().put("released", freed).put("context_released", true);
    }
    int freed = store.releaseCiphertexts(sessionId, request.contextId(), request.ciphertextIds().orElseThrow());
    return new JsonObject().put("released", freed).put("context_released", false);
  }

  /**
   * Puts {@code size_bytes} and, when {@code include}, the place of the SEAL bytes under {@code field}
   * (null, see {@link FheAnswer}); returns those bytes.
   */
  static Optional<byte[]> putCiphertext(
      JsonObject answer, String field, FheContext context, Ciphertext ct, boolean include, Compression compression) {
    if (!include) {
      // Uncompressed, the size follows from the shape: no serialization for an answer without the bytes.
      answer.put("size_bytes", context.seal().saveSize(ct, comprMode(compression)));
      return Optional.empty();
    }
    byte[] bytes = context.seal().save(ct, comprMode(compression));
    answer.putNull(field).put("size_bytes", bytes.length);
    return Optional.of(bytes);
  }

  static ComprMode comprMode(Compression compression) {
    return switch (compression) {
      case NONE -> ComprMode.NONE;
      case ZLIB -> ComprMode.ZLIB;
      case ZSTD -> ComprMode.ZSTD;
    };
  }

  /** The memory of a fresh ciphertext: two polynomials over the data primes. */
  static long freshBytes(CkksParameters parameters) {
    return 2L * (parameters.maxLevel() + 1) * parameters.degree() * Long.BYTES;
  }

}
