package io.pqcfhe.client.internal;

import io.pqcfhe.client.PqcFheException;
import io.pqcfhe.client.PqcFheException.LocalCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Base64;

/**
 * Reads the fields of a server's payload strictly: a missing or mistyped field, or base64 that does not
 * decode to the expected size, is the server breaking the contract ({@link LocalCode#PROTOCOL_VIOLATION}),
 * reported with the field's name. Not part of the client's API.
 */
public final class WireFields {
  private WireFields() {}

  public static String string(JsonObject json, String field) {
    if (json.getValue(field) instanceof String s) {
      return s;
    }
    throw missing(field);
  }

  public static long integer(JsonObject json, String field) {
    Object v = json.getValue(field);
    if (v instanceof Integer || v instanceof Long) {
      return ((Number) v).longValue();
    }
    throw missing(field);
  }

  public static boolean bool(JsonObject json, String field) {
    if (json.getValue(field) instanceof Boolean b) {
      return b;
    }
    throw missing(field);
  }

  public static JsonObject object(JsonObject json, String field) {
    if (json.getValue(field) instanceof JsonObject o) {
      return o;
    }
    throw missing(field);
  }

  public static JsonArray array(JsonObject json, String field) {
    if (json.getValue(field) instanceof JsonArray a) {
      return a;
    }
    throw missing(field);
  }

  /** Base64 of any length (the standard alphabet, as servers send; the URL-safe one is tolerated). */
  public static byte[] bytes(JsonObject json, String field) {
    String text = string(json, field);
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException notStandard) {
      // The URL-safe alphabet differs only in '-' and '_', which the standard decoder refuses: tried
      // second, it costs nothing to the usual answer, which a scan for those two would.
      try {
        return Base64.getUrlDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        throw PqcFheException.local(LocalCode.PROTOCOL_VIOLATION, "field " + field + " is not base64");
      }
    }
  }

  public static byte[] bytes(JsonObject json, String field, int expectedLength) {
    byte[] b = bytes(json, field);
    if (b.length != expectedLength) {
      throw PqcFheException.local(
          LocalCode.PROTOCOL_VIOLATION, "field " + field + " must be " + expectedLength + " bytes, got " + b.length);
    }
    return b;
  }

  public static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static PqcFheException missing(String field) {
    return PqcFheException.local(LocalCode.PROTOCOL_VIOLATION, "field " + field + " missing or of the wrong type");
  }
}
