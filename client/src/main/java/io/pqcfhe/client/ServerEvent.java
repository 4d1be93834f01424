package io.pqcfhe.client;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * An unsolicited event from the server ({@code session.expiring}, {@code pqc.rekey_required},
 * {@code secure.message}...), as received. {@code timestamp} is the server's ISO-8601 text, or null.
 */
public record ServerEvent(String name, String timestamp, JsonObject data) {

  public ServerEvent {
    Objects.requireNonNull(name, "name");
    data = data == null ? new JsonObject() : data.copy();
  }

  @Override
  public JsonObject data() {
    return data.copy();
  }
}
