package io.pqcfhe.gateway.auth;

import static io.pqcfhe.gateway.testing.TestGateway.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pqcfhe.gateway.config.JwtKey;
import io.pqcfhe.gateway.config.JwtSettings;
import io.pqcfhe.gateway.testing.Jwts;
import io.pqcfhe.protocol.ErrorCode;
import io.pqcfhe.protocol.Permission;
import io.pqcfhe.protocol.ProtocolException;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Token verification with every key kind the configuration accepts, and the claims of §1. */
@ExtendWith(VertxExtension.class)
class TokenVerifierTest {
  static final String SECRET = "token-verifier-test-secret-32-bytes!";

  @Test
  void rs256AndEs256PemKeys(Vertx vertx) throws Exception {
    KeyPair rsa = rsa();
    KeyPair ec = ec();
    TokenVerifier verifier = new TokenVerifier(vertx, new JwtSettings(
        List.of(new JwtKey("RS256", pem(rsa.getPublic())), new JwtKey("ES256", pem(ec.getPublic()))),
        List.of(), Optional.empty(), List.of()));
    JsonObject claims = Jwts.claims(600).put("client_id", "c1");
    assertEquals(Optional.of("c1"), await(verifier.verify(Optional.of(Jwts.rs256(rsa.getPrivate(), claims)))).clientId());
    assertEquals(Optional.of("c1"), await(verifier.verify(Optional.of(Jwts.es256(ec.getPrivate(), claims)))).clientId());
    assertUnauthorized(verifier, Jwts.rs256(rsa().getPrivate(), claims));
    assertUnauthorized(verifier, Jwts.hs256(SECRET, claims));
  }

  @Test
  void jwksKeys(Vertx vertx) throws Exception {
    KeyPair rsa = rsa();
    RSAPublicKey key = (RSAPublicKey) rsa.getPublic();
    JsonObject jwk = new JsonObject().put("kty", "RSA").put("kid", "k1").put("alg", "RS256").put("use", "sig")
        .put("n", unsigned(key.getModulus())).put("e", unsigned(key.getPublicExponent()));
    TokenVerifier verifier = new TokenVerifier(vertx, new JwtSettings(List.of(), List.of(jwk), Optional.empty(), List.of()));
    await(verifier.verify(Optional.of(Jwts.rs256(rsa.getPrivate(), "k1", Jwts.claims(600)))));
    assertUnauthorized(verifier, Jwts.rs256(rsa().getPrivate(), "k1", Jwts.claims(600)));
  }

  @Test
  void issuerAndAudienceWhenConfigured(Vertx vertx) {
    TokenVerifier verifier = new TokenVerifier(vertx, new JwtSettings(
        List.of(new JwtKey("HS256", SECRET)), List.of(), Optional.of("https://idp.bank"), List.of("pqc-fhe")));
    JsonObject good = Jwts.claims(600).put("iss", "https://idp.bank").put("aud", "pqc-fhe");
    await(verifier.verify(Optional.of(Jwts.hs256(SECRET, good))));
    assertUnauthorized(verifier, Jwts.hs256(SECRET, good.copy().put("iss", "https://evil")));
    assertUnauthorized(verifier, Jwts.hs256(SECRET, good.copy().put("aud", "other")));
    assertUnauthorized(verifier, Jwts.hs256(SECRET, good.copy().put("aud", null)));
  }

  @Test
  void claimsDefaultsAndTypes(Vertx vertx) {
    TokenVerifier verifier = new TokenVerifier(vertx, JwtSettings.hs256(SECRET));
    VerifiedToken plain = await(verifier.verify(Optional.of(Jwts.hs256(SECRET, Jwts.claims(600)))));
    assertEquals(Permission.defaults(), plain.permissions());
    assertEquals("default", plain.tenant());
    VerifiedToken explicit = await(verifier.verify(Optional.of(Jwts.hs256(SECRET, Jwts.claims(600)
        .put("permissions", new JsonArray().add("pqc").add("fhe.decrypt").add("future.thing")).put("tenant", "t1")))));
    assertEquals(EnumSet.of(Permission.PQC, Permission.FHE_DECRYPT), explicit.permissions());
    assertEquals("t1", explicit.tenant());
    JsonObject claims = Jwts.claims(600);
    assertEquals(Optional.of(Instant.ofEpochSecond(claims.getLong("exp"))),
        await(verifier.verify(Optional.of(Jwts.hs256(SECRET, claims)))).expiresAt());
    assertUnauthorized(verifier, Jwts.hs256(SECRET, Jwts.claims(600).put("client_id", 7)));
    assertUnauthorized(verifier, Jwts.hs256(SECRET, Jwts.claims(600).put("tenant", new JsonObject())));
    assertUnauthorized(verifier, Jwts.hs256(SECRET, Jwts.claims(600).put("permissions", new JsonArray().add(1))));
    assertUnauthorized(verifier, "x".repeat(TokenVerifier.MAX_TOKEN_CHARS + 1));
  }

  private static void assertUnauthorized(TokenVerifier verifier, String token) {
    ProtocolException e = assertThrows(ProtocolException.class, () -> await(verifier.verify(Optional.of(token))));
    assertEquals(ErrorCode.UNAUTHORIZED, e.error().code());
  }

  private static KeyPair rsa() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  private static KeyPair ec() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static String pem(PublicKey key) {
    return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  private static String unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes[0] == 0) {
      bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
