package io.pqcfhe.fhe.request;

import io.vertx.core.json.JsonObject;
import java.util.Base64;

/**
 * Base64 input as the contract accepts it (RFC 4648 §4 with padding; the URL-safe alphabet and missing
 * padding are accepted too, but not a mixture of alphabets, whitespace or misplaced padding). The decoded
 * size is computed from the text length and checked against the cap before anything is decoded.
 */
final class Base64Field {
  private Base64Field() {}

  static SealBytes read(Fields fields, String name, int maxBytes) {
    String path = fields.path(name);
    return SealBytes.adopt(decode(path, fields.requiredString(name), maxBytes));
  }

  static byte[] decode(String path, String text, int maxBytes) {
    int end = text.length();
    int padding = 0;
    while (end > 0 && text.charAt(end - 1) == '=' && padding < 2) {
      end--;
      padding++;
    }
    if (end == 0) {
      throw invalid(path, "is empty");
    }
    if (end % 4 == 1 || (padding > 0 && (end + padding) % 4 != 0)) {
      throw invalid(path, "has a bad length or padding");
    }
    long decodedLength = (end / 4) * 3L + Math.max(0, end % 4 - 1);
    if (decodedLength > maxBytes) {
      throw RequestErrors.invalid(
          path, "too_large", path + " is larger than " + maxBytes + " bytes", new JsonObject().put("max_bytes", maxBytes));
    }
    boolean standard = false;
    boolean urlSafe = false;
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (c == '+' || c == '/') {
        standard = true;
      } else if (c == '-' || c == '_') {
        urlSafe = true;
      } else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
        throw invalid(path, "contains a character outside the base64 alphabet at index " + i);
      }
    }
    if (standard && urlSafe) {
      throw invalid(path, "mixes the standard and URL-safe alphabets");
    }
    Base64.Decoder decoder = urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder();
    try {
      return decoder.decode(text.substring(0, end));
    } catch (IllegalArgumentException e) {
      throw invalid(path, "is not valid base64");
    }
  }

  private static RuntimeException invalid(String path, String what) {
    return RequestErrors.invalid(path, "invalid_base64", path + " " + what);
  }
}
