package io.pqcfhe.fhe.service;

import io.pqcfhe.protocol.Utf8Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to one {@code fhe.*} request: its fields and, when it returns a SEAL object (a ciphertext, a
 * public key), that object's bytes, which the contract carries as standard base64 under their field.
 *
 * <p>The bytes stay bytes until the answer is written. {@link #utf8()} encodes them once, straight into the
 * answer's UTF-8 JSON; building the base64 String first and then encoding the JSON object would pass the
 * 350 KB of a returned ciphertext through memory three more times (the String, its bytes again, their
 * check). {@link #toJson()} is the same answer as a JSON object, for whoever needs one (the answers kept
 * for retries, tests).
 */
public final class FheAnswer {
  /** The answer's fields; the SEAL object's field, when there is one, holds null to keep its place. */
  private final JsonObject fields;
  private final String sealField;
  private final byte[] sealBytes;

  private FheAnswer(JsonObject fields, String sealField, byte[] sealBytes) {
    this.fields = Objects.requireNonNull(fields);
    this.sealField = sealField;
    this.sealBytes = sealBytes;
  }

  /** An answer without SEAL bytes. */
  static FheAnswer of(JsonObject fields) {
    return new FheAnswer(fields, null, null);
  }

  /**
   * An answer whose {@code field} carries {@code bytes} when present: {@code fields} then hold null under
   * {@code field}, where the base64 goes. The caller hands both over.
   */
  static FheAnswer of(JsonObject fields, String field, Optional<byte[]> bytes) {
    if (bytes.isEmpty()) {
      return of(fields);
    }
    if (!fields.containsKey(field) || fields.getValue(field) != null) {
      throw new IllegalArgumentException("the fields must hold null under " + field);
    }
    return new FheAnswer(fields, field, bytes.get());
  }

  /** The answer as a JSON object, the SEAL bytes as a base64 string in their field. A fresh copy. */
  public JsonObject toJson() {
    JsonObject json = fields.copy();
    if (sealField != null) {
      json.put(sealField, Base64.getEncoder().encodeToString(sealBytes)); // an existing key keeps its place
    }
    return json;
  }

  /** The answer's UTF-8 JSON: byte for byte {@code Utf8Json.encode(toJson())}. */
  public Buffer utf8() {
    return sealField == null ? Utf8Json.encode(fields) : Utf8Json.encodeWithBase64(fields, sealField, sealBytes);
  }
}
