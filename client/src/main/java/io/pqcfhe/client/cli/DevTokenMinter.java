package io.pqcfhe.client.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints HS256 client tokens (RFC 7519) from a shared secret, for the benchmark's many client ids and for
 * development: the server's dev secret file holds the secret as text, and the text's bytes are the HMAC
 * key (as the gateway reads it). Claims: {@code sub} and {@code client_id} (the client id), {@code iat},
 * {@code exp}, and {@code iss}/{@code aud} when the server checks them.
 *
 * <p>Anyone holding the secret can mint tokens for any client id: this is for test set-ups only.
 */
final class DevTokenMinter {
  private static final String HEADER =
      base64Url(new JsonObject().put("alg", "HS256").put("typ", "JWT").encode().getBytes(StandardCharsets.UTF_8));
  private static final int MIN_SECRET_BYTES = 32;

  private final SecretKeySpec key;
  private final Optional<String> issuer;
  private final List<String> audience;
  private final Duration lifetime;

  private DevTokenMinter(byte[] secret, Optional<String> issuer, List<String> audience, Duration lifetime) {
    this.key = new SecretKeySpec(secret, "HmacSHA256");
    this.issuer = issuer;
    this.audience = List.copyOf(audience);
    this.lifetime = lifetime;
  }

  static DevTokenMinter fromSecretFile(Path file, Optional<String> issuer, List<String> audience, Duration lifetime) {
    byte[] secret;
    try {
      secret = Files.readString(file, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsageException("cannot read the JWT secret file " + file);
    }
    if (secret.length < MIN_SECRET_BYTES) {
      throw new UsageException("the JWT secret in " + file + " is shorter than " + MIN_SECRET_BYTES + " bytes");
    }
    try {
      return new DevTokenMinter(secret, issuer, audience, lifetime);
    } finally {
      java.util.Arrays.fill(secret, (byte) 0); // SecretKeySpec keeps its own copy
    }
  }

  String mint(String clientId) {
    Instant now = Instant.now();
    JsonObject claims =
        new JsonObject()
            .put("sub", clientId)
            .put("client_id", clientId)
            .put("iat", now.getEpochSecond())
            .put("exp", now.plus(lifetime).getEpochSecond());
    issuer.ifPresent(i -> claims.put("iss", i));
    if (!audience.isEmpty()) {
      claims.put("aud", new JsonArray(List.copyOf(audience)));
    }
    String signingInput = HEADER + "." + base64Url(claims.encode().getBytes(StandardCharsets.UTF_8));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return signingInput + "." + base64Url(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
    }
  }

  private static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
