package io.pqcfhe.client.cli;

import io.pqcfhe.client.PqcFheClient;
import io.pqcfhe.client.channel.HandshakeOptions;
import java.util.concurrent.TimeUnit;

/**
 * One full key exchange per operation: pqc.initiate (client ML-KEM keygen, server encapsulation and
 * ML-DSA-65 signature), signature verification, decapsulation, key derivation, pqc.confirm. After the
 * first on a connection, each is a rekey of the same channel, which costs the server exactly as much.
 */
final class HandshakeWorkload implements BenchRun.Workload {
  private final HandshakeOptions handshake;

  HandshakeWorkload(HandshakeOptions handshake) {
    this.handshake = handshake;
  }

  @Override
  public void prepare(PqcFheClient client) {}

  @Override
  public void once(PqcFheClient client) throws Exception {
    client.establishChannel(handshake).await(30, TimeUnit.SECONDS);
  }

  @Override
  public int budgetPerClientId(PqcFheClient client) {
    return Math.toIntExact(client.session().limits().ratePerMinute().getOrDefault("pqc", 5L));
  }

  @Override
  public void release(PqcFheClient client) {}
}
