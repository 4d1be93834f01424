package io.pqcfhe.client;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How to reach and trust a server. Build with {@link #of} and the {@code with*} methods; every instance is
 * validated and immutable.
 *
 * @param endpoint {@code wss://host:port/ws/v1/secure}
 * @param clientId 1–128 characters of {@code [A-Za-z0-9._:-]} (PROTOCOL.md §1)
 * @param token the JWT, sent as {@code Authorization: Bearer}
 * @param pinnedServerKey lowercase hex SHA-256 of the server's ML-DSA-65 identity key: when present, a
 *     session whose {@code server_public_key} hashes to anything else is refused before any request
 * @param requestTimeout how long a request waits for its answer
 * @param connectTimeout how long the TCP, TLS and WebSocket upgrade may take
 * @param maxMessageBytes the largest frame accepted from the server (FHE keys and ciphertexts are big)
 */
public record ClientOptions(
    URI endpoint,
    String clientId,
    String token,
    ProtocolVersion protocolVersion,
    TlsTrust tlsTrust,
    Optional<String> pinnedServerKey,
    Duration requestTimeout,
    Duration connectTimeout,
    int maxMessageBytes) {

  public static final String DEFAULT_PATH = "/ws/v1/secure";
  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{64}");

  public ClientOptions {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(protocolVersion, "protocolVersion");
    Objects.requireNonNull(tlsTrust, "tlsTrust");
    Objects.requireNonNull(pinnedServerKey, "pinnedServerKey");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    if (!"wss".equalsIgnoreCase(endpoint.getScheme()) || endpoint.getHost() == null) {
      throw new IllegalArgumentException("endpoint must be a wss:// URL with a host");
    }
    if (!CLIENT_ID.matcher(clientId).matches()) {
      throw new IllegalArgumentException("client id must be 1-128 characters of [A-Za-z0-9._:-]");
    }
    if (token.isBlank()) {
      throw new IllegalArgumentException("token must not be empty");
    }
    pinnedServerKey = pinnedServerKey.map(f -> f.replace(":", "").toLowerCase(Locale.ROOT));
    if (pinnedServerKey.isPresent() && !FINGERPRINT.matcher(pinnedServerKey.get()).matches()) {
      throw new IllegalArgumentException("pinned server key must be 64 hex characters (SHA-256)");
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("request timeout must be positive");
    }
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connect timeout must be positive");
    }
    if (maxMessageBytes < 64 * 1024) {
      throw new IllegalArgumentException("max message bytes must be at least 64 KiB");
    }
  }

  /** Defaults: protocol 1.1, the JVM's trust store, no pin, 30 s requests, 10 s connect, 64 MiB frames. */
  public static ClientOptions of(URI endpoint, String clientId, String token) {
    return new ClientOptions(
        endpoint,
        clientId,
        token,
        ProtocolVersion.V1_1,
        TlsTrust.systemDefault(),
        Optional.empty(),
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        64 * 1024 * 1024);
  }

  public ClientOptions withProtocolVersion(ProtocolVersion version) {
    return new ClientOptions(
        endpoint, clientId, token, version, tlsTrust, pinnedServerKey, requestTimeout, connectTimeout, maxMessageBytes);
  }

  public ClientOptions withTlsTrust(TlsTrust trust) {
    return new ClientOptions(
        endpoint, clientId, token, protocolVersion, trust, pinnedServerKey, requestTimeout, connectTimeout, maxMessageBytes);
  }

  public ClientOptions withPinnedServerKey(String fingerprintHex) {
    return new ClientOptions(
        endpoint,
        clientId,
        token,
        protocolVersion,
        tlsTrust,
        Optional.of(fingerprintHex),
        requestTimeout,
        connectTimeout,
        maxMessageBytes);
  }

  public ClientOptions withRequestTimeout(Duration timeout) {
    return new ClientOptions(
        endpoint, clientId, token, protocolVersion, tlsTrust, pinnedServerKey, timeout, connectTimeout, maxMessageBytes);
  }

  public ClientOptions withConnectTimeout(Duration timeout) {
    return new ClientOptions(
        endpoint, clientId, token, protocolVersion, tlsTrust, pinnedServerKey, requestTimeout, timeout, maxMessageBytes);
  }

  public ClientOptions withMaxMessageBytes(int bytes) {
    return new ClientOptions(
        endpoint, clientId, token, protocolVersion, tlsTrust, pinnedServerKey, requestTimeout, connectTimeout, bytes);
  }

  /** Never prints the token. */
  @Override
  public String toString() {
    return "ClientOptions[endpoint=" + endpoint + ", clientId=" + clientId + ", protocolVersion=" + protocolVersion.wireName()
        + ", tlsTrust=" + tlsTrust + ", pinnedServerKey=" + pinnedServerKey.orElse("none") + "]";
  }
}
