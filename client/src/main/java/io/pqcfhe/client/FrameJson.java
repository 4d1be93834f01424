package io.pqcfhe.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a server frame (UTF-8 JSON) into the {@link JsonObject} Vert.x's own decoder would build: nested
 * objects as maps, arrays as lists, numbers as Jackson reads them, the last of duplicate keys.
 *
 * <p>Ciphertexts and keys travel as base64 strings of hundreds of kilobytes, which Jackson would read byte
 * by byte, even to skip them. So the long plain strings are found first and taken out of what Jackson parses
 * ({@link LongPlainStrings}); their values are the frame's bytes. The other strings are taken from the bytes
 * too, instead of being assembled char by char: Jackson validates and skips a string (quotes, escapes,
 * control characters, UTF-8), and when it holds no escape its value is the bytes between the quotes,
 * decoded as UTF-8 in one vectorized copy. A string with an escape is read by Jackson alone.
 */
final class FrameJson {
  /**
   * The frame's size is bounded by the client's message limit; the string length is not bounded again
   * (Jackson's default of 20 M characters is below what a large ciphertext takes in base64).
   */
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
          .build();

  /** Shorter strings cost Jackson less than a pass to find them. */
  static final int LONG_STRING = 4096;

  /** What Jackson parses: the frame without its long plain strings' contents. */
  private final byte[] utf8;
  private final LongPlainStrings.Reader longStrings;
  private final JsonParser parser;

  private FrameJson(byte[] utf8, LongPlainStrings.Reader longStrings, JsonParser parser) {
    this.utf8 = utf8;
    this.longStrings = longStrings;
    this.parser = parser;
  }

  /**
   * @throws DecodeException when the bytes are not one JSON object (its message's positions are those of
   *     the frame without its long strings)
   */
  static JsonObject decodeObject(byte[] frame) {
    LongPlainStrings longStrings = LongPlainStrings.find(frame, LONG_STRING);
    byte[] utf8 = longStrings.skeleton();
    try (JsonParser parser = FACTORY.createParser(utf8)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new DecodeException("not a JSON object");
      }
      Object value = new FrameJson(utf8, longStrings.reader(), parser).value();
      if (parser.currentToken() != null) {
        throw new DecodeException("trailing content after the JSON object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) value;
      return new JsonObject(map);
    } catch (IOException e) {
      // Jackson's message names a position in the frame, never its content.
      throw new DecodeException(e.getMessage(), e);
    }
  }

  /** Reads the value at the current token and leaves the parser on the token after it. */
  private Object value() throws IOException {
    JsonToken token = parser.currentToken();
    if (token == null) {
      throw new DecodeException("unexpected end of input");
    }
    switch (token) {
      case START_OBJECT:
        return object();
      case START_ARRAY:
        return array();
      case VALUE_STRING:
        return string();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return next(parser.getNumberValue());
      case VALUE_TRUE:
        return next(Boolean.TRUE);
      case VALUE_FALSE:
        return next(Boolean.FALSE);
      case VALUE_NULL:
        return next(null);
      default:
        throw new DecodeException("unexpected token " + token);
    }
  }

  private Map<String, Object> object() throws IOException {
    Map<String, Object> map = new LinkedHashMap<>();
    JsonToken token = parser.nextToken();
    while (token == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      map.put(name, value());
      token = parser.currentToken();
    }
    parser.nextToken(); // END_OBJECT: anything else has made Jackson throw
    return map;
  }

  private List<Object> array() throws IOException {
    List<Object> list = new ArrayList<>();
    parser.nextToken();
    while (parser.currentToken() != JsonToken.END_ARRAY) {
      list.add(value());
    }
    parser.nextToken();
    return list;
  }

  /**
   * The opening quote is where Jackson's token starts; moving to the next token makes Jackson skip (and
   * validate) the string, and the closing quote is the last quote before that token, behind at most
   * whitespace and one comma.
   */
  private String string() throws IOException {
    int open = (int) parser.currentTokenLocation().getByteOffset();
    String removed = longStrings.valueAt(open);
    parser.nextToken();
    if (removed != null) {
      return removed;
    }
    int close = closingQuote(open);
    String raw = new String(utf8, open + 1, close - open - 1, StandardCharsets.UTF_8);
    return raw.indexOf('\\') < 0 ? raw : escaped(open, close);
  }

  private int closingQuote(int open) {
    int i = parser.currentToken() == null ? utf8.length : (int) parser.currentTokenLocation().getByteOffset();
    boolean comma = false;
    while (--i > open) {
      byte b = utf8[i];
      if (b == '"') {
        return i;
      }
      boolean separator = b == ' ' || b == '\t' || b == '\n' || b == '\r' || (b == ',' && !comma);
      if (!separator) {
        break;
      }
      comma |= b == ',';
    }
    // Jackson accepted the string, so this cannot happen unless its offsets mean something else.
    throw new DecodeException("string bounds not found");
  }

  /** A string with escapes: Jackson reads that one token again and resolves them. */
  private String escaped(int open, int close) throws IOException {
    try (JsonParser single = FACTORY.createParser(utf8, open, close - open + 1)) {
      single.nextToken();
      return single.getText();
    }
  }

  private <T> T next(T value) throws IOException {
    parser.nextToken();
    return value;
  }
}
