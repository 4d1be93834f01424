package io.pqcfhe.client;

import io.pqcfhe.client.PqcFheException.LocalCode;
import io.pqcfhe.client.channel.ClientHandshake;
import io.pqcfhe.client.channel.HandshakeOptions;
import io.pqcfhe.client.channel.SealedMessage;
import io.pqcfhe.client.channel.SecureChannel;
import io.pqcfhe.client.internal.WireFields;
import io.pqcfhe.crypto.AesGcm;
import io.pqcfhe.crypto.ChannelKeys;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The secure channel of one connection, above the request layer: the handshakes (first one and rekeys),
 * secure sends sealed and written in sequence order, the server's secure messages opened and checked, and
 * requests inside the channel matched with their encrypted answers.
 *
 * <p>Thread-safe: the channel and handshake state are guarded by one lock, under which secure sends are
 * sealed <em>and written</em>, so that frames leave in sequence-number order whichever threads call.
 */
final class ChannelSession {
  private static final String CIPHER_SUITE = "AES-256-GCM";
  private static final String KEY_DERIVATION = "HKDF-SHA384";

  private final ProtocolVersion version;
  private final Supplier<SessionDetails> session;
  private final BiFunction<String, JsonObject, Future<JsonObject>> requests;
  private final PendingRequests pendingInner;
  private final Duration timeout;
  private final SecureRandom random;

  private final Object lock = new Object();
  private SecureChannel channel;
  private ChannelInfo info;
  private Future<ChannelInfo> handshakeInFlight;
  /** Completed except while a rekey's confirm is in flight: secure sends wait for the new keys. */
  private Future<Void> sendGate = Future.succeededFuture();
  private boolean closed;

  /**
   * @param requests sends a top-level request and completes with its payload
   * @param pendingInner where requests inside the channel wait for their answers
   */
  ChannelSession(
      ProtocolVersion version,
      Supplier<SessionDetails> session,
      BiFunction<String, JsonObject, Future<JsonObject>> requests,
      PendingRequests pendingInner,
      Duration timeout,
      SecureRandom random) {
    this.version = version;
    this.session = session;
    this.requests = requests;
    this.pendingInner = pendingInner;
    this.timeout = timeout;
    this.random = random;
  }

  Optional<ChannelInfo> info() {
    synchronized (lock) {
      return Optional.ofNullable(info);
    }
  }

  // ------------------------------------------------------------------------------------------ handshakes

  /** The first handshake, or a rekey of the existing channel. One at a time. */
  Future<ChannelInfo> establish(HandshakeOptions handshake) {
    synchronized (lock) {
      if (handshakeInFlight != null) {
        return Future.failedFuture(
            PqcFheException.local(LocalCode.CHANNEL_NOT_ESTABLISHED, "handshake_in_progress", "a handshake is already running"));
      }
      Future<ChannelInfo> run = runHandshake(handshake);
      handshakeInFlight = run;
      run.onComplete(ar -> {
        synchronized (lock) {
          handshakeInFlight = null;
        }
      });
      return run;
    }
  }

  /**
   * {@code pqc.rekey_required}: a new handshake with the parameters of the last one, unless one is
   * running. A failure goes to {@code problems}.
   */
  void rekeyRequested(Consumer<PqcFheException> problems) {
    HandshakeOptions again;
    synchronized (lock) {
      if (info == null || handshakeInFlight != null || closed) {
        return;
      }
      again = new HandshakeOptions(info.algorithm(), info.hybrid());
    }
    establish(again).onFailure(e -> {
      PqcFheException problem = asClientError(e);
      // A rekey cut short by the connection closing is not a problem of its own: the close is reported.
      if (!problem.is(LocalCode.CONNECTION_CLOSED)) {
        problems.accept(problem);
      }
    });
  }

