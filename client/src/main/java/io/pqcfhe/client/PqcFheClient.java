package io.pqcfhe.client;

import io.pqcfhe.client.PqcFheException.LocalCode;
import io.pqcfhe.client.channel.HandshakeOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * A client of the PQC-FHE WebSocket protocol (PROTOCOL.md): one wss connection, one session.
 *
 * <ul>
 *   <li>{@link #connect} opens the connection and completes once {@code session.created} arrived and the
 *       server's identity key passed its fingerprint and pin checks.
 *   <li>{@link #request} sends any action and completes with its payload, or fails with a {@link
 *       PqcFheException}; requests may be pipelined, answers arrive in any order.
 *   <li>{@link #establishChannel} runs the ML-KEM (+ X25519) handshake, verifying the server's ML-DSA-65
 *       signature; {@link #sendSecure} and {@link #requestSecure} then use the channel. The client rekeys
 *       by itself on {@code pqc.rekey_required}.
 *   <li>{@link #close} (or the server closing) fails every pending request and wipes the channel keys.
 * </ul>
 *
 * <p>Thread-safe: methods may be called from any thread; futures complete on the connection's event loop.
 */
public final class PqcFheClient {
  private static final Logger LOG = Logger.getLogger(PqcFheClient.class.getName());

  private final Vertx vertx;
  private final ClientOptions options;
  private final WebSocketClient webSocketClient;
  private final ClientWebSocket webSocket;
  private final PendingRequests pending;
  private final AtomicLong requestCounter = new AtomicLong();
  private final List<ClientListener> listeners = new CopyOnWriteArrayList<>();
  private final Promise<SessionDetails> sessionCreated = Promise.promise();
  private final Promise<Void> closed = Promise.promise();
  private volatile SessionDetails session;
  private final ChannelSession channelSession;

  private PqcFheClient(Vertx vertx, ClientOptions options, SecureRandom random) {
    this.vertx = vertx;
    this.options = options;
    this.webSocketClient = vertx.createWebSocketClient(WebSocketTransport.clientOptions(options));
    this.webSocket = webSocketClient.webSocket();
    this.pending = new PendingRequests(vertx);
    this.channelSession =
        new ChannelSession(
            options.protocolVersion(), () -> session, this::request, new PendingRequests(vertx), options.requestTimeout(), random);
  }

  /**
   * Connects, and completes once the session exists and its identity key is trusted. Fails with {@link
   * LocalCode#CONNECTION_FAILED}, with the server's error when it refused the upgrade (401, 429...), or
   * with {@link LocalCode#SERVER_NOT_TRUSTED} when the identity key does not match the pin.
   */
  public static Future<PqcFheClient> connect(Vertx vertx, ClientOptions options) {
    return connect(vertx, options, new SecureRandom());
  }

  public static Future<PqcFheClient> connect(Vertx vertx, ClientOptions options, SecureRandom random) {
    if (options.tlsTrust() instanceof TlsTrust.InsecureTrustAll) {
      LOG.warning("INSECURE: connecting to " + options.endpoint() + " without verifying its TLS certificate;"
          + " the token and plain requests are exposed to anyone on the path. Development only.");
    }
    PqcFheClient client = new PqcFheClient(vertx, options, random);
    return client.open().map(session -> client);
  }

  private Future<SessionDetails> open() {
    webSocket.frameHandler(new TextMessages(options.maxMessageBytes(), this::onText, problem -> report(violation(problem))));
    webSocket.exceptionHandler(e -> report(PqcFheException.local(LocalCode.CONNECTION_FAILED, "transport: " + e.getMessage())));
    webSocket.closeHandler(v -> onClosed());
    long timer =
        vertx.setTimer(
            options.connectTimeout().toMillis(),
            t -> sessionCreated.tryFail(PqcFheException.local(LocalCode.TIMEOUT, "no session.created in time")));
    webSocket
        .connect(WebSocketTransport.connectOptions(options))
        .onFailure(e -> sessionCreated.tryFail(upgradeFailure(e)));
    return sessionCreated
        .future()
        .onComplete(ar -> vertx.cancelTimer(timer))
        .onFailure(e -> shutdown());
  }

  // ---------------------------------------------------------------------------------------------- session

  /** What {@code session.created} said. */
  public SessionDetails session() {
    return session;
  }

  public ClientOptions options() {
    return options;
  }

  public void addListener(ClientListener listener) {
    listeners.add(Objects.requireNonNull(listener));
  }

  public void removeListener(ClientListener listener) {
    listeners.remove(listener);
  }

  // --------------------------------------------------------------------------------------------- requests

  /** Sends {@code action} and completes with the response's payload, or fails with the server's error. */
  public Future<JsonObject> request(String action, JsonObject payload) {
    String id = "r-" + requestCounter.incrementAndGet();
    String frame = Envelopes.request(id, action, payload).encode();
    long limit = session == null ? 0 : session.limits().maxMessageBytes();
    // A UTF-8 char takes at most 3 bytes: count them only when the frame might be over the limit.
    if (limit > 0 && (long) frame.length() * 3 > limit && frame.getBytes(StandardCharsets.UTF_8).length > limit) {
      return Future.failedFuture(PqcFheException.local(
          LocalCode.MESSAGE_TOO_LARGE, "request of " + frame.length() + "+ bytes over the server's limit of " + limit));
    }
    Future<JsonObject> answer = pending.register(id, options.requestTimeout());
    webSocket.writeTextMessage(frame).onFailure(e -> pending.fail(id, closedError()));
    return answer;
  }

  /** {@code session.refresh}: the new expiry. */
  public Future<JsonObject> refresh() {
    return request("session.refresh", new JsonObject());
  }

  /**
   * {@code session.terminate}, then waits for the server to close the connection (it answers, then closes
   * with 1000); closes from this side if it has not within the request timeout.
   */
  public Future<Void> terminate(String reason) {
    return request("session.terminate", new JsonObject().put("reason", reason))
        .transform(ar -> {
          long timer = vertx.setTimer(options.requestTimeout().toMillis(), t -> close());
          return closed.future().onComplete(v -> vertx.cancelTimer(timer));
        });
  }

  // ------------------------------------------------------------------------------------- secure channel

  /**
   * Runs the key exchange and establishes the secure channel; on a channel that exists already, rekeys it
   * (same channel id, sequence numbers go on). Fails with {@link LocalCode#SERVER_NOT_TRUSTED} (reason
   * {@code bad_signature}) when the server's signature over the transcript does not verify; the channel
   * is then not touched.
   */
  public Future<ChannelInfo> establishChannel(HandshakeOptions handshake) {
    return channelSession.establish(handshake);
  }

  /** The channel as last established or rekeyed; empty before the first handshake. */
  public Optional<ChannelInfo> channel() {
    return channelSession.info();
  }

  /** Sends {@code plaintext} through the channel; the server echoes it back as a secure message. */
  public Future<SecureDelivery> sendSecure(byte[] plaintext) {
    return channelSession.send(plaintext, null);
  }

  /**
   * Sends {@code plaintext} through the channel. With {@code to}, the server relays it to that client id's
   * other sessions; without, it echoes it (or executes it, if it is a request object: use {@link
   * #requestSecure} for that). Fails with {@link LocalCode#CHANNEL_NOT_ESTABLISHED} before the channel.
   */
  public Future<SecureDelivery> sendSecure(byte[] plaintext, String to) {
    return channelSession.send(plaintext, Objects.requireNonNull(to, "to"));
  }

  /**
   * Sends a request inside the channel (PROTOCOL.md §5, delivery 2) and completes with the payload of its
   * answer, which travels back encrypted under the server key. {@code pqc.*} and {@code secure.*} are
   * refused by the server there.
   */
  public Future<JsonObject> requestSecure(String action, JsonObject payload) {
    return channelSession.request("in-" + requestCounter.incrementAndGet(), action, payload);
  }

  // -------------------------------------------------------------------------------------------- closing

  /** Closes the connection; pending requests fail with {@link LocalCode#CONNECTION_CLOSED}. */
  public Future<Void> close() {
    if (!closed.future().isComplete()) {
      webSocket.close().onComplete(ar -> {
        if (ar.failed()) {
          onClosed();
        }
      });
    }
    return closed.future().eventually(webSocketClient::close);
  }

  public boolean isOpen() {
    return !closed.future().isComplete() && session != null;
  }

  /** Completes when the connection has closed, from either side. */
  public Future<Void> closeFuture() {
    return closed.future();
  }

  /** After a failed connect: whatever state the socket reached, release it and settle everything. */
  private void shutdown() {
    try {
      webSocket.close().onComplete(ar -> onClosed());
    } catch (RuntimeException neverConnected) {
      onClosed();
    }
    webSocketClient.close();
  }

  private void onClosed() {
    if (closed.future().isComplete()) {
      return;
    }
    PqcFheException error = closedError();
    sessionCreated.tryFail(error);
    pending.failAll(error);
    channelSession.close(error);
    Short status = closeStatus();
    String reason = closeReason();
    closed.tryComplete();
    int code = status == null ? 1006 : status;
    notifyListeners(l -> l.onClose(code, reason == null ? "" : reason));
  }

  private PqcFheException closedError() {
    Short status = closeStatus();
    return PqcFheException.local(
        LocalCode.CONNECTION_CLOSED, "connection closed" + (status == null ? "" : " (" + status + ")"));
  }

  /** The close code, or null when the socket never connected (a ClientWebSocket then has no state to ask). */
  private Short closeStatus() {
    try {
      return webSocket.closeStatusCode();
    } catch (RuntimeException neverConnected) {
      return null;
    }
  }

  private String closeReason() {
    try {
      return webSocket.closeReason();
    } catch (RuntimeException neverConnected) {
      return null;
    }
  }

  // ------------------------------------------------------------------------------------------- inbound

  private void onText(byte[] utf8) {
    ServerFrame frame;
    try {
      frame = ServerFrame.parse(utf8);
    } catch (PqcFheException e) {
      report(e);
      return;
    }
    if (session == null) {
      onFirstFrame(frame);
      return;
    }
    if (frame instanceof ServerFrame.Response r) {
      if (!pending.complete(r.id(), r.payload())) {
        report(violation("response to no pending request"));
      }
    } else if (frame instanceof ServerFrame.Error e) {
      if (e.id() == null || !pending.fail(e.id(), e.error())) {
        report(e.error());
      }
    } else if (frame instanceof ServerFrame.Event ev) {
      onEvent(ev.event());
    }
  }

  /** The contract makes {@code session.created} the first frame; anything else ends the connection. */
  private void onFirstFrame(ServerFrame frame) {
    try {
      if (!(frame instanceof ServerFrame.Event ev) || !"session.created".equals(ev.event().name())) {
        throw violation("first frame is not session.created");
      }
      SessionDetails details = SessionDetails.fromEvent(ev.event().data());
      ServerIdentity.check(details, options.pinnedServerKey());
      // The channel's AAD depends on the version: both sides must agree on it before the first message.
      if (!options.protocolVersion().wireName().equals(details.protocolVersion())) {
        throw violation("the server runs protocol " + details.protocolVersion() + ", not the requested "
            + options.protocolVersion().wireName());
      }
      if (!options.clientId().equals(details.clientId())) {
        throw violation("session.created names another client id");
      }
      session = details;
      sessionCreated.tryComplete(details);
    } catch (PqcFheException e) {
      sessionCreated.tryFail(e);
    }
  }

  private void onEvent(ServerEvent event) {
    switch (event.name()) {
      case "secure.message" -> onSecureMessage(event);
      case "pqc.rekey_required" -> channelSession.rekeyRequested(this::report);
      default -> { }
    }
    notifyListeners(l -> l.onEvent(event));
  }

  private void onSecureMessage(ServerEvent event) {
    Optional<SecureMessage> message;
    try {
      message = channelSession.open(event.data());
    } catch (PqcFheException refused) {
      report(refused);
      return;
    }
    message.ifPresent(m -> notifyListeners(l -> l.onSecureMessage(m)));
  }

  private void report(PqcFheException problem) {
    notifyListeners(l -> l.onProblem(problem));
  }

  /** A listener that throws must not keep the others, or the connection, from going on. */
  private void notifyListeners(Consumer<ClientListener> call) {
    for (ClientListener l : listeners) {
      try {
        call.accept(l);
      } catch (RuntimeException e) {
        LOG.warning("client listener " + l.getClass().getName() + " threw " + e.getClass().getName());
      }
    }
  }

  // ------------------------------------------------------------------------------------------- helpers

  private static PqcFheException upgradeFailure(Throwable e) {
    if (e instanceof UpgradeRejectedException rejected) {
      try {
        JsonObject body = rejected.getBody() == null ? null : rejected.getBody().toJsonObject();
        if (body != null && body.getValue("code") instanceof String code) {
          return PqcFheException.fromServer(
              code,
              body.getString("message", ""),
              (body.getValue("details") instanceof JsonObject d ? d : new JsonObject()).copy().put("http_status", rejected.getStatus()));
        }
      } catch (RuntimeException notJson) {
        // fall through: report the status alone
      }
      return PqcFheException.local(LocalCode.CONNECTION_FAILED, "upgrade refused with HTTP " + rejected.getStatus());
    }
    return PqcFheException.local(LocalCode.CONNECTION_FAILED, String.valueOf(e.getMessage()));
  }

  private static PqcFheException violation(String message) {
    return PqcFheException.local(LocalCode.PROTOCOL_VIOLATION, message);
  }
}
