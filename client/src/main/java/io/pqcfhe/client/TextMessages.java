package io.pqcfhe.client;

import io.netty.buffer.ByteBuf;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reassembles the server's messages from their frames (RFC 6455 §5.4) into UTF-8 bytes, which the client
 * decodes as they are. Vert.x's own reassembly would first decode a text message into a String (the
 * client then needs its bytes again) and grow one buffer fragment by fragment; here each fragment is
 * copied once, into an array of the message's size. Ping, pong and close frames stay Vert.x's.
 */
final class TextMessages implements Handler<WebSocketFrame> {
  private final long maxMessageBytes;
  private final Consumer<byte[]> onText;
  private final Consumer<String> onViolation;
  private final List<Buffer> fragments = new ArrayList<>();
  private long size;
  /** Between the first and the final frame of a message: whether it is dropped (binary, or too large). */
  private boolean inMessage;
  private boolean dropping;

  TextMessages(long maxMessageBytes, Consumer<byte[]> onText, Consumer<String> onViolation) {
    this.maxMessageBytes = maxMessageBytes;
    this.onText = onText;
    this.onViolation = onViolation;
  }

  @Override
  public void handle(WebSocketFrame frame) {
    switch (frame.type()) {
      case TEXT -> start(frame, false);
      case BINARY -> start(frame, true);
      case CONTINUATION -> {
        if (!inMessage) {
          onViolation.accept("continuation frame outside a message");
          return;
        }
        add(frame);
      }
      default -> { }
    }
  }

  private void start(WebSocketFrame frame, boolean binary) {
    if (inMessage) {
      // The WebSocket decoder refuses this already; kept so that a message is never spliced into another.
      onViolation.accept("new message before the end of the previous one");
      reset();
    }
    inMessage = true;
    if (binary) {
      onViolation.accept("binary frame from the server");
      dropping = true;
    }
    add(frame);
  }

  private void add(WebSocketFrame frame) {
    Buffer data = frame.binaryData();
    size += data.length();
    if (!dropping && size > maxMessageBytes) {
      onViolation.accept("message over " + maxMessageBytes + " bytes");
      dropping = true;
      fragments.clear();
    }
    if (!dropping) {
      fragments.add(data);
    }
    if (frame.isFinal()) {
      byte[] message = dropping ? null : joined();
      reset();
      if (message != null) {
        onText.accept(message);
      }
    }
  }

  private byte[] joined() {
    if (fragments.size() == 1) {
      return bytesOf(fragments.get(0));
    }
    byte[] message = new byte[(int) size];
    int at = 0;
    for (Buffer fragment : fragments) {
      fragment.getBytes(0, fragment.length(), message, at);
      at += fragment.length();
    }
    return message;
  }

  /**
   * A one-frame message's bytes: the frame's own array when it holds exactly the message (Vert.x hands
   * each frame over in a fresh heap buffer), else a copy. The message is decoded before this handler
   * returns, so the array is never kept.
   */
  private static byte[] bytesOf(Buffer fragment) {
    ByteBuf buf = ((BufferInternal) fragment).getByteBuf();
    if (buf.hasArray() && buf.arrayOffset() == 0 && buf.readerIndex() == 0
        && buf.array().length == buf.readableBytes()) {
      return buf.array();
    }
    return fragment.getBytes();
  }

  private void reset() {
    fragments.clear();
    size = 0;
    inMessage = false;
    dropping = false;
  }
}