  private Future<ChannelInfo> runHandshake(HandshakeOptions handshake) {
    SessionDetails s = session.get();
    ClientHandshake run = ClientHandshake.start(handshake, random);
    return requests
        .apply("pqc.initiate", run.initiatePayload())
        .transform(ar -> {
          try {
            if (ar.failed()) {
              return Future.<ClientHandshake.Established>failedFuture(ar.cause());
            }
            return Future.succeededFuture(run.finish(s.sessionId(), s.serverPublicKey(), ar.result()));
          } catch (PqcFheException e) {
            return Future.<ClientHandshake.Established>failedFuture(e);
          } finally {
            run.destroy();
          }
        })
        .compose(established -> confirm(handshake, established));
  }

  private Future<ChannelInfo> confirm(HandshakeOptions handshake, ClientHandshake.Established established) {
    ChannelKeys keys = established.keys();
    JsonObject payload =
        new JsonObject()
            .put("key_id", established.keyId())
            .put("shared_key_hash", keys.confirmHash())
            .put("ready_for_secure_channel", true);
    Promise<Void> gate = Promise.promise();
    boolean rekey;
    synchronized (lock) {
      if (closed) {
        keys.destroy();
        return Future.failedFuture(PqcFheException.local(LocalCode.CONNECTION_CLOSED, "connection closed"));
      }
      rekey = channel != null;
      if (rekey) {
        channel.beginRekey(keys);
        sendGate = gate.future();
      }
    }
    return requests
        .apply("pqc.confirm", payload)
        .compose(answer -> Future.succeededFuture(install(handshake, established, answer, rekey)))
        .onFailure(e -> {
          synchronized (lock) {
            if (rekey && !closed) {
              channel.abortRekey();
            } else if (!rekey) {
              keys.destroy();
            }
          }
        })
        .onComplete(ar -> gate.tryComplete());
  }

  /** The server accepted the confirm: from now on the new keys serve. */
  private ChannelInfo install(HandshakeOptions handshake, ClientHandshake.Established established, JsonObject answer, boolean rekey) {
    String channelId = WireFields.string(answer, "channel_id");
    // The contract fixes the suite; a server announcing another one is not speaking it.
    if (!WireFields.bool(answer, "secure_channel_established")
        || !CIPHER_SUITE.equals(answer.getValue("cipher_suite", CIPHER_SUITE))
        || !KEY_DERIVATION.equals(answer.getValue("key_derivation", KEY_DERIVATION))) {
      throw PqcFheException.local(LocalCode.PROTOCOL_VIOLATION, "pqc.confirm answer announces another channel than the contract's");
    }
    synchronized (lock) {
      if (closed) {
        throw PqcFheException.local(LocalCode.CONNECTION_CLOSED, "connection closed");
      }
      if (rekey) {
        if (!channel.channelId().equals(channelId)) {
          throw PqcFheException.local(LocalCode.PROTOCOL_VIOLATION, "rekey changed the channel id");
        }
        channel.completeRekey();
      } else {
        channel = new SecureChannel(channelId, version.wireName(), established.keys(), random);
      }
      info =
          new ChannelInfo(
              channelId,
              established.keyId(),
              handshake.algorithm(),
              handshake.hybrid(),
              CIPHER_SUITE,
              KEY_DERIVATION,
              rekey ? info.rekeys() + 1 : 0);
      return info;
    }
  }

  // ------------------------------------------------------------------------------------------- outbound

