package io.pqcfhe.client;

import io.pqcfhe.crypto.MlKemParameterSet;
import java.util.Objects;

/**
 * An established (or rekeyed) secure channel. It exists only after the server's ML-DSA-65 signature over
 * the handshake verified with the session's identity key and the server accepted the confirm hash.
 *
 * @param rekeys how many handshakes replaced the first one's keys (0 for a fresh channel)
 */
public record ChannelInfo(
    String channelId,
    String keyId,
    MlKemParameterSet algorithm,
    boolean hybrid,
    String cipherSuite,
    String keyDerivation,
    int rekeys) {

  public ChannelInfo {
    Objects.requireNonNull(channelId, "channelId");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(algorithm, "algorithm");
  }
}
