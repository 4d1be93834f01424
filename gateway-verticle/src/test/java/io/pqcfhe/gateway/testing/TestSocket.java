package io.pqcfhe.gateway.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A client WebSocket whose frames the test thread reads in order. */
public final class TestSocket {
  private final ClientWebSocket socket;
  private final LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private final CompletableFuture<Short> closeStatus = new CompletableFuture<>();
  public final JsonObject created;

  /** Handlers are in place before the upgrade, so no frame is missed. */
  private TestSocket(WebSocketClient client, WebSocketConnectOptions options) {
    this.socket = client.webSocket();
    socket.textMessageHandler(text -> frames.add(new JsonObject(text)));
    socket.closeHandler(v -> closeStatus.complete(socket.closeStatusCode()));
    TestGateway.await(socket.connect(options));
    this.created = next();
    assertEquals("session.created", created.getString("event"), "first frame must be session.created");
  }

  static TestSocket open(WebSocketClient client, WebSocketConnectOptions options) {
    return new TestSocket(client, options);
  }

  public String sessionId() {
    return created.getJsonObject("data").getString("session_id");
  }

  public JsonObject next() {
    try {
      JsonObject frame = frames.poll(10, TimeUnit.SECONDS);
      assertNotNull(frame, "no frame within 10 s");
      return frame;
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The next frame if one arrives within {@code millis}, else null. */
  public JsonObject poll(long millis) {
    try {
      return frames.poll(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  public void send(String text) {
    socket.writeTextMessage(text);
  }

  /** Sends {@code text} as a fragmented message: a text frame and continuation frames of {@code size} chars. */
  public void sendFragmented(String text, int size) {
    for (int start = 0; start < text.length(); start += size) {
      String piece = text.substring(start, Math.min(text.length(), start + size));
      boolean last = start + size >= text.length();
      socket.writeFrame(start == 0
          ? WebSocketFrame.textFrame(piece, last)
          : WebSocketFrame.continuationFrame(Buffer.buffer(piece), last));
    }
  }

  public void sendBinary(byte[] bytes) {
    socket.writeBinaryMessage(Buffer.buffer(bytes));
  }

  public JsonObject request(String id, String action, JsonObject payload) {
    send(new JsonObject().put("type", "request").put("id", id).put("action", action).put("payload", payload).encode());
    return next();
  }

  /** The close status code, waiting up to 10 s for the close. */
  public short awaitClose() {
    try {
      return closeStatus.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("socket not closed within 10 s", e);
    }
  }

  public boolean isClosed() {
    return closeStatus.isDone();
  }

  public void close() {
    socket.close();
  }
}
