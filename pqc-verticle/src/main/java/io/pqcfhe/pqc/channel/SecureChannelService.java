package io.pqcfhe.pqc.channel;

import io.pqcfhe.crypto.ChannelKeys;
import io.pqcfhe.pqc.PayloadReader;
import io.pqcfhe.pqc.PqcSettings;
import io.pqcfhe.protocol.ActionReply;
import io.pqcfhe.protocol.ActionRequest;
import io.pqcfhe.protocol.ClientEvent;
import io.pqcfhe.protocol.ErrorCode;
import io.pqcfhe.protocol.ProtocolError;
import io.pqcfhe.protocol.SessionInfo;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secure channels of this node's sessions (PROTOCOL §5): {@code secure.send} with its checks and its
 * three deliveries (relay, inner request, echo), sealing inner responses for the client, rotation
 * warnings, and the end of sessions. Thread-safe.
 */
public final class SecureChannelService {
  private final PqcSettings settings;
  private final Clock clock;
  private final SecureRandom random;
  private final Map<String, SecureChannel> bySession = new ConcurrentHashMap<>();
  /** Sessions with a channel, by tenant and client id: the relay's address book. */
  private final Map<String, Set<String>> bySubject = new ConcurrentHashMap<>();

  public SecureChannelService(PqcSettings settings, Clock clock, SecureRandom random) {
    this.settings = settings;
    this.clock = clock;
    this.random = random;
  }

  /**
   * Installs the keys of a confirmed handshake: a new channel, or new keys for the session's existing
   * channel (a rekey: the channel id and both sequence counters stay, the old keys are wiped).
   *
   * @return the channel id
   */
  public String install(SessionInfo session, String keyId, ChannelKeys keys) {
    KeyEpoch epoch = new KeyEpoch(keyId, keys, clock.instant());
    // Atomic per session: two confirms racing cannot leave two channels (or keys nobody wipes).
    SecureChannel channel = bySession.compute(session.sessionId(), (id, existing) -> {
      if (existing == null) {
        return new SecureChannel(session, epoch, settings, random);
      }
      existing.replaceKeys(epoch);
      return existing;
    });
    bySubject.computeIfAbsent(subject(session.tenant(), session.clientId()), k -> ConcurrentHashMap.newKeySet())
        .add(session.sessionId());
    return channel.channelId();
  }

  /** {@code secure.send}. */
  public ChannelResult send(ActionRequest request) {
    SecureSend message = SecureSend.read(request.payload());
    SessionInfo session = request.session();
    SecureChannel channel = bySession.get(session.sessionId());
    if (channel == null) {
      throw ProtocolError.withReason(ErrorCode.SECURE_CHANNEL_ERROR, "channel_not_established",
          "no secure channel yet: run pqc.initiate and pqc.confirm first").asException();
    }
    Instant now = clock.instant();
    // A relay needs one message of the key; an echo or an inner request two (the answer comes back).
    int slots = message.to().isPresent() ? 1 : 2;
    byte[] plaintext = channel.receive(message, slots, now);
    JsonObject accepted = new JsonObject().put("delivered", true).put("server_sequence", message.sequenceNumber());

    if (message.to().isPresent()) {
      List<Outbound> outbound = relay(session.tenant(), message.to().get(), session.clientId(), session.sessionId(),
          plaintext, now);
      accepted.put("delivered", delivered(outbound));
      return new ChannelResult(ActionReply.success(accepted, ownWarning(channel, now)), outbound, Optional.empty(),
          Optional.of(new PeerRelay(session.tenant(), message.to().get(), session.clientId(), session.sessionId(),
              plaintext)));
    }
    Optional<JsonObject> inner = innerRequest(plaintext);
    if (inner.isPresent()) {
      return new ChannelResult(ActionReply.success(accepted, ownWarning(channel, now)), List.of(), inner);
    }
    List<ClientEvent> events = new ArrayList<>();
    channel.seal(plaintext, null, now).ifPresent(events::add);
    events.addAll(ownWarning(channel, now));
    return new ChannelResult(ActionReply.success(accepted, events), List.of(), Optional.empty());
  }

