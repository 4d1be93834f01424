package io.pqcfhe.gateway.connection;

import io.pqcfhe.gateway.pipeline.Outcome;
import io.pqcfhe.gateway.pipeline.RequestPipeline;
import io.pqcfhe.gateway.session.LiveSession;
import io.pqcfhe.gateway.session.SessionAnnouncements;
import io.pqcfhe.gateway.wire.EnvelopeParser;
import io.pqcfhe.gateway.wire.Envelopes;
import io.pqcfhe.gateway.wire.ParsedFrame;
import io.pqcfhe.protocol.ActionRequest;
import io.pqcfhe.protocol.Addresses;
import io.pqcfhe.protocol.ClientEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One client WebSocket bound to its session: frames in, envelopes out, the session's timers and event-bus
 * consumers. Everything runs on the event loop of the socket; a frame large enough to take noticeable time
 * to decode is decoded on a worker thread.
 */
public final class ClientConnection {
  /** §7 close codes. */
  static final short POLICY_VIOLATION = 1008;
  static final short SESSION_TIMEOUT = 4408;
  /** Frames above this many characters are decoded off the event loop. */
  static final int INLINE_PARSE_LIMIT = 256 * 1024;

  private static final System.Logger LOG = System.getLogger(ClientConnection.class.getName());
  private static final AtomicLong INNER_SEQUENCE = new AtomicLong();

  private final Vertx vertx;
  private final ServerWebSocket socket;
  private final LiveSession session;
  private final RequestPipeline pipeline;
  private final Envelopes envelopes;
  private final SessionAnnouncements announcements;
  private final int maxMalformedInARow;
  private final Duration requestTimeout;
  private final Consumer<ClientConnection> onEnd;
  private List<MessageConsumer<Object>> consumers = List.of();
  private int malformedInARow;
  private boolean ended;
  private long expiringTimer = -1;
  private long timeoutTimer = -1;

  public ClientConnection(
      Vertx vertx,
      ServerWebSocket socket,
      LiveSession session,
      RequestPipeline pipeline,
      Envelopes envelopes,
      SessionAnnouncements announcements,
      int maxMalformedInARow,
      Duration requestTimeout,
      Consumer<ClientConnection> onEnd) {
    this.vertx = vertx;
    this.socket = socket;
    this.session = session;
    this.pipeline = pipeline;
    this.envelopes = envelopes;
    this.announcements = announcements;
    this.maxMalformedInARow = maxMalformedInARow;
    this.requestTimeout = requestTimeout;
    this.onEnd = onEnd;
  }

  public LiveSession session() {
    return session;
  }

  /** Sends {@code session.created}, then starts listening to the socket and the session's addresses. */
  public void start() {
    socket.closeHandler(v -> end());
    // Socket failures close the connection (the close handler ends the session); an oversized frame is
    // answered with 1009 by the guard. Nothing from an exception reaches the client.
    socket.exceptionHandler(failure -> {});
    OversizedFrameGuard.install(socket);
    socket.textMessageHandler(this::onText);
    socket.binaryMessageHandler(binary -> onFrame(EnvelopeParser.binaryFrame()));
    // Nothing is read until the session's addresses are registered and session.created is sent, so that
    // it is the first frame and whatever the client does next can already be answered.
    socket.pause();
    String sessionId = session.info().sessionId();
    consumers = List.of(
        vertx.eventBus().localConsumer(Addresses.sessionOutbound(sessionId), this::onOutbound),
        vertx.eventBus().localConsumer(Addresses.sessionInbound(sessionId), this::onInner));
    Future.all(consumers.stream().map(MessageConsumer::completion).toList())
        .onComplete(registered -> {
          if (ended) {
            return;
          }
          writeEvent(announcements.created(session));
          session.onExpiryChange(this::armExpiryTimers);
          armExpiryTimers();
          socket.resume();
        });
  }

  /** Closes the socket (e.g. when the gateway stops); the close handler ends the session. */
  public Future<Void> close(short code, String reason) {
    return ended ? Future.succeededFuture() : socket.close(code, reason);
  }

  private void onText(String text) {
    if (text.length() <= INLINE_PARSE_LIMIT) {
      onFrame(EnvelopeParser.parse(text, envelopes.clock().instant()));
      return;
    }
    vertx.executeBlocking(() -> EnvelopeParser.parse(text, envelopes.clock().instant()), false)
        .onSuccess(this::onFrame);
  }

