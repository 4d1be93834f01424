package io.pqcfhe.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pqcfhe.protocol.ProtocolException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConnectRequestTest {

  @Test
  void headersWinOverQueryParameters() {
    ConnectRequest request = ConnectRequest.read(
        Map.of("X-Client-ID", "hdr", "Authorization", "bearer s3cr3t-value")::get,
        Map.of("client_id", "query", "auth_token", "other", "protocol_version", "1.1")::get);
    assertEquals("hdr", request.clientId());
    assertEquals("1.1", request.protocolVersion());
    assertEquals(Optional.of("s3cr3t-value"), request.token());
    assertFalse(request.toString().contains("s3cr3t"));
  }

  @Test
  void clientIdAlphabetAndLength() {
    ConnectRequest.read(Map.of("X-Client-ID", "a.b_c:d-9")::get, Map.<String, String>of()::get);
    for (String bad : new String[] {"", "a b", "é", "a/b", "x".repeat(129)}) {
      ProtocolException e = assertThrows(ProtocolException.class,
          () -> ConnectRequest.read(Map.of("X-Client-ID", bad)::get, Map.<String, String>of()::get));
      assertEquals("client_id", e.error().details().getString("field"));
    }
  }

  @Test
  void onlyVersionsOneZeroAndOneOne() {
    assertEquals("1.0", ConnectRequest.read(Map.of("X-Client-ID", "c")::get, Map.<String, String>of()::get).protocolVersion());
    ProtocolException e = assertThrows(ProtocolException.class,
        () -> ConnectRequest.read(Map.of("X-Client-ID", "c", "X-Protocol-Version", "1.2")::get, Map.<String, String>of()::get));
    assertEquals("unsupported_version", e.error().details().getString("reason"));
  }

  @Test
  void nonBearerAuthorizationIsAnEmptyTokenNotAMissingOne() {
    assertEquals(Optional.of(""),
        ConnectRequest.read(Map.of("X-Client-ID", "c", "Authorization", "Basic abc")::get, Map.<String, String>of()::get).token());
    assertEquals(Optional.empty(), ConnectRequest.read(Map.of("X-Client-ID", "c")::get, Map.<String, String>of()::get).token());
  }
}
