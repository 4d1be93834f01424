package io.pqcfhe.gateway.wire;

import io.pqcfhe.protocol.ProtocolError;

/** What a frame turned out to be: a usable request, or a refusal to answer with. */
public sealed interface ParsedFrame {

  /** A well-formed envelope of a known action. */
  record Valid(RequestEnvelope request) implements ParsedFrame {}

  /**
   * A frame to refuse. {@code id}/{@code action} are what the error echoes (null when unusable);
   * {@code malformed} marks the frames §7 counts towards the close after too many in a row (binary
   * frames, text that is not a JSON object, envelopes without a valid type/id/action).
   */
  record Invalid(ProtocolError error, String id, String action, boolean malformed) implements ParsedFrame {}
}