  /**
   * {@code secure.deliver} from the gateway: seals the response or error of an inner request and emits it
   * as a {@code secure.message} to the session. The gateway hands over the answer as the UTF-8 JSON the
   * client will read (a local request only: the message is a {@link Buffer}), so that an fhe.* answer's
   * payload, encoded by its worker, is sealed as it is rather than parsed or encoded again.
   */
  public ChannelResult deliver(ActionRequest request) {
    // From the map: JsonObject.getValue would turn a Buffer into base64.
    if (!(request.payload().getMap().get("message") instanceof Buffer message)) {
      throw PayloadReader.invalid("message", "must be the answer's UTF-8 JSON bytes");
    }
    SessionInfo session = request.session();
    SecureChannel channel = bySession.get(session.sessionId());
    if (channel == null) {
      throw ProtocolError.withReason(ErrorCode.SECURE_CHANNEL_ERROR, "channel_not_established",
          "no secure channel for this session").asException();
    }
    Instant now = clock.instant();
    Optional<ClientEvent> sealed = channel.seal(message.getBytes(), null, now);
    if (sealed.isEmpty()) {
      throw ProtocolError.withReason(ErrorCode.SECURE_CHANNEL_ERROR, "key_expired",
          "the channel key has no room left for the answer").asException();
    }
    List<Outbound> outbound = new ArrayList<>();
    outbound.add(new Outbound(session.sessionId(), sealed.get()));
    channel.rekeyWarningIfDue(now).ifPresent(e -> outbound.add(new Outbound(session.sessionId(), e)));
    return new ChannelResult(ActionReply.success(new JsonObject().put("delivered", true)), outbound, Optional.empty());
  }

  /** Frees and wipes everything of an ended session. */
  public void sessionEnded(SessionInfo session) {
    SecureChannel channel = bySession.remove(session.sessionId());
    if (channel != null) {
      channel.close();
      bySubject.computeIfPresent(subject(session.tenant(), session.clientId()), (k, sessions) -> {
        sessions.remove(session.sessionId());
        return sessions.isEmpty() ? null : sessions;
      });
    }
  }

  /** Ends every channel and wipes every key: the node is shutting down. */
  public void closeAll() {
    bySession.values().forEach(SecureChannel::close);
    bySession.clear();
    bySubject.clear();
  }

  /** Rekey warnings that became due by age since the last look. */
  public List<Outbound> sweep() {
    Instant now = clock.instant();
    List<Outbound> due = new ArrayList<>();
    bySession.forEach((sessionId, channel) ->
        channel.rekeyWarningIfDue(now).ifPresent(e -> due.add(new Outbound(sessionId, e))));
    return due;
  }

  /** The channel of a session, if established (tests and the handshake's rekey). */
  public Optional<SecureChannel> channelOf(String sessionId) {
    return Optional.ofNullable(bySession.get(sessionId));
  }

  public int channelCount() {
    return bySession.size();
  }

  /**
   * A relay another gateway node of the cluster received: seals it for this node's sessions of the recipient.
   *
   * @return the events to emit; {@link #delivered} says whether any session got it
   */
  public List<Outbound> relayFromPeer(PeerRelay relay) {
    return relay(relay.tenant(), relay.to(), relay.senderClientId(), relay.senderSessionId(), relay.plaintext(),
        clock.instant());
  }

  /** Whether these events include a {@code secure.message} (a relay reached at least one session). */
  public static boolean delivered(List<Outbound> outbound) {
    return outbound.stream().anyMatch(o -> o.event().event().equals("secure.message"));
  }

  private List<Outbound> relay(String tenant, String to, String senderClientId, String senderSessionId,
      byte[] plaintext, Instant now) {
    List<Outbound> outbound = new ArrayList<>();
    for (String recipientId : bySubject.getOrDefault(subject(tenant, to), Set.of())) {
      if (recipientId.equals(senderSessionId)) {
        continue;
      }
      SecureChannel recipient = bySession.get(recipientId);
      if (recipient == null) {
        continue;
      }
      recipient.seal(plaintext, senderClientId, now).ifPresent(e -> {
        outbound.add(new Outbound(recipientId, e));
        recipient.rekeyWarningIfDue(now).ifPresent(w -> outbound.add(new Outbound(recipientId, w)));
      });
    }
    return outbound;
  }

  private static List<ClientEvent> ownWarning(SecureChannel channel, Instant now) {
    return channel.rekeyWarningIfDue(now).map(List::of).orElse(List.of());
  }

  /** A plaintext that is a JSON object with {@code "type":"request"}, else empty (echo it). */
  private static Optional<JsonObject> innerRequest(byte[] plaintext) {
    try {
      JsonObject json = new JsonObject(Buffer.buffer(plaintext));
      return "request".equals(json.getValue("type")) ? Optional.of(json) : Optional.empty();
    } catch (RuntimeException notAJsonObject) {
      return Optional.empty();
    }
  }

  private static String subject(String tenant, String clientId) {
    return tenant + '\u0000' + clientId;
  }
}
