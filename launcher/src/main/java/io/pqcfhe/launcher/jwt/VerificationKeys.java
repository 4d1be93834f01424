package io.pqcfhe.launcher.jwt;

import io.pqcfhe.gateway.config.JwtKey;
import io.pqcfhe.gateway.config.JwtSettings;
import io.pqcfhe.launcher.config.InvalidSettingException;
import io.pqcfhe.launcher.config.LauncherSettings.JwtSources;
import io.pqcfhe.launcher.config.Setting;
import io.pqcfhe.launcher.config.SettingFiles;
import io.pqcfhe.launcher.data.DataFolder;
import io.pqcfhe.launcher.data.DevJwtSecret;
import io.pqcfhe.launcher.tls.Pem;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The keys that verify client tokens, from the configured sources, or in dev mode the data folder's generated
 * HS256 secret. Every file is read and checked here so that a bad one stops the start with its setting named.
 */
public final class VerificationKeys {
  /**
   * The verification settings, and the HS256 secret that signs tokens locally when there is one: the
   * configured secret, or the dev secret ({@code devSecret} true).
   */
  public record Setup(JwtSettings settings, Optional<String> hs256Secret, boolean devSecret) {
    @Override
    public String toString() {
      return "Setup[settings=" + settings + ", devSecret=" + devSecret + "]";
    }
  }

  private VerificationKeys() {}

  /**
   * Builds the verification keys. {@code devSecret} is consulted (and may create the secret file) only when
   * no key is configured.
   */
  public static Setup resolve(JwtSources sources, Supplier<String> devSecret) {
    List<JwtKey> keys = new ArrayList<>();
    Optional<String> secret = sources.hs256Secret().map(s -> checkedSecret(Setting.JWT_HS256_SECRET, s))
        .or(() -> sources.hs256SecretFile().map(VerificationKeys::secretFromFile));
    secret.ifPresent(s -> keys.add(new JwtKey("HS256", s)));
    sources.publicKey().ifPresent(file ->
        keys.add(new JwtKey(sources.publicKeyAlgorithm().orElseThrow(), publicKeyPem(file,
            sources.publicKeyAlgorithm().orElseThrow()))));
    List<JsonObject> jwks = sources.jwks().map(VerificationKeys::jwksFromFile).orElse(List.of());
    boolean dev = !sources.anyKeyConfigured();
    if (dev) {
      secret = Optional.of(devSecret.get());
      keys.add(new JwtKey("HS256", secret.get()));
    }
    return new Setup(new JwtSettings(keys, jwks, sources.issuer(), sources.audience()), secret, dev);
  }

  /** The data folder's dev secret, created when absent. */
  public static Supplier<String> devSecretOf(DataFolder folder, SecureRandom random) {
    return () -> DevJwtSecret.loadOrCreate(folder, random);
  }

  private static String secretFromFile(Path file) {
    // A trailing newline is an editor's, not part of the secret.
    String text = SettingFiles.readText(Setting.JWT_HS256_SECRET_FILE, file).replaceFirst("\\R\\z", "");
    return checkedSecret(Setting.JWT_HS256_SECRET_FILE, text);
  }

  private static String checkedSecret(Setting setting, String secret) {
    if (secret.getBytes(StandardCharsets.UTF_8).length < JwtKey.MIN_HS256_SECRET_BYTES) {
      throw new InvalidSettingException(setting,
          "an HS256 secret must be at least " + JwtKey.MIN_HS256_SECRET_BYTES + " bytes (256 bits)");
    }
    return secret;
  }

  /** The PEM text of the configured public key, after checking that it is a key of the algorithm's type. */
  private static String publicKeyPem(Path file, String algorithm) {
    return Pem.encode("PUBLIC KEY", publicKey(file, algorithm).getEncoded());
  }

  /** Reads the {@code jwt.public_key} file: an RSA key for RS256, an EC key for ES256. */
  public static PublicKey publicKey(Path file, String algorithm) {
    String pem = SettingFiles.readText(Setting.JWT_PUBLIC_KEY, file);
    String begin = "-----BEGIN PUBLIC KEY-----";
    String end = "-----END PUBLIC KEY-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw new InvalidSettingException(Setting.JWT_PUBLIC_KEY, "no PEM public key (" + begin + ") in " + file);
    }
    String keyType = algorithm.equals("RS256") ? "RSA" : "EC";
    try {
      byte[] der = Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
      return KeyFactory.getInstance(keyType).generatePublic(new X509EncodedKeySpec(der));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new InvalidSettingException(Setting.JWT_PUBLIC_KEY,
          "not an " + keyType + " public key, as " + algorithm + " needs: " + file);
    }
  }

  private static List<JsonObject> jwksFromFile(Path file) {
    JsonArray keys;
    try {
      keys = new JsonObject(SettingFiles.readText(Setting.JWT_JWKS, file)).getJsonArray("keys");
    } catch (DecodeException | ClassCastException e) {
      throw new InvalidSettingException(Setting.JWT_JWKS, "not a JWK set ({\"keys\": [...]}): " + file);
    }
    if (keys == null || keys.isEmpty()) {
      throw new InvalidSettingException(Setting.JWT_JWKS, "no keys in " + file);
    }
    List<JsonObject> jwks = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      if (!(keys.getValue(i) instanceof JsonObject jwk) || !(jwk.getValue("kty") instanceof String)) {
        throw new InvalidSettingException(Setting.JWT_JWKS, "keys[" + i + "] is not a JWK with a kty: " + file);
      }
      if (jwk.containsKey("d") || jwk.containsKey("k")) {
        throw new InvalidSettingException(Setting.JWT_JWKS,
            "keys[" + i + "] holds private or symmetric key material; give public keys only: " + file);
      }
      jwks.add(jwk);
    }
    return jwks;
  }
}
