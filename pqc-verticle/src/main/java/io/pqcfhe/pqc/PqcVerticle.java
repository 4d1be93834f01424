package io.pqcfhe.pqc;

import io.pqcfhe.pqc.channel.ChannelResult;
import io.pqcfhe.pqc.channel.Outbound;
import io.pqcfhe.pqc.channel.PeerRelay;
import io.pqcfhe.pqc.channel.SecureChannelService;
import io.pqcfhe.pqc.handshake.KeyExchangeService;
import io.pqcfhe.pqc.identity.ServerIdentity;
import io.pqcfhe.protocol.ActionReply;
import io.pqcfhe.protocol.ActionRequest;
import io.pqcfhe.protocol.Addresses;
import io.pqcfhe.protocol.ErrorCode;
import io.pqcfhe.protocol.ProtocolError;
import io.pqcfhe.protocol.ProtocolException;
import io.pqcfhe.protocol.SessionInfo;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Wires the key exchange and the secure channels to the event bus; the logic lives in
 * {@link KeyExchangeService} and {@link SecureChannelService}. Deploy it with
 * {@code ThreadingModel.WORKER} (see {@link #deploymentOptions()}): the cryptography must never run on an
 * event loop. The consumers are local: key material never crosses the cluster. One exception, in a cluster
 * only: a relay's plaintext is forwarded to the other gateway nodes' PQC verticles ({@link Addresses#secureRelay}),
 * over the cluster's mutual-TLS event bus, because only the node holding a recipient's session can seal for it.
 *
 * <p>Consumes {@link Addresses#PQC}, {@link Addresses#SECURE}, {@link Addresses#SECURE_DELIVER} and
 * {@link Addresses#SESSION_ENDED}; sends {@code secure.message} and {@code pqc.rekey_required} events to
 * sessions' outbound addresses and inner requests to their inbound addresses. The protocol codecs must
 * already be registered on the event bus ({@code ProtocolCodecs.register}).
 */
public final class PqcVerticle extends VerticleBase {
  private static final System.Logger LOG = System.getLogger(PqcVerticle.class.getName());
  /** A peer gateway that has not sealed a relay by then counts as not delivered. */
  static final Duration PEER_RELAY_TIMEOUT = Duration.ofSeconds(5);

  private final KeyExchangeService keyExchange;
  private final SecureChannelService channels;
  private final PqcSettings settings;
  private final RelayPeers peers;
  private long sweepTimer = -1;

  public PqcVerticle(KeyExchangeService keyExchange, SecureChannelService channels, PqcSettings settings) {
    this(keyExchange, channels, settings, RelayPeers.NONE);
  }

  public PqcVerticle(KeyExchangeService keyExchange, SecureChannelService channels, PqcSettings settings,
      RelayPeers peers) {
    this.keyExchange = keyExchange;
    this.channels = channels;
    this.settings = settings;
    this.peers = peers;
  }

  /** The production wiring: the system clock and a fresh {@link SecureRandom}. */
  public static PqcVerticle create(ServerIdentity identity, PqcSettings settings) {
    return create(identity, settings, RelayPeers.NONE);
  }

  /** The production wiring of a gateway node in a cluster, relaying to the {@code peers} too. */
  public static PqcVerticle create(ServerIdentity identity, PqcSettings settings, RelayPeers peers) {
    SecureRandom random = new SecureRandom();
    SecureChannelService channels = new SecureChannelService(settings, Clock.systemUTC(), random);
    return new PqcVerticle(
        new KeyExchangeService(identity, channels, settings, Clock.systemUTC(), random), channels, settings, peers);
  }

  /** The options this verticle must be deployed with. */
  public static DeploymentOptions deploymentOptions() {
    return new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER);
  }

  @Override
  public Future<?> start() {
    EventBus bus = vertx.eventBus();
    List<MessageConsumer<?>> consumers = new ArrayList<>(List.of(
        bus.<ActionRequest>localConsumer(Addresses.PQC, this::onPqc),
        bus.<ActionRequest>localConsumer(Addresses.SECURE, msg -> {
          if ("secure.send".equals(msg.body().action())) {
            answer(msg, channels::send);
          } else {
            msg.reply(unknownAction());
          }
        }),
        bus.<ActionRequest>localConsumer(Addresses.SECURE_DELIVER, msg -> answer(msg, channels::deliver)),
        bus.<SessionInfo>localConsumer(Addresses.SESSION_ENDED, msg -> {
          keyExchange.sessionEnded(msg.body());
          channels.sessionEnded(msg.body());
        })));
    // Cluster-wide on purpose: other gateway nodes forward relays for this node's sessions here.
    peers.self().ifPresent(self ->
        consumers.add(bus.<JsonObject>consumer(Addresses.secureRelay(self), this::onPeerRelay)));
    sweepTimer = vertx.setPeriodic(settings.sweepInterval().toMillis(), id -> {
      keyExchange.sweep();
      channels.sweep().forEach(this::emit);
    });
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(sweepTimer);
    // Undeployed (shutdown): no key outlives the verticle.
    keyExchange.closeAll();
    channels.closeAll();
    return Future.succeededFuture();
  }

  private void onPqc(Message<ActionRequest> message) {
    String action = message.body().action();
    switch (action) {
      case "pqc.initiate" -> reply(message, keyExchange::initiate);
      case "pqc.confirm" -> reply(message, keyExchange::confirm);
      default -> message.reply(unknownAction());
    }
  }

  private static ActionReply unknownAction() {
    return ActionReply.failure(ProtocolError.withReason(ErrorCode.INVALID_REQUEST, "unknown_action", "unknown action"));
  }

  private void reply(Message<ActionRequest> message, Function<ActionRequest, ActionReply> handler) {
    answer(message, request -> ChannelResult.of(handler.apply(request)));
  }

  private void answer(Message<ActionRequest> message, Function<ActionRequest, ChannelResult> handler) {
    ActionRequest request = message.body();
    ChannelResult result;
    try {
      result = handler.apply(request);
    } catch (ProtocolException refused) {
      message.reply(ActionReply.failure(refused.error()));
      return;
    } catch (RuntimeException bug) {
      // Only the exception's type: its message could carry values we must not log.
      LOG.log(System.Logger.Level.ERROR, "PQC handler failed on {0}: {1}", request.action(), bug.getClass().getName());
      message.reply(ActionReply.failure(ProtocolError.of(ErrorCode.SERVER_ERROR, "internal error")));
      return;
    }
    if (result.peerRelay().isPresent()) {
      // This node's recipients get it at once; the sender's answer waits for the other gateways' verdicts.
      result.outbound().forEach(this::emit);
      forwardToPeers(result.peerRelay().get(), result.reply()).onComplete(done -> message.reply(done.result()));
      return;
    }
    message.reply(result.reply());
    result.outbound().forEach(this::emit);
    result.innerRequest().ifPresent(inner ->
        vertx.eventBus().send(Addresses.sessionInbound(request.session().sessionId()), inner));
  }

  /**
   * Sends a relay to every other gateway node, which seals it for its sessions of the recipient; the reply's
   * {@code delivered} becomes true when any of them delivered it. A peer that fails or does not answer in time
   * counts as not delivered. The plaintext is wiped once every peer has answered.
   */
  private Future<ActionReply> forwardToPeers(PeerRelay relay, ActionReply localReply) {
    List<String> others = peers.others();
    if (others.isEmpty() || !localReply.succeeded()) {
      relay.wipe();
      return Future.succeededFuture(localReply);
    }
    JsonObject body = relay.toJson();
    relay.wipe();
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(PEER_RELAY_TIMEOUT.toMillis());
    List<Future<Boolean>> answers = others.stream()
        .map(peer -> vertx.eventBus().<JsonObject>request(Addresses.secureRelay(peer), body, options)
            .map(reply -> reply.body().getBoolean("delivered", false))
            .otherwise(false))
        .toList();
    return Future.join(answers).transform(done -> {
      boolean remote = answers.stream().anyMatch(a -> a.succeeded() && a.result());
      if (!remote) {
        return Future.succeededFuture(localReply);
      }
      JsonObject payload = localReply.payload().copy().put("delivered", true);
      return Future.succeededFuture(ActionReply.success(payload, localReply.followingEvents()));
    });
  }

  private void onPeerRelay(Message<JsonObject> message) {
    PeerRelay relay;
    try {
      relay = PeerRelay.fromJson(message.body());
    } catch (IllegalArgumentException malformed) {
      message.reply(new JsonObject().put("delivered", false));
      return;
    }
    try {
      List<Outbound> outbound = channels.relayFromPeer(relay);
      message.reply(new JsonObject().put("delivered", SecureChannelService.delivered(outbound)));
      outbound.forEach(this::emit);
    } finally {
      relay.wipe();
    }
  }

  private void emit(Outbound outbound) {
    vertx.eventBus().send(outbound.address(), outbound.event());
  }
}
