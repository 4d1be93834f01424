package io.pqcfhe.client.fhe;

import io.pqcfhe.ckks.seal.SealObjects;
import io.pqcfhe.client.PqcFheException;
import io.pqcfhe.client.PqcFheException.LocalCode;
import io.pqcfhe.client.internal.WireFields;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One FHE context on the server, used through a {@link FheTransport} (plain requests or the secure
 * channel). With {@link KeyMode#CLIENT} the client's {@link ClientKeys} encrypt and decrypt locally and the
 * server only ever receives public keys and ciphertexts; with {@link KeyMode#SERVER} the server encrypts
 * and decrypts.
 *
 * <p>Everything the server returns is checked: the context's parms_id against the one computed locally,
 * and every SEAL object it sends (public key, ciphertexts) loads with the engine's validation for these
 * parameters. A mismatch is {@link LocalCode#PROTOCOL_VIOLATION}.
 */
public final class FheSession {
  private static final long MAX_OBJECT_BYTES = 64L << 20;

  private final FheTransport transport;
  private final FheContextHandle context;
  private final SealObjects seal;
  private final Optional<ClientKeys> keys;

  private FheSession(FheTransport transport, FheContextHandle context, SealObjects seal, Optional<ClientKeys> keys) {
    this.transport = transport;
    this.context = context;
    this.seal = seal;
    this.keys = keys;
  }

  /** {@code fhe.setup} with server-held keys; {@code rotations} empty: the server's default Galois set. */
  public static Future<FheSession> setupServerKeys(FheTransport transport, FheParameters parameters, int... rotations) {
    SealObjects seal = new SealObjects(parameters.engineParameters(), MAX_OBJECT_BYTES);
    JsonObject payload = parameters.setupPayload().put("key_management", KeyMode.SERVER.wireName());
    if (rotations.length > 0) {
      JsonArray steps = new JsonArray();
      for (int r : rotations) {
        steps.add(r);
      }
      payload.put("rotations", steps);
    }
    return transport.send("fhe.setup", payload).map(answer -> {
      FheContextHandle handle = handle(answer, parameters, KeyMode.SERVER, seal);
      // The public key is returned so a client could encrypt: it must at least be a key of these parameters.
      checked(() -> seal.loadPublicKey(WireFields.bytes(answer, "public_key")), "public_key");
      return new FheSession(transport, handle, seal, Optional.empty());
    });
  }

  /**
   * {@code fhe.setup} with client-held keys: uploads the public, relinearization and (when made) Galois keys
   * of {@code keys}. The session uses {@code keys} but does not own them: close them when done.
   */
  public static Future<FheSession> setupClientKeys(FheTransport transport, FheParameters parameters, ClientKeys keys) {
    SealObjects seal = new SealObjects(parameters.engineParameters(), MAX_OBJECT_BYTES);
    if (!seal.parmsId().hex().equals(keys.parmsId())) {
      return Future.failedFuture(new IllegalArgumentException("the keys were made for other parameters"));
    }
    JsonObject payload =
        parameters.setupPayload()
            .put("key_management", KeyMode.CLIENT.wireName())
            .put("public_key", WireFields.base64(keys.publicKeyBytes()))
            .put("relin_keys", WireFields.base64(keys.relinKeyBytes()));
    byte[] galois = keys.galoisKeyBytes();
    if (galois != null) {
      payload.put("galois_keys", WireFields.base64(galois));
    }
    return transport.send("fhe.setup", payload)
        .map(answer -> new FheSession(transport, handle(answer, parameters, KeyMode.CLIENT, seal), seal, Optional.of(keys)));
  }

  public FheContextHandle context() {
    return context;
  }

  /** Server keys: {@code fhe.encrypt}. Client keys: encrypted here with the public key, then {@code fhe.upload}. */
  public Future<FheCiphertext> encrypt(double[] values) {
    if (keys.isPresent()) {
      byte[] sealBytes;
      try {
        sealBytes = keys.get().encrypt(values);
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
      return upload(sealBytes);
    }
    JsonArray data = new JsonArray();
    for (double v : values) {
      data.add(v);
    }
    return transport.send("fhe.encrypt", contextPayload()
            .put("data", data)
            .put("data_type", "float_array")
            .put("batch_encode", true)
            .put("include_ciphertext", false))
        .map(a -> ciphertext(a, "ciphertext_id"));
  }

  /** {@code fhe.upload} of SEAL bytes (any SEAL client's ciphertext of these parameters). */
  public Future<FheCiphertext> upload(byte[] sealBytes) {
    return transport.send("fhe.upload", contextPayload().put("ciphertext", WireFields.base64(sealBytes)))
        .map(a -> ciphertext(a, "ciphertext_id"));
  }

  /** {@code fhe.download}: the SEAL bytes, validated for these parameters. */
  public Future<byte[]> download(String ciphertextId) {
    return transport.send("fhe.download", contextPayload().put("ciphertext_id", ciphertextId))
        .map(a -> validCiphertext(WireFields.bytes(a, "ciphertext"), "ciphertext"));
  }

  /** {@code fhe.compute} of any operation; {@code parameters} as PROTOCOL.md §6 describes them. */
  public Future<ComputeResult> compute(String operation, List<String> operands, JsonObject parameters, boolean includeCiphertext) {
    JsonObject payload = contextPayload()
        .put("operation", operation)
        .put("parameters", parameters == null ? new JsonObject() : parameters.copy())
        .put("include_ciphertext", includeCiphertext);
    if (!operands.isEmpty()) {
      payload.put("operands", new JsonArray(List.copyOf(operands)));
    }
    return transport.send("fhe.compute", payload).map(a -> result(a, includeCiphertext));
  }

  /** {@code fhe.compute} of {@code polynomial}: {@code expression} over variables named to ciphertext ids. */
  public Future<ComputeResult> polynomial(String expression, Map<String, String> variables, boolean includeCiphertext) {
    JsonObject mapping = new JsonObject();
    variables.forEach(mapping::put);
    return compute("polynomial", List.of(), new JsonObject().put("expression", expression).put("variable_mapping", mapping),
        includeCiphertext);
  }

  /**
   * The first {@code count} values of a ciphertext. Client keys: {@code fhe.download} and local decryption
   * (the server cannot decrypt). Server keys: {@code fhe.decrypt} (use a secure-channel transport to keep
   * the values confidential on the way back).
   */
  public Future<Decryption> decrypt(String ciphertextId, int count) {
    if (keys.isPresent()) {
      ClientKeys k = keys.get();
      return download(ciphertextId).map(bytes -> new Decryption(k.decrypt(bytes, count), OptionalInt.empty()));
    }
    return transport.send("fhe.decrypt", contextPayload().put("ciphertext_id", ciphertextId).put("expected_size", count))
        .map(a -> {
          JsonArray data = WireFields.array(a, "decrypted_data");
          double[] values = new double[data.size()];
          for (int i = 0; i < values.length; i++) {
            if (!(data.getValue(i) instanceof Number n)) {
              throw PqcFheException.local(LocalCode.PROTOCOL_VIOLATION, "decrypted_data holds a non-number");
            }
            values[i] = n.doubleValue();
          }
          return new Decryption(values, OptionalInt.of((int) WireFields.integer(a, "precision_bits")));
        });
  }

  /** {@code fhe.release} of some ciphertexts; the number freed. */
  public Future<Integer> release(List<String> ciphertextIds) {
    return transport.send("fhe.release", contextPayload().put("ciphertext_ids", new JsonArray(List.copyOf(ciphertextIds))))
        .map(a -> (int) WireFields.integer(a, "released"));
  }

  /** {@code fhe.release} of the whole context (the server zeroizes its keys). */
  public Future<Void> release() {
    return transport.send("fhe.release", contextPayload()).mapEmpty();
  }

  // ------------------------------------------------------------------------------------------ answers

  private JsonObject contextPayload() {
    return new JsonObject().put("context_id", context.contextId());
  }

  private static FheContextHandle handle(JsonObject a, FheParameters parameters, KeyMode mode, SealObjects seal) {
    String parmsId = WireFields.string(a, "parms_id");
    if (!parmsId.equals(seal.parmsId().hex())) {
      throw PqcFheException.local(LocalCode.PROTOCOL_VIOLATION,
          "the server's parms_id is not the one of the requested parameters");
    }
    if (!mode.wireName().equals(WireFields.string(a, "key_management"))) {
      throw PqcFheException.local(LocalCode.PROTOCOL_VIOLATION, "the server set up another key management");
    }
    int slots = (int) WireFields.integer(a, "slot_count");
    if (slots != parameters.polyModulusDegree() / 2) {
      throw PqcFheException.local(LocalCode.PROTOCOL_VIOLATION, "slot_count is not N/2");
    }
    return new FheContextHandle(
        WireFields.string(a, "context_id"), mode, parameters, parmsId, slots, (int) WireFields.integer(a, "max_depth"),
        optionalString(a, "public_key_id"), optionalString(a, "relin_key_id"), optionalString(a, "galois_key_id"));
  }

  private static Optional<String> optionalString(JsonObject a, String field) {
    return a.getValue(field) == null ? Optional.empty() : Optional.of(WireFields.string(a, field));
  }

  private static FheCiphertext ciphertext(JsonObject a, String idField) {
    return new FheCiphertext(WireFields.string(a, idField), (int) WireFields.integer(a, "level"), number(a, "scale"),
        WireFields.integer(a, "size_bytes"));
  }

  private ComputeResult result(JsonObject a, boolean includeCiphertext) {
    byte[] bytes = includeCiphertext ? validCiphertext(WireFields.bytes(a, "result_ciphertext"), "result_ciphertext") : null;
    List<String> operations = new ArrayList<>();
    for (Object o : WireFields.array(a, "operations_performed")) {
      operations.add(Objects.toString(o));
    }
    return new ComputeResult(
        new FheCiphertext(WireFields.string(a, "result_ciphertext_id"), (int) WireFields.integer(a, "level"), number(a, "scale"),
            a.getValue("size_bytes") instanceof Number n ? n.longValue() : bytes == null ? 0L : bytes.length),
        operations,
        (int) WireFields.integer(a, "remaining_depth"),
        (int) WireFields.integer(a, "noise_budget"),
        number(a, "computation_time_ms"),
        bytes);
  }

  /** Checked as the engine loads it (shape, level, every coefficient), without building a ciphertext from it. */
  private byte[] validCiphertext(byte[] sealBytes, String field) {
    checked(() -> seal.codec().checkCiphertext(sealBytes), field);
    return sealBytes;
  }

  private static void checked(Runnable load, String field) {
    try {
      load.run();
    } catch (RuntimeException e) {
      throw PqcFheException.local(LocalCode.PROTOCOL_VIOLATION, field + " is not a valid SEAL object of these parameters");
    }
  }

  private static double number(JsonObject a, String field) {
    if (a.getValue(field) instanceof Number n) {
      return n.doubleValue();
    }
    throw PqcFheException.local(LocalCode.PROTOCOL_VIOLATION, "field " + field + " missing or of the wrong type");
  }
}
