package io.pqcfhe.client.cli;

import io.pqcfhe.client.ClientListener;
import io.pqcfhe.client.PqcFheClient;
import io.pqcfhe.client.PqcFheException;
import io.pqcfhe.client.SecureMessage;
import io.pqcfhe.client.channel.HandshakeOptions;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One secure round trip per operation: seal, secure.send, the server decrypts and echoes it back sealed
 * under the server key, the client opens it and checks it is the message sent. The channel is
 * established once per connection (not measured); rekeys requested by the server happen on the way.
 */
final class SecureEchoWorkload implements BenchRun.Workload {
  private static final long ECHO_TIMEOUT_SECONDS = 30;

  private final HandshakeOptions handshake;
  private final int payloadBytes;
  private final Map<PqcFheClient, BlockingQueue<SecureMessage>> echoes = new ConcurrentHashMap<>();

  SecureEchoWorkload(HandshakeOptions handshake, int payloadBytes) {
    this.handshake = handshake;
    this.payloadBytes = payloadBytes;
  }

  @Override
  public void prepare(PqcFheClient client) throws Exception {
    BlockingQueue<SecureMessage> queue = new LinkedBlockingQueue<>();
    echoes.put(client, queue);
    client.addListener(new ClientListener() {
      @Override
      public void onSecureMessage(SecureMessage message) {
        queue.add(message);
      }
    });
    client.establishChannel(handshake).await(30, TimeUnit.SECONDS);
  }

  @Override
  public void once(PqcFheClient client) throws Exception {
    byte[] message = new byte[payloadBytes];
    ByteBuffer.wrap(message).putLong(System.nanoTime()); // distinct per message, so a stale echo cannot pass
    BlockingQueue<SecureMessage> queue = echoes.get(client);
    client.sendSecure(message).await(30, TimeUnit.SECONDS);
    SecureMessage echo = queue.poll(ECHO_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (echo == null) {
      throw PqcFheException.local(PqcFheException.LocalCode.TIMEOUT, "no echo");
    }
    if (!MessageDigest.isEqual(message, echo.plaintext())) {
      throw PqcFheException.local(PqcFheException.LocalCode.PROTOCOL_VIOLATION, "echo_mismatch", "echo differs from the message sent");
    }
  }

  /**
   * The secure limit counts secure.send per client id and minute; echoes also use the key's 1000-message
   * budget twice per round trip, which the automatic rekeys (pqc limit) cover. A small margin stays free.
   */
  @Override
  public int budgetPerClientId(PqcFheClient client) {
    long secure = client.session().limits().ratePerMinute().getOrDefault("secure", 1000L);
    return (int) Math.max(1, secure - secure / 20);
  }

  @Override
  public void release(PqcFheClient client) {
    echoes.remove(client);
  }
}
