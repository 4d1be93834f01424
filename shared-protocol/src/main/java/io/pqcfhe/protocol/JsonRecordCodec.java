package io.pqcfhe.protocol;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;

/**
 * A codec for an immutable record: passed by reference inside a node (records are immutable, so sharing
 * is safe), encoded as length-prefixed JSON when it crosses the cluster.
 */
abstract class JsonRecordCodec<T> implements MessageCodec<T, T> {
  private final String name;
  private final Function<T, JsonObject> toJson;
  private final Function<JsonObject, T> fromJson;

  JsonRecordCodec(String name, Function<T, JsonObject> toJson, Function<JsonObject, T> fromJson) {
    this.name = name;
    this.toJson = toJson;
    this.fromJson = fromJson;
  }

  @Override
  public void encodeToWire(Buffer buffer, T value) {
    appendSized(buffer, toJson.apply(value).toBuffer());
  }

  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    return fromJson.apply(new JsonObject(readSized(pos, buffer)));
  }

  /** Appends {@code bytes} after their length (a 4-byte int). */
  static void appendSized(Buffer buffer, Buffer bytes) {
    buffer.appendInt(bytes.length()).appendBuffer(bytes);
  }

  /** The bytes {@link #appendSized} wrote at {@code pos}; they end {@code 4 + length()} bytes after it. */
  static Buffer readSized(int pos, Buffer buffer) {
    return buffer.getBuffer(pos + 4, pos + 4 + buffer.getInt(pos));
  }

  @Override
  public T transform(T value) {
    return value;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
