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
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import io.vertx.core.internal.buffer.BufferInternal;
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
  static final short MESSAGE_TOO_BIG = 1009;
  /** Frames above this many characters are decoded off the event loop. */
  static final int INLINE_PARSE_LIMIT = 256 * 1024;
  /** Requests of one socket being answered at once; beyond, the socket is not read until one completes. */
  static final int MAX_IN_FLIGHT = 128;

  private static final System.Logger LOG = System.getLogger(ClientConnection.class.getName());
  private static final AtomicLong INNER_SEQUENCE = new AtomicLong();

  private final Vertx vertx;
  private final ServerWebSocket socket;
  private final LiveSession session;
  private final RequestPipeline pipeline;
  private final EnvelopeParser parser;
  private final Envelopes envelopes;
  private final SessionAnnouncements announcements;
  private final int maxMalformedInARow;
  private final Duration requestTimeout;
  private final int maxFrameBytes;
  private final Consumer<ClientConnection> onEnd;
  private List<MessageConsumer<Object>> consumers = List.of();
  private int malformedInARow;
  private boolean ended;
  /** Set once we start closing: nothing more is read or written. */
  private boolean closing;
  private int inFlight;
  private boolean started;
  private boolean writeBlocked;
  private long expiringTimer = -1;
  private long timeoutTimer = -1;

  public ClientConnection(
      Vertx vertx,
      ServerWebSocket socket,
      LiveSession session,
      RequestPipeline pipeline,
      EnvelopeParser parser,
      Envelopes envelopes,
      SessionAnnouncements announcements,
      int maxMalformedInARow,
      Duration requestTimeout,
      int maxFrameBytes,
      Consumer<ClientConnection> onEnd) {
    this.vertx = vertx;
    this.socket = socket;
    this.session = session;
    this.pipeline = pipeline;
    this.parser = parser;
    this.envelopes = envelopes;
    this.announcements = announcements;
    this.maxMalformedInARow = maxMalformedInARow;
    this.requestTimeout = requestTimeout;
    this.maxFrameBytes = maxFrameBytes;
    this.onEnd = onEnd;
  }

  /** Sends {@code session.created}, then starts listening to the socket and the session's addresses. */
  public void start() {
    socket.closeHandler(v -> end());
    // A frame over the size limit is answered with 1009 by the guard, before Vert.x sees it.
    socket.exceptionHandler(this::onSocketFailure);
    OversizedFrameGuard.install(socket);
    socket.textMessageHandler(this::onText);
    socket.binaryMessageHandler(binary -> onFrame(EnvelopeParser.binaryFrame()));
    // Nothing is read until the session's addresses are registered and session.created is sent, so that
    // it is the first frame and whatever the client does next can already be answered.
    updateReading();
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
          started = true;
          updateReading();
        });
  }

  /** Closes the socket (e.g. when the gateway stops); the close handler ends the session. */
  public Future<Void> close(short code, String reason) {
    if (ended || closing) {
      return Future.succeededFuture();
    }
    closing = true;
    return socket.close(code, reason);
  }

  /**
   * Socket failures other than the one below end in a closed connection, whose close handler ends the
   * session. A fragmented message growing past the size limit is reported by Vert.x's reassembly as an
   * IllegalStateException (the only one the read side raises): that is §7's 1009. Nothing from an
   * exception reaches the client.
   */
  private void onSocketFailure(Throwable failure) {
    if (failure instanceof IllegalStateException) {
      close(MESSAGE_TOO_BIG, "message too big");
    }
  }

  private void onText(String text) {
    if (text.length() <= INLINE_PARSE_LIMIT) {
      onFrame(parser.parse(text, envelopes.clock().instant()));
      return;
    }
    // Decoding counts as in flight, so that a client cannot queue many large frames for decoding at once.
    inFlight++;
    updateReading();
    vertx.executeBlocking(() -> parser.parse(text, envelopes.clock().instant()), false)
        .onComplete(decoded -> {
          inFlight--;
          updateReading();
          if (decoded.succeeded()) {
            onFrame(decoded.result());
          }
        });
  }

  private void onFrame(ParsedFrame frame) {
    if (ended || closing) {
      return;
    }
    if (frame instanceof ParsedFrame.Valid valid) {
      malformedInARow = 0;
      inFlight++;
      updateReading();
      pipeline.handle(session, valid.request(), false).onSuccess(this::deliver);
      return;
    }
    ParsedFrame.Invalid invalid = (ParsedFrame.Invalid) frame;
    malformedInARow = invalid.malformed() ? malformedInARow + 1 : 0;
    write(envelopes.error(invalid.id(), invalid.action(), invalid.error()));
    if (malformedInARow >= maxMalformedInARow) {
      close(POLICY_VIOLATION, "too many malformed frames");
    }
  }

  /** Writes an outcome unless the socket closed meanwhile, in which case it is dropped quietly. */
  private void deliver(Outcome outcome) {
    inFlight--;
    updateReading();
    if (ended) {
      return;
    }
    writeText(outcome.utf8());
    outcome.followingEvents().forEach(this::writeEvent);
    outcome.closeCode().ifPresent(code -> close((short) code, "session terminated"));
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
    ParsedFrame frame = parser.parse(inner, envelopes.clock().instant());
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
    String innerId = outcome.envelope().getValue("id") instanceof String id ? id : "inner-" + INNER_SEQUENCE.incrementAndGet();
    // The answer's bytes, as the client will read them once unsealed: an encoded payload is neither parsed
    // nor encoded again on its way into the channel.
    ActionRequest seal =
        new ActionRequest(innerId, "secure.deliver", new JsonObject().put("message", outcome.utf8()), session.info(), true);
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
          outcome.closeCode().ifPresent(code -> close((short) code, "session terminated"));
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
      close(SESSION_TIMEOUT, "session expired");
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

  /** Writes one frame, unless the socket is closing or closed. */
  private void write(JsonObject envelope) {
    writeText(envelope.toBuffer());
  }

  /**
   * Writes a message that is UTF-8 JSON already: an envelope's encoding, or a response with the payload
   * its service encoded spliced in ({@link Outcome#utf8()}). One text frame, as {@code writeTextMessage} would write (split into
   * continuation frames only past the frame size limit), so one flush and one wake-up of the client: sent
   * as separate fragments, the envelope's parts each cost a flush, a TLS record and a wake-up, which under
   * load delayed answers by tens of milliseconds; a ciphertext answer in fragments of 64 or 128 KB was
   * slower too. Vert.x 5 has no public way to write a text frame from bytes; {@link WebSocketFrameImpl} is
   * the frame its own {@code writeTextMessage} builds.
   */
  private void writeText(Buffer message) {
    if (ended || closing || socket.isClosed()) {
      return;
    }
    int first = Math.min(message.length(), maxFrameBytes);
    socket.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, ((BufferInternal) message.slice(0, first)).getByteBuf(), first == message.length()));
    for (int from = first; from < message.length(); from += maxFrameBytes) {
      int to = (int) Math.min(message.length(), (long) from + maxFrameBytes);
      socket.writeFrame(WebSocketFrame.continuationFrame(message.slice(from, to), to == message.length()));
    }
    watchWriteQueue();
  }

  /** Stops reading the client while its write queue is full (see {@link #updateReading()}). */
  private void watchWriteQueue() {
    if (socket.writeQueueFull() && !writeBlocked) {
      writeBlocked = true;
      updateReading();
      socket.drainHandler(drained -> {
        writeBlocked = false;
        updateReading();
      });
    }
  }

  /**
   * Back-pressure on what the client sends: the socket is read only once the session is announced, while
   * fewer than {@link #MAX_IN_FLIGHT} of its requests are being answered, and while the client reads what
   * it is sent (otherwise its write queue would grow without bound). TCP then slows the client down.
   */
  private void updateReading() {
    if (ended) {
      return;
    }
    if (started && !writeBlocked && inFlight < MAX_IN_FLIGHT) {
      socket.resume();
    } else {
      socket.pause();
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
