package io.pqcfhe.fhe.request;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed, path-aware reads of one JSON object of a payload. A JSON {@code null} counts as absent. Every
 * refusal names the field by its path ({@code payload.parameters.steps}, {@code payload.data[3]}).
 */
final class Fields {
  /** Identifiers are issued by the server; anything longer than this cannot be one. */
  static final int MAX_ID_LENGTH = 128;

  private final JsonObject json;
  private final String path;

  private Fields(JsonObject json, String path) {
    this.json = json;
    this.path = path;
  }

  static Fields payload(JsonObject payload) {
    return new Fields(payload == null ? new JsonObject() : payload, "payload");
  }

  String path(String name) {
    return path + "." + name;
  }

  static String element(String arrayPath, int index) {
    return arrayPath + "[" + index + "]";
  }

  boolean has(String name) {
    return json.getValue(name) != null;
  }

  Object required(String name) {
    Object value = json.getValue(name);
    if (value == null) {
      throw RequestErrors.missing(path(name));
    }
    return value;
  }

  String requiredString(String name) {
    return string(path(name), required(name));
  }

  Optional<String> optionalString(String name) {
    return has(name) ? Optional.of(requiredString(name)) : Optional.empty();
  }

  /** A server-issued identifier: 1 to 128 characters. */
  String requiredId(String name) {
    return id(path(name), required(name));
  }

  boolean optionalBoolean(String name, boolean absent) {
    if (!has(name)) {
      return absent;
    }
    if (!(json.getValue(name) instanceof Boolean b)) {
      throw RequestErrors.wrongType(path(name), "a boolean");
    }
    return b;
  }

  /** An integral JSON number (8192 or 8192.0); magnitudes past the long range saturate. */
  long requiredIntegral(String name) {
    return integral(path(name), required(name));
  }

  double requiredNumber(String name) {
    return number(path(name), required(name));
  }

  Fields requiredObject(String name) {
    return object(path(name), required(name));
  }

  /** The object, or an empty one when absent. */
  Fields optionalObject(String name) {
    return has(name) ? requiredObject(name) : new Fields(new JsonObject(), path(name));
  }

  JsonArray requiredArray(String name) {
    Object value = required(name);
    if (!(value instanceof JsonArray array)) {
      throw RequestErrors.wrongType(path(name), "an array");
    }
    return array;
  }

  /** Non-empty list of identifiers, at most {@code max}. */
  List<String> requiredIds(String name, int max) {
    JsonArray array = requiredArray(name);
    String arrayPath = path(name);
    if (array.size() > max) {
      throw RequestErrors.tooManyValues(arrayPath, max);
    }
    List<String> ids = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      ids.add(id(element(arrayPath, i), array.getValue(i)));
    }
    return List.copyOf(ids);
  }

  JsonObject json() {
    return json;
  }

  String path() {
    return path;
  }

  static String string(String path, Object value) {
    if (!(value instanceof String s)) {
      throw RequestErrors.wrongType(path, "a string");
    }
    return s;
  }

  static String id(String path, Object value) {
    if (value == null) {
      throw RequestErrors.missing(path);
    }
    String id = string(path, value);
    if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
      throw RequestErrors.invalid(path, "invalid_id", path + " must be 1 to " + MAX_ID_LENGTH + " characters");
    }
    return id;
  }

  static Fields object(String path, Object value) {
    if (!(value instanceof JsonObject object)) {
      throw RequestErrors.wrongType(path, "an object");
    }
    return new Fields(object, path);
  }

  static long integral(String path, Object value) {
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big) {
      return big.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      double d = ((Number) value).doubleValue();
      if (Double.isFinite(d) && d == Math.rint(d)) {
        return d >= 0x1p63 ? Long.MAX_VALUE : d <= -0x1p63 ? Long.MIN_VALUE : (long) d;
      }
    }
    throw RequestErrors.wrongType(path, "an integer");
  }

  /** Any JSON number as a double (possibly infinite or NaN: callers decide). */
  static double number(String path, Object value) {
    if (!(value instanceof Number n)) {
      throw RequestErrors.wrongType(path, "a number");
    }
    return n.doubleValue();
  }

  /** A finite number; NaN, infinities and non-numbers are refused with the element's path. */
  static double finite(String path, Object value) {
    if (value == null) {
      throw RequestErrors.wrongType(path, "a number");
    }
    double d = number(path, value);
    if (!Double.isFinite(d)) {
      throw RequestErrors.invalid(path, "not_finite", path + " must be a finite number");
    }
    return d;
  }

  /** A non-empty array of finite numbers, at most {@code max}, checked before it is copied. */
  static double[] finiteNumbers(String path, JsonArray array, int max) {
    if (array.isEmpty()) {
      throw RequestErrors.invalid(path, "empty", path + " must not be empty");
    }
    if (array.size() > max) {
      throw RequestErrors.tooManyValues(path, max);
    }
    double[] values = new double[array.size()];
    for (int i = 0; i < values.length; i++) {
      Object value = array.getValue(i);
      double d = value instanceof Number n ? n.doubleValue() : Double.NaN;
      // The path is only built for a refusal: 16384 values must not cost 16384 strings.
      values[i] = Double.isFinite(d) ? d : finite(element(path, i), value);
    }
    return values;
  }
}
