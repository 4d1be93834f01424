package io.pqcfhe.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The bytes the server signs with its ML-DSA-65 identity and the client verifies (PROTOCOL §4): the 22
 * ASCII bytes {@code PQC-FHE-WS/1 handshake}, then each field as a 4-byte big-endian length and its bytes,
 * in this order. The length prefixes make the encoding injective: no two different handshakes share a
 * transcript.
 *
 * @param algorithm the effective parameter set (the default when the request omitted it)
 * @param clientEphemeralPublic empty when not hybrid
 * @param serverEphemeralPublic empty when not hybrid
 */
public record HandshakeTranscript(
    String sessionId,
    String keyId,
    MlKemParameterSet algorithm,
    byte[] clientPublicKey,
    byte[] ciphertext,
    byte[] clientEphemeralPublic,
    byte[] serverEphemeralPublic) {

  public static final String DOMAIN = "PQC-FHE-WS/1 handshake";

  private static final byte[] NONE = new byte[0];

  public HandshakeTranscript {
    clientPublicKey = clientPublicKey.clone();
    ciphertext = ciphertext.clone();
    clientEphemeralPublic = clientEphemeralPublic == null ? NONE : clientEphemeralPublic.clone();
    serverEphemeralPublic = serverEphemeralPublic == null ? NONE : serverEphemeralPublic.clone();
  }

  @Override
  public byte[] clientPublicKey() {
    return clientPublicKey.clone();
  }

  @Override
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  @Override
  public byte[] clientEphemeralPublic() {
    return clientEphemeralPublic.clone();
  }

  @Override
  public byte[] serverEphemeralPublic() {
    return serverEphemeralPublic.clone();
  }

  /** The encoded transcript, ready to sign or verify. */
  public byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(
        64 + clientPublicKey.length + ciphertext.length + clientEphemeralPublic.length + serverEphemeralPublic.length);
    out.writeBytes(DOMAIN.getBytes(StandardCharsets.US_ASCII));
    field(out, sessionId.getBytes(StandardCharsets.UTF_8));
    field(out, keyId.getBytes(StandardCharsets.UTF_8));
    field(out, algorithm.wireName().getBytes(StandardCharsets.UTF_8));
    field(out, clientPublicKey);
    field(out, ciphertext);
    field(out, clientEphemeralPublic);
    field(out, serverEphemeralPublic);
    return out.toByteArray();
  }

  private static void field(ByteArrayOutputStream out, byte[] value) {
    int n = value.length;
    out.write(n >>> 24);
    out.write(n >>> 16);
    out.write(n >>> 8);
    out.write(n);
    out.writeBytes(value);
  }
}
