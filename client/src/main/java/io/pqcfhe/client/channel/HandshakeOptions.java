package io.pqcfhe.client.channel;

import io.pqcfhe.crypto.MlKemParameterSet;
import java.util.Objects;

/**
 * What the client asks for in {@code pqc.initiate}: an ML-KEM parameter set, and whether to add an X25519
 * exchange (hybrid: the channel stays secure as long as either ML-KEM or X25519 holds).
 */
public record HandshakeOptions(MlKemParameterSet algorithm, boolean hybrid) {

  public HandshakeOptions {
    Objects.requireNonNull(algorithm, "algorithm");
  }

  /** ML-KEM-768 with X25519. */
  public static HandshakeOptions defaults() {
    return new HandshakeOptions(MlKemParameterSet.DEFAULT, true);
  }
}
