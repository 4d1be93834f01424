package io.pqcfhe.pqc.handshake;

import io.pqcfhe.crypto.ChannelKeys;
import io.pqcfhe.crypto.Encapsulation;
import io.pqcfhe.crypto.HandshakeTranscript;
import io.pqcfhe.crypto.InvalidKeyMaterialException;
import io.pqcfhe.crypto.MlKemParameterSet;
import io.pqcfhe.crypto.SecretBytes;
import io.pqcfhe.crypto.X25519KeyPair;
import io.pqcfhe.crypto.bc.MlKem;
import io.pqcfhe.crypto.bc.X25519;
import io.pqcfhe.pqc.PayloadReader;
import io.pqcfhe.pqc.PqcSettings;
import io.pqcfhe.pqc.channel.SecureChannelService;
import io.pqcfhe.pqc.identity.ServerIdentity;
import io.pqcfhe.protocol.ActionReply;
import io.pqcfhe.protocol.ActionRequest;
import io.pqcfhe.protocol.ClientEvent;
import io.pqcfhe.protocol.ErrorCode;
import io.pqcfhe.protocol.ProtocolError;
import io.pqcfhe.protocol.ProtocolException;
import io.pqcfhe.protocol.SessionInfo;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server side of the key exchange (PROTOCOL §4): {@code pqc.initiate} checks the client's keys,
 * encapsulates, optionally agrees X25519, signs the transcript and keeps the derived keys under a fresh
 * {@code key_id}; {@code pqc.confirm} checks the client's hash of its channel key and installs the keys
 * as the session's secure channel (or as its new keys, for a rekey).
 *
 * <p>A {@code key_id} is 128 random bits, belongs to its session, is single-use, expires after 60 s, and
 * dies after three wrong hashes. Each session holds a bounded number of them; expired ones are swept.
 * Thread-safe (one lock over the pending table; the cryptography runs outside it).
 */
public final class KeyExchangeService {
  /** Longest base64 text a valid encapsulation key can have, with some slack for padding variants. */
  private static final int MAX_KEY_TEXT = 4 * ((MlKemParameterSet.ML_KEM_1024.encapsulationKeyBytes() + 2) / 3) + 4;
  private static final int MAX_EPHEMERAL_TEXT = 64;
  private static final int KEY_ID_BYTES = 16;

  private final ServerIdentity identity;
  private final SecureChannelService channels;
  private final PqcSettings settings;
  private final Clock clock;
  private final SecureRandom random;
  /** In issue order, so that the oldest of a session is found first. */
  private final Map<String, PendingHandshake> pending = new LinkedHashMap<>();

  public KeyExchangeService(
      ServerIdentity identity, SecureChannelService channels, PqcSettings settings, Clock clock, SecureRandom random) {
    this.identity = identity;
    this.channels = channels;
    this.settings = settings;
    this.clock = clock;
    this.random = random;
  }

