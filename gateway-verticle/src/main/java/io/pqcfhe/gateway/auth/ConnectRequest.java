package io.pqcfhe.gateway.auth;

import io.pqcfhe.protocol.ErrorCode;
import io.pqcfhe.protocol.ProtocolError;
import io.pqcfhe.protocol.ProtocolException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The credentials of a WebSocket upgrade (§1), read from headers or, for browsers, query parameters. A
 * header wins over a query parameter of the same meaning.
 *
 * @param token the bearer token, empty when none was presented (the caller answers 401)
 */
public record ConnectRequest(String clientId, String protocolVersion, Optional<String> token) {

  public static final Set<String> SUPPORTED_VERSIONS = Set.of("1.0", "1.1");
  public static final String DEFAULT_VERSION = "1.0";
  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final String BEARER = "bearer ";

  /**
   * Reads the credentials; throws {@link ProtocolException} with {@code INVALID_REQUEST} for a missing or
   * bad client id or an unsupported version (the first two checks of §1). The token is not verified here.
   *
   * @param header header value by name (null when absent)
   * @param query query parameter value by name (null when absent)
   */
  public static ConnectRequest read(Function<String, String> header, Function<String, String> query) {
    String clientId = firstPresent(header.apply("X-Client-ID"), query.apply("client_id"));
    if (clientId == null) {
      throw ProtocolError.invalidField("client_id", "X-Client-ID header or client_id parameter is required").asException();
    }
    if (!CLIENT_ID.matcher(clientId).matches()) {
      throw ProtocolError.invalidField("client_id", "client id must be 1 to 128 characters of [A-Za-z0-9._:-]").asException();
    }
    String version = firstPresent(header.apply("X-Protocol-Version"), query.apply("protocol_version"));
    if (version == null) {
      version = DEFAULT_VERSION;
    } else if (!SUPPORTED_VERSIONS.contains(version)) {
      throw ProtocolError.withReason(ErrorCode.INVALID_REQUEST, "unsupported_version", "protocol version must be 1.0 or 1.1")
          .withDetail("field", "protocol_version")
          .asException();
    }
    return new ConnectRequest(clientId, version, bearerToken(header.apply("Authorization"), query.apply("auth_token")));
  }

  /**
   * An Authorization header that is not a bearer token yields an empty string, which the verifier refuses
   * as malformed rather than as missing.
   */
  private static Optional<String> bearerToken(String authorization, String queryToken) {
    if (authorization != null) {
      boolean bearer = authorization.length() > BEARER.length()
          && authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER);
      return Optional.of(bearer ? authorization.substring(BEARER.length()).trim() : "");
    }
    return Optional.ofNullable(queryToken);
  }

  private static String firstPresent(String preferred, String fallback) {
    return preferred != null ? preferred : fallback;
  }

  @Override
  public String toString() {
    return "ConnectRequest[clientId=" + clientId + ", protocolVersion=" + protocolVersion + ", token=<redacted>]";
  }
}
