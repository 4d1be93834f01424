package io.pqcfhe.client;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.client.PqcFheException.LocalCode;
import io.pqcfhe.crypto.bc.MlDsa65;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerIdentityTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] KEY = MlDsa65.fromSeed(MlDsa65.newSeed(RANDOM)).publicKey();
  private static final String FINGERPRINT = ServerIdentity.fingerprint(KEY);

  static JsonObject sessionCreated(byte[] key, String fingerprint) {
    return new JsonObject()
        .put("session_id", "sess-1")
        .put("client_id", "c-1")
        .put("expires_at", Instant.now().plusSeconds(3600).toString())
        .put("capabilities", new JsonArray().add("pqc.ml_kem_768").add("fhe.ckks"))
        .put("server_public_key", Base64.getEncoder().encodeToString(key))
        .put("server_key_fingerprint", fingerprint)
        .put("protocol_version", "1.1")
        .put("limits", new JsonObject().put("max_message_bytes", 1024).put("rate_limits", new JsonObject().put("pqc", 5)));
  }

  @Test
  void theMatchingPinIsAccepted() {
    SessionDetails s = SessionDetails.fromEvent(sessionCreated(KEY, FINGERPRINT));
    assertDoesNotThrow(() -> ServerIdentity.check(s, Optional.of(FINGERPRINT)));
    assertDoesNotThrow(() -> ServerIdentity.check(s, Optional.empty()));
    assertEquals(5, s.limits().ratePerMinute().get("pqc"));
    assertTrue(s.offers("fhe.ckks"));
    assertEquals("chan-sess-1", s.channelId());
  }

  @Test
  void anotherIdentityKeyIsRefusedWhenPinned() {
    byte[] other = MlDsa65.fromSeed(MlDsa65.newSeed(RANDOM)).publicKey();
    SessionDetails s = SessionDetails.fromEvent(sessionCreated(other, ServerIdentity.fingerprint(other)));
    assertRefused("pin_mismatch", s, Optional.of(FINGERPRINT));
  }

  @Test
  void aFingerprintThatDoesNotMatchTheKeyIsRefused() {
    byte[] other = MlDsa65.fromSeed(MlDsa65.newSeed(RANDOM)).publicKey();
    // The server claims the pinned fingerprint but sends another key: the pin must bind the key itself.
    SessionDetails s = SessionDetails.fromEvent(sessionCreated(other, FINGERPRINT));
    assertRefused("fingerprint_mismatch", s, Optional.of(FINGERPRINT));
  }

  @Test
  void aKeyOfTheWrongSizeIsRefused() {
    byte[] shortKey = new byte[100];
    SessionDetails s = SessionDetails.fromEvent(sessionCreated(shortKey, ServerIdentity.fingerprint(shortKey)));
    assertRefused("bad_server_key", s, Optional.empty());
  }

  @Test
  void pinsAreNormalisedAndValidated() {
    ClientOptions o = ClientOptions.of(java.net.URI.create("wss://localhost:8443/ws/v1/secure"), "c-1", "t");
    assertEquals(FINGERPRINT, o.withPinnedServerKey(FINGERPRINT.toUpperCase()).pinnedServerKey().orElseThrow());
    assertThrows(IllegalArgumentException.class, () -> o.withPinnedServerKey("abc"));
    assertThrows(IllegalArgumentException.class, () -> ClientOptions.of(java.net.URI.create("ws://localhost:8443/"), "c-1", "t"));
    assertThrows(IllegalArgumentException.class, () -> ClientOptions.of(java.net.URI.create("wss://localhost:8443/"), "bad id", "t"));
  }

  private static void assertRefused(String reason, SessionDetails s, Optional<String> pin) {
    PqcFheException e = assertThrows(PqcFheException.class, () -> ServerIdentity.check(s, pin));
    assertTrue(e.is(LocalCode.SERVER_NOT_TRUSTED));
    assertEquals(reason, e.reason().orElseThrow());
  }
}