  private void onFrame(ParsedFrame frame) {
    if (ended) {
      return;
    }
    if (frame instanceof ParsedFrame.Valid valid) {
      malformedInARow = 0;
      pipeline.handle(session, valid.request(), false).onSuccess(this::deliver);
      return;
    }
    ParsedFrame.Invalid invalid = (ParsedFrame.Invalid) frame;
    malformedInARow = invalid.malformed() ? malformedInARow + 1 : 0;
    write(envelopes.error(invalid.id(), invalid.action(), invalid.error()));
    if (malformedInARow >= maxMalformedInARow) {
      socket.close(POLICY_VIOLATION, "too many malformed frames");
    }
  }

  /** Writes an outcome unless the socket closed meanwhile, in which case it is dropped quietly. */
  private void deliver(Outcome outcome) {
    if (ended) {
      return;
    }
    write(outcome.envelope());
    outcome.followingEvents().forEach(this::writeEvent);
    outcome.closeCode().ifPresent(code -> socket.close((short) code, "session terminated"));
  }

  private void onOutbound(Message<Object> message) {
    if (message.body() instanceof ClientEvent event) {
      writeEvent(event);
    }
  }

  /**
   * An inner request of the secure channel (§5 delivery 2): the same pipeline, and the answer goes back to
   * the PQC verticle to be sealed for the client. Malformed inner requests do not count towards the
   * malformed-frame close: the outer frame was well formed.
   */
  private void onInner(Message<Object> message) {
    if (ended || !(message.body() instanceof JsonObject inner)) {
      return;
    }
    ParsedFrame frame = EnvelopeParser.parse(inner, envelopes.clock().instant());
    if (frame instanceof ParsedFrame.Valid valid) {
      pipeline.handle(session, valid.request(), true).onSuccess(this::deliverInner);
    } else {
      ParsedFrame.Invalid invalid = (ParsedFrame.Invalid) frame;
      deliverInner(Outcome.of(envelopes.error(invalid.id(), invalid.action(), invalid.error())));
    }
  }

  private void deliverInner(Outcome outcome) {
    if (ended) {
      return;
    }
    JsonObject envelope = outcome.envelope();
    String innerId = envelope.getValue("id") instanceof String id ? id : "inner-" + INNER_SEQUENCE.incrementAndGet();
    ActionRequest seal = new ActionRequest(innerId, "secure.deliver", new JsonObject().put("message", envelope), session.info(), true);
    vertx.eventBus().request(Addresses.SECURE_DELIVER, seal, new DeliveryOptions().setSendTimeout(requestTimeout.toMillis()))
        .onComplete(sealed -> {
          // Events and a close come after the sealed answer, as they would after a plain response.
          if (ended) {
            return;
          }
          if (sealed.failed()) {
            // Nothing can be sent in the clear instead: the answer is lost, and the client's own timeout
            // for that id applies. The failure's text may name internals, so only its kind is logged.
            LOG.log(System.Logger.Level.WARNING, "sealing an inner answer failed: {0}", sealed.cause().getClass().getSimpleName());
          }
          outcome.followingEvents().forEach(this::writeEvent);
          outcome.closeCode().ifPresent(code -> socket.close((short) code, "session terminated"));
        });
  }

  private void armExpiryTimers() {
    cancelTimers();
    if (ended) {
      return;
    }
    var now = envelopes.clock().instant();
    expiringTimer = vertx.setTimer(atLeastOneMs(session.untilExpiringNotice(now)), id -> {
      expiringTimer = -1;
      writeEvent(announcements.expiring(session));
    });
    timeoutTimer = vertx.setTimer(atLeastOneMs(session.untilTimeout(now)), id -> {
      timeoutTimer = -1;
      writeEvent(announcements.timeout(session));
      socket.close(SESSION_TIMEOUT, "session expired");
    });
  }

  private static long atLeastOneMs(Duration delay) {
    return Math.max(1, delay.toMillis());
  }

  private void cancelTimers() {
    if (expiringTimer >= 0) {
      vertx.cancelTimer(expiringTimer);
      expiringTimer = -1;
    }
    if (timeoutTimer >= 0) {
      vertx.cancelTimer(timeoutTimer);
      timeoutTimer = -1;
    }
  }

  private void writeEvent(ClientEvent event) {
    write(envelopes.event(event));
  }

  private void write(JsonObject envelope) {
    if (!ended && !socket.isClosed()) {
      socket.writeTextMessage(envelope.encode());
    }
  }

  /** Any close ends the session: timers, consumers, and every service's state for it. */
  private void end() {
    if (ended) {
      return;
    }
    ended = true;
    cancelTimers();
    consumers.forEach(MessageConsumer::unregister);
    vertx.eventBus().publish(Addresses.SESSION_ENDED, session.info());
    onEnd.accept(this);
  }
}
