package io.pqcfhe.pqc;

import io.pqcfhe.protocol.ProtocolError;
import io.pqcfhe.protocol.ProtocolException;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads the typed fields of a request payload, refusing a missing required field, a value of the wrong
 * JSON type or bad base64 with {@code INVALID_REQUEST} naming the field ({@code payload.<name>}).
 *
 * <p>Base64 follows the contract's conventions: standard alphabet with padding on output; on input also
 * the URL-safe alphabet and missing padding (but not both alphabets in one value, nor whitespace).
 */
public final class PayloadReader {
  /** JSON numbers must be exactly representable in a double: 2^53 − 1. */
  public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  private final JsonObject payload;

  public PayloadReader(JsonObject payload) {
    this.payload = payload;
  }

  public Optional<String> optionalString(String name) {
    Object value = payload.getValue(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String s)) {
      throw invalid(name, "must be a string");
    }
    return Optional.of(s);
  }

  public String string(String name) {
    return optionalString(name).orElseThrow(() -> invalid(name, "is required"));
  }

  public Optional<Boolean> optionalBoolean(String name) {
    Object value = payload.getValue(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof Boolean b)) {
      throw invalid(name, "must be a boolean");
    }
    return Optional.of(b);
  }

  /**
   * Base64 bytes, refusing before decoding a value whose encoding is longer than {@code maxBytes} could
   * need (sizes are validated before allocating).
   */
  public Optional<byte[]> optionalBytes(String name, int maxBytes) {
    return optionalString(name).map(text -> decode(name, text, maxBytes));
  }

  public byte[] bytes(String name, int maxBytes) {
    return optionalBytes(name, maxBytes).orElseThrow(() -> invalid(name, "is required"));
  }

  /** Decodes a base64 string already read, naming the field when it is bad. */
  public static byte[] decodeField(String name, String text) {
    return decodeBase64(text).orElseThrow(() -> invalid(name, "is not valid base64"));
  }

  /** An integer from {@code min} to 2^53 − 1; a fraction, a string or an out-of-range value is refused. */
  public long safeInteger(String name, long min) {
    Object value = payload.getValue(name);
    if (value == null) {
      throw invalid(name, "is required");
    }
    long n;
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      n = ((Number) value).longValue();
    } else if (value instanceof BigInteger big && big.bitLength() < 63) {
      n = big.longValue();
    } else if (value instanceof BigInteger) {
      throw invalid(name, "must be an integer from " + min + " to " + MAX_SAFE_INTEGER);
    } else {
      throw invalid(name, "must be an integer");
    }
    if (n < min || n > MAX_SAFE_INTEGER) {
      throw invalid(name, "must be an integer from " + min + " to " + MAX_SAFE_INTEGER);
    }
    return n;
  }

  /** An ISO-8601 instant such as {@code 2025-01-01T12:00:00Z}. */
  public Optional<Instant> optionalInstant(String name) {
    return optionalString(name).map(text -> {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        throw invalid(name, "must be an ISO-8601 UTC time");
      }
    });
  }

  public static ProtocolException invalid(String name, String problem) {
    return ProtocolError.invalidField("payload." + name, name + " " + problem).asException();
  }

  /** Decodes base64 per the contract's input conventions, or empty when it is not valid base64. */
  public static Optional<byte[]> decodeBase64(String text) {
    boolean urlSafe = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
    boolean standard = text.indexOf('+') >= 0 || text.indexOf('/') >= 0;
    if (urlSafe && standard) {
      return Optional.empty();
    }
    try {
      // Both JDK decoders accept input with or without padding.
      return Optional.of((urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public static String encodeBase64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] decode(String name, String text, int maxBytes) {
    long maxChars = 4L * ((maxBytes + 2L) / 3);
    if (text.length() > maxChars) {
      throw invalid(name, "is longer than " + maxBytes + " bytes");
    }
    return decodeField(name, text);
  }
}