  Future<SecureDelivery> send(byte[] plaintext, String to) {
    Objects.requireNonNull(plaintext, "plaintext");
    synchronized (lock) {
      if (channel == null || closed) {
        return Future.failedFuture(
            PqcFheException.local(LocalCode.CHANNEL_NOT_ESTABLISHED, "channel_not_established", "no secure channel"));
      }
      if (!sendGate.isComplete()) {
        byte[] copy = plaintext.clone();
        return sendGate.transform(ar -> send(copy, to));
      }
      SealedMessage sealed;
      try {
        sealed = channel.seal(plaintext);
      } catch (PqcFheException e) {
        return Future.failedFuture(e);
      }
      JsonObject payload =
          new JsonObject()
              .put("channel_id", channel.channelId())
              .put("encrypted_data", WireFields.base64(sealed.ciphertext()))
              .put("iv", WireFields.base64(sealed.iv()))
              .put("tag", WireFields.base64(sealed.tag()))
              .put("sequence_number", sealed.sequenceNumber());
      if (to != null) {
        payload.put("to", to);
      }
      // Written while holding the lock: frames leave in sequence order.
      return requests
          .apply("secure.send", payload)
          .map(answer -> new SecureDelivery(WireFields.bool(answer, "delivered"), WireFields.integer(answer, "server_sequence")));
    }
  }

  /** A request inside the channel; {@code id} must be unique on the connection. */
  Future<JsonObject> request(String id, String action, JsonObject payload) {
    Future<JsonObject> answer = pendingInner.register(id, timeout);
    byte[] plaintext = Envelopes.request(id, action, payload).encode().getBytes(StandardCharsets.UTF_8);
    send(plaintext, null).onFailure(e -> pendingInner.fail(id, e));
    return answer;
  }

  // -------------------------------------------------------------------------------------------- inbound

  /**
   * Opens a {@code secure.message}. Returns the message for the listeners, or empty when it answered a
   * request inside the channel.
   *
   * @throws PqcFheException when it is refused (malformed, replayed, not authentic, no channel)
   */
  Optional<SecureMessage> open(JsonObject data) {
    long sequence = WireFields.integer(data, "sequence_number");
    byte[] plaintext;
    try {
      SealedMessage sealed =
          new SealedMessage(
              WireFields.bytes(data, "encrypted_data"),
              WireFields.bytes(data, "iv", AesGcm.IV_BYTES),
              WireFields.bytes(data, "tag", AesGcm.TAG_BYTES),
              sequence);
      synchronized (lock) {
        if (channel == null) {
          throw PqcFheException.local(LocalCode.CHANNEL_NOT_ESTABLISHED, "secure message before the channel");
        }
        plaintext = channel.open(WireFields.string(data, "channel_id"), sealed);
      }
    } catch (IllegalArgumentException e) {
      throw PqcFheException.local(LocalCode.PROTOCOL_VIOLATION, "malformed secure message: " + e.getMessage());
    }
    Optional<String> sender = data.getValue("sender") instanceof String s ? Optional.of(s) : Optional.empty();
    // Answers to inner requests come from the server itself, never as relays.
    if (sender.isEmpty() && completesInnerRequest(plaintext)) {
      return Optional.empty();
    }
    return Optional.of(new SecureMessage(plaintext, sequence, sender, data.getValue("timestamp") instanceof String t ? t : null));
  }

  /** An inner request's answer is the JSON response or error envelope carrying the inner request's id. */
  private boolean completesInnerRequest(byte[] plaintext) {
    if (pendingInner.size() == 0 || plaintext.length == 0 || plaintext[0] != '{') {
      return false;
    }
    ServerFrame frame;
    try {
      frame = ServerFrame.parse(plaintext);
    } catch (PqcFheException notAnEnvelope) {
      return false;
    }
    if (frame instanceof ServerFrame.Response r) {
      return pendingInner.complete(r.id(), r.payload());
    }
    if (frame instanceof ServerFrame.Error e) {
      return e.id() != null && pendingInner.fail(e.id(), e.error());
    }
    return false;
  }

  /** The connection closed: inner requests fail, every key is wiped. */
  void close(PqcFheException reason) {
    pendingInner.failAll(reason);
    synchronized (lock) {
      closed = true;
      if (channel != null) {
        channel.destroy();
      }
    }
  }

  private static PqcFheException asClientError(Throwable e) {
    return e instanceof PqcFheException p
        ? p
        : PqcFheException.local(LocalCode.PROTOCOL_VIOLATION, String.valueOf(e.getMessage()));
  }
}