  /** {@code pqc.initiate}. */
  public ActionReply initiate(ActionRequest request) {
    InitiateRequest req = InitiateRequest.read(request.payload());
    SessionInfo session = request.session();

    Encapsulation encapsulation;
    try {
      encapsulation = MlKem.encapsulate(req.algorithm(), req.clientPublicKey(), random);
    } catch (InvalidKeyMaterialException e) {
      throw failure("invalid_public_key", "client_public_key is not a valid " + req.algorithm().wireName()
          + " encapsulation key (FIPS 203 length and modulus checks)");
    }
    byte[] serverEphemeralPublic = null;
    SecretBytes classicalSecret = null;
    if (req.hybrid()) {
      X25519KeyPair ephemeral = X25519.generateKeyPair(random);
      try {
        classicalSecret = X25519.agree(ephemeral.privateKey(), req.clientEphemeralPublic());
      } catch (InvalidKeyMaterialException e) {
        encapsulation.sharedSecret().destroy();
        throw failure("invalid_ephemeral_key", "client_ephemeral_public is not a usable X25519 public key");
      } finally {
        ephemeral.destroy();
      }
      serverEphemeralPublic = ephemeral.publicKey();
    }
    ChannelKeys keys;
    try {
      keys = ChannelKeys.derive(encapsulation.sharedSecret(), classicalSecret);
    } finally {
      encapsulation.sharedSecret().destroy();
      if (classicalSecret != null) {
        classicalSecret.destroy();
      }
    }

    String keyId = newKeyId();
    byte[] ciphertext = encapsulation.ciphertext();
    byte[] transcript = new HandshakeTranscript(session.sessionId(), keyId, req.algorithm(), req.clientPublicKey(),
        ciphertext, req.clientEphemeralPublic(), serverEphemeralPublic).toBytes();
    byte[] signature;
    try {
      signature = identity.sign(transcript);
    } catch (RuntimeException e) {
      keys.destroy();
      throw e;
    }
    remember(new PendingHandshake(keyId, session.sessionId(), keys, clock.instant()));

    JsonObject answer = new JsonObject()
        .put("algorithm", req.algorithm().wireName())
        .put("ciphertext", PayloadReader.encodeBase64(ciphertext))
        .put("key_id", keyId)
        .put("signature", PayloadReader.encodeBase64(signature));
    if (serverEphemeralPublic != null) {
      answer.put("server_ephemeral_public", PayloadReader.encodeBase64(serverEphemeralPublic));
    }
    return ActionReply.success(answer);
  }

  /** {@code pqc.confirm}. */
  public ActionReply confirm(ActionRequest request) {
    PayloadReader reader = new PayloadReader(request.payload());
    String keyId = reader.string("key_id");
    String presentedHash = reader.string("shared_key_hash");
    Optional<Boolean> ready = reader.optionalBoolean("ready_for_secure_channel");
    if (!ready.orElse(false)) {
      throw PayloadReader.invalid("ready_for_secure_channel", "must be true");
    }
    SessionInfo session = request.session();
    PendingHandshake handshake = confirmedHandshake(keyId, session.sessionId(), presentedHash);

    String channelId = channels.install(session, keyId, handshake.keys());
    JsonObject answer = new JsonObject()
        .put("secure_channel_established", true)
        .put("channel_id", channelId)
        .put("cipher_suite", "AES-256-GCM")
        .put("key_derivation", "HKDF-SHA384");
    ClientEvent established = new ClientEvent("pqc.established",
        new JsonObject().put("channel_id", channelId).put("key_id", keyId));
    return ActionReply.success(answer, List.of(established));
  }

  /** Forgets and wipes the session's unconfirmed handshakes. */
  public void sessionEnded(SessionInfo session) {
    synchronized (pending) {
      pending.values().removeIf(h -> {
        if (h.sessionId().equals(session.sessionId())) {
          h.destroy();
          return true;
        }
        return false;
      });
    }
  }

  /** Drops and wipes every unconfirmed handshake: the node is shutting down. */
  public void closeAll() {
    synchronized (pending) {
      pending.values().forEach(PendingHandshake::destroy);
      pending.clear();
    }
  }

  /** Drops and wipes every expired {@code key_id}. */
  public void sweep() {
    Instant now = clock.instant();
    synchronized (pending) {
      pending.values().removeIf(h -> {
        if (expired(h, now)) {
          h.destroy();
          return true;
        }
        return false;
      });
    }
  }

  public int pendingCount() {
    synchronized (pending) {
      return pending.size();
    }
  }

  /**
   * The handshake of {@code keyId} once its hash matched, removed from the table (single use). Every
   * failure leaves the reason {@code unknown_key_id} or {@code hash_mismatch} and nothing else.
   */
  private PendingHandshake confirmedHandshake(String keyId, String sessionId, String presentedHash) {
    Instant now = clock.instant();
    synchronized (pending) {
      PendingHandshake handshake = pending.get(keyId);
      if (handshake == null || !handshake.sessionId().equals(sessionId)) {
        throw unknownKeyId();
      }
      if (expired(handshake, now)) {
        pending.remove(keyId);
        handshake.destroy();
        throw unknownKeyId();
      }
      if (!handshake.keys().matchesConfirmHash(presentedHash)) {
        if (handshake.recordWrongHash() >= settings.maxWrongHashes()) {
          pending.remove(keyId);
          handshake.destroy();
        }
        throw failure("hash_mismatch", "shared_key_hash does not match the server's keys");
      }
      pending.remove(keyId);
      return handshake;
    }
  }

