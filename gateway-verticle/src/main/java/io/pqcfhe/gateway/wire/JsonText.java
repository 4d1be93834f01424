package io.pqcfhe.gateway.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.IOException;

/**
 * Decodes client JSON text into Vert.x JSON values with limits sized for our messages. Jackson's default
 * caps a string at 20 million characters, below the base64 of a large ciphertext in a 64 MiB message;
 * here a string may be as long as a whole message. Nesting stays capped, so hostile depth cannot exhaust
 * the stack.
 */
public final class JsonText {
  /** Deeper than any envelope of the contract needs. */
  static final int MAX_NESTING_DEPTH = 64;

  private final JsonFactory factory;

  public JsonText(int maxMessageBytes) {
    this.factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxStringLength(maxMessageBytes)
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .build())
        .build();
  }

  /** A JsonObject, JsonArray, String, Number, Boolean or null; DecodeException when the text is not JSON. */
  public Object decode(String text) {
    try (JsonParser parser = factory.createParser(text)) {
      return JacksonCodec.fromParser(parser, Object.class);
    } catch (IOException e) {
      throw new DecodeException("Failed to decode JSON");
    }
  }
}
