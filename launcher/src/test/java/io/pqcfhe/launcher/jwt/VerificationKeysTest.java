package io.pqcfhe.launcher.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.launcher.TestSettings;
import io.pqcfhe.launcher.config.InvalidSettingException;
import io.pqcfhe.launcher.tls.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerificationKeysTest {
  private static final String DEV = "dev-secret-dev-secret-dev-secret-dev";
  @TempDir Path dir;
  private final AtomicInteger devSecretRequests = new AtomicInteger();
  private final Supplier<String> devSecret = () -> {
    devSecretRequests.incrementAndGet();
    return DEV;
  };

  private VerificationKeys.Setup resolve(String... environment) {
    Map<String, String> env = new java.util.HashMap<>();
    for (int i = 0; i < environment.length; i += 2) {
      env.put(environment[i], environment[i + 1]);
    }
    return VerificationKeys.resolve(TestSettings.withEnvironment(dir.resolve("data"), env).jwt(), devSecret);
  }

  private String refusal(String... environment) {
    return assertThrows(InvalidSettingException.class, () -> resolve(environment)).getMessage();
  }

  @Test
  void nothingConfiguredMeansTheDevSecret() {
    VerificationKeys.Setup setup = resolve();
    assertTrue(setup.devSecret());
    assertEquals(java.util.Optional.of(DEV), setup.hs256Secret());
    assertEquals("HS256", setup.settings().keys().get(0).algorithm());
  }

  @Test
  void aSecretFileLosesItsTrailingNewlineAndTheDevSecretIsNotMade() throws Exception {
    Path file = Files.writeString(dir.resolve("secret"), "0123456789abcdef0123456789abcdef\n");
    VerificationKeys.Setup setup = resolve("PQCFHE_JWT_HS256_SECRET_FILE", file.toString());
    assertFalse(setup.devSecret());
    assertEquals(java.util.Optional.of("0123456789abcdef0123456789abcdef"), setup.hs256Secret());
    assertEquals(0, devSecretRequests.get());

    Files.writeString(file, "short\n");
    assertEquals("invalid setting jwt.hs256_secret_file: an HS256 secret must be at least 32 bytes (256 bits)",
        refusal("PQCFHE_JWT_HS256_SECRET_FILE", file.toString()));
  }

  @Test
  void publicKeysAreCheckedAgainstTheirAlgorithm() throws Exception {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    Path pem = Files.writeString(dir.resolve("es256.pem"), "issuer key\n" + Pem.encode("PUBLIC KEY",
        ec.generateKeyPair().getPublic().getEncoded()));
    VerificationKeys.Setup setup = resolve("PQCFHE_JWT_PUBLIC_KEY", pem.toString(), "PQCFHE_JWT_ALGORITHM", "ES256");
    assertEquals("ES256", setup.settings().keys().get(0).algorithm());
    assertTrue(setup.settings().keys().get(0).material().startsWith("-----BEGIN PUBLIC KEY-----"));
    assertTrue(setup.hs256Secret().isEmpty());

    assertEquals("invalid setting jwt.public_key: not an RSA public key, as RS256 needs: " + pem,
        refusal("PQCFHE_JWT_PUBLIC_KEY", pem.toString(), "PQCFHE_JWT_ALGORITHM", "RS256"));
    Path notPem = Files.writeString(dir.resolve("x.pem"), "nothing");
    assertEquals("invalid setting jwt.public_key: no PEM public key (-----BEGIN PUBLIC KEY-----) in " + notPem,
        refusal("PQCFHE_JWT_PUBLIC_KEY", notPem.toString(), "PQCFHE_JWT_ALGORITHM", "RS256"));
  }

  @Test
  void jwksFilesHoldPublicKeysOnly() throws Exception {
    Path jwks = Files.writeString(dir.resolve("jwks.json"),
        "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AA\",\"y\":\"AA\",\"kid\":\"k1\"}]}");
    VerificationKeys.Setup setup = resolve("PQCFHE_JWT_JWKS", jwks.toString(), "PQCFHE_JWT_ISSUER", "idp",
        "PQCFHE_JWT_AUDIENCE", "gw, gw2");
    assertEquals("k1", setup.settings().jwks().get(0).getString("kid"));
    assertEquals(List.of("gw", "gw2"), setup.settings().audience());
    assertEquals(java.util.Optional.of("idp"), setup.settings().issuer());
    assertFalse(setup.devSecret());

    Files.writeString(jwks, "{\"keys\":[{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}]}");
    assertEquals("invalid setting jwt.jwks: keys[0] holds private or symmetric key material; give public keys only: "
        + jwks, refusal("PQCFHE_JWT_JWKS", jwks.toString()));
    Files.writeString(jwks, "[]");
    assertEquals("invalid setting jwt.jwks: not a JWK set ({\"keys\": [...]}): " + jwks,
        refusal("PQCFHE_JWT_JWKS", jwks.toString()));
  }
}
