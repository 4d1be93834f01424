package io.pqcfhe.gateway.testing;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Compact JWS tokens built with the JDK alone, so the tests do not trust the library they test. */
public final class Jwts {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private Jwts() {}

  /** Standard claims: exp in {@code secondsValid} seconds (negative: already expired). */
  public static JsonObject claims(long secondsValid) {
    long now = Instant.now().getEpochSecond();
    return new JsonObject().put("sub", "tester").put("iat", now - 5).put("exp", now + secondsValid);
  }

  public static String hs256(String secret, JsonObject claims) {
    String signingInput = signingInput("HS256", null, claims);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return signingInput + "." + B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static String rs256(PrivateKey key, JsonObject claims) {
    return signed("RS256", "SHA256withRSA", key, null, claims);
  }

  /** RS256 with a {@code kid} header, as JWKS-verified tokens carry. */
  public static String rs256(PrivateKey key, String kid, JsonObject claims) {
    return signed("RS256", "SHA256withRSA", key, kid, claims);
  }

  /** ES256: JOSE wants the raw r||s signature, which the P1363 format gives. */
  public static String es256(PrivateKey key, JsonObject claims) {
    return signed("ES256", "SHA256withECDSAinP1363Format", key, null, claims);
  }

  private static String signed(String alg, String jdkAlgorithm, PrivateKey key, String kid, JsonObject claims) {
    String signingInput = signingInput(alg, kid, claims);
    try {
      Signature signature = Signature.getInstance(jdkAlgorithm);
      signature.initSign(key);
      signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + B64.encodeToString(signature.sign());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** An unsigned token ({@code alg: none}), which must never be accepted. */
  public static String unsigned(JsonObject claims) {
    return signingInput("none", null, claims) + ".";
  }

  private static String signingInput(String alg, JsonObject claims) {
    return signingInput(alg, null, claims);
  }

  private static String signingInput(String alg, String kid, JsonObject claims) {
    JsonObject headerJson = new JsonObject().put("alg", alg).put("typ", "JWT");
    if (kid != null) {
      headerJson.put("kid", kid);
    }
    String header = headerJson.encode();
    return B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
        + B64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
  }
}
