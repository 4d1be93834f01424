package io.pqcfhe.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextMessagesTest {
  private final List<String> messages = new ArrayList<>();
  private final List<String> violations = new ArrayList<>();
  private final TextMessages assembler =
      new TextMessages(16, bytes -> messages.add(new String(bytes, StandardCharsets.UTF_8)), violations::add);

  private static WebSocketFrame continuation(String text, boolean isFinal) {
    return WebSocketFrame.continuationFrame(Buffer.buffer(text), isFinal);
  }

  @Test
  void singleFramesAndFragmentedMessagesArriveWhole() {
    assembler.handle(WebSocketFrame.textFrame("{\"a\":1}", true));
    assembler.handle(WebSocketFrame.textFrame("{\"b\":", false));
    assembler.handle(continuation("\"é\"", false));
    assembler.handle(continuation("}", true));
    assembler.handle(WebSocketFrame.pingFrame(Buffer.buffer("p")));
    assertEquals(List.of("{\"a\":1}", "{\"b\":\"é\"}"), messages);
    assertEquals(List.of(), violations);
  }

  @Test
  void binaryAndOversizedMessagesAreDroppedWhole() {
    assembler.handle(WebSocketFrame.binaryFrame(Buffer.buffer("bin"), false));
    assembler.handle(continuation("ary", true));
    assembler.handle(WebSocketFrame.textFrame("0123456789", false));
    assembler.handle(continuation("0123456789", false));
    assembler.handle(continuation("tail", true));
    assembler.handle(WebSocketFrame.textFrame("{}", true));
    assertEquals(List.of("{}"), messages, "only the message after them");
    assertEquals(List.of("binary frame from the server", "message over 16 bytes"), violations);
  }

  @Test
  void aContinuationOutsideAMessageIsAViolation() {
    assembler.handle(continuation("stray", true));
    assertEquals(List.of(), messages);
    assertEquals(List.of("continuation frame outside a message"), violations);
  }
}