  private void remember(PendingHandshake handshake) {
    synchronized (pending) {
      List<PendingHandshake> ofSession = pending.values().stream()
          .filter(h -> h.sessionId().equals(handshake.sessionId()))
          .toList();
      // Bounded memory: beyond the cap, the session's oldest unconfirmed handshakes give way.
      for (int i = 0; i <= ofSession.size() - settings.maxPendingPerSession(); i++) {
        PendingHandshake evicted = ofSession.get(i);
        pending.remove(evicted.keyId());
        evicted.destroy();
      }
      pending.put(handshake.keyId(), handshake);
    }
  }

  private boolean expired(PendingHandshake handshake, Instant now) {
    return Duration.between(handshake.issuedAt(), now).compareTo(settings.keyIdLifetime()) >= 0;
  }

  private String newKeyId() {
    byte[] bytes = new byte[KEY_ID_BYTES];
    random.nextBytes(bytes);
    return "kid-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static ProtocolException unknownKeyId() {
    return failure("unknown_key_id", "key_id is unknown, expired, already used or invalidated");
  }

  private static ProtocolException failure(String reason, String message) {
    return ProtocolError.withReason(ErrorCode.PQC_KEY_EXCHANGE_FAILED, reason, message).asException();
  }

  /** The fields of a {@code pqc.initiate}, type-checked and decoded, before the cryptographic checks. */
  record InitiateRequest(MlKemParameterSet algorithm, byte[] clientPublicKey, boolean hybrid, byte[] clientEphemeralPublic) {

    static InitiateRequest read(JsonObject payload) {
      PayloadReader reader = new PayloadReader(payload);
      Optional<String> algorithmName = reader.optionalString("algorithm");
      String keyText = reader.string("client_public_key");
      boolean hybrid = reader.optionalBoolean("hybrid_mode").orElse(false);
      Optional<String> classical = reader.optionalString("classical_algorithm");
      Optional<String> ephemeralText = reader.optionalString("client_ephemeral_public");
      if (hybrid && ephemeralText.isEmpty()) {
        throw PayloadReader.invalid("client_ephemeral_public", "is required when hybrid_mode is true");
      }
      // Type and base64 problems are INVALID_REQUEST; a decodable key of the wrong size is the key's own
      // failure below. Overlong texts are refused before decoding.
      byte[] clientPublicKey = keyText.length() > MAX_KEY_TEXT ? null : PayloadReader.decodeField("client_public_key", keyText);
      // An overlong ephemeral key becomes an empty one, which the X25519 length check refuses.
      byte[] ephemeral = ephemeralText
          .map(t -> t.length() > MAX_EPHEMERAL_TEXT ? new byte[0] : PayloadReader.decodeField("client_ephemeral_public", t))
          .orElse(null);

      MlKemParameterSet algorithm = algorithmName
          .map(name -> MlKemParameterSet.fromWire(name)
              .orElseThrow(() -> failure("unsupported_algorithm", "algorithm must be ML-KEM-512, ML-KEM-768 or ML-KEM-1024")))
          .orElse(MlKemParameterSet.DEFAULT);
      if (hybrid && classical.isPresent() && !classical.get().equals("X25519")) {
        throw failure("unsupported_algorithm", "classical_algorithm must be X25519");
      }
      if (clientPublicKey == null) {
        throw failure("invalid_public_key", "client_public_key has the wrong length");
      }
      return new InitiateRequest(algorithm, clientPublicKey, hybrid, hybrid ? ephemeral : null);
    }
  }
}
