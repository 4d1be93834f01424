package io.pqcfhe.gateway.wire;

import io.pqcfhe.protocol.Action;
import io.vertx.core.json.JsonObject;

/** A well-formed request envelope of a known action (§2); the payload is not yet checked. */
public record RequestEnvelope(String id, Action action, JsonObject payload) {}
