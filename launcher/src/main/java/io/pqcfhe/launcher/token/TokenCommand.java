package io.pqcfhe.launcher.token;

import io.pqcfhe.launcher.cli.CommandSpec;
import io.pqcfhe.launcher.cli.Flag;
import io.pqcfhe.launcher.cli.UsageException;
import io.pqcfhe.launcher.config.LauncherSettings;
import io.pqcfhe.launcher.config.LauncherSettings.JwtSources;
import io.pqcfhe.launcher.config.Setting;
import io.pqcfhe.launcher.config.SettingsLoader;
import io.pqcfhe.launcher.data.DataFolder;
import io.pqcfhe.launcher.data.DevJwtSecret;
import io.pqcfhe.launcher.jwt.TokenSigner;
import io.pqcfhe.launcher.jwt.VerificationKeys;
import io.pqcfhe.launcher.tls.KeyMatch;
import io.pqcfhe.launcher.tls.Pem;
import io.pqcfhe.launcher.tls.bc.PrivateKeys;
import io.pqcfhe.protocol.Permission;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code token}: prints a client token, alone on the last line of standard output, so that
 * {@code TOKEN=$(java -jar pqc-fhe.jar token --client-id x | tail -1)} works. Signs with the configured HS256
 * secret, or in dev mode the data folder's generated one, or with {@code --private-key} for RS256/ES256 set-ups.
 */
public final class TokenCommand {
  public static final CommandSpec SPEC = new CommandSpec("token",
      "Print a client JWT (HS256 with the configured or the dev secret; RS256/ES256 with --private-key).",
      List.of(
          Flag.of("--client-id", "ID", "client id the token is for (client_id claim; required)"),
          Flag.of("--ttl", "DURATION", "lifetime: 90s, 15m, 1h, 7d or seconds (default 1h)"),
          Flag.of("--permissions", "LIST", "comma-separated: pqc,fhe,fhe.decrypt,secure,admin (default: claim "
              + "absent = all but admin)"),
          Flag.of("--tenant", "NAME", "tenant claim (default: claim absent = tenant \"default\")"),
          Flag.of("--private-key", "PEM", "private key file for an RS256/ES256 set-up (jwt.algorithm)"),
          Flag.of("--config", "FILE", "configuration file (default: conf/gateway.json if present)"),
          Flag.of("--data-dir", "DIR", "data folder holding the dev secret (default ./data)")));

  static final Duration DEFAULT_TTL = Duration.ofHours(1);
  static final Duration MAX_TTL = Duration.ofDays(366);
  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private TokenCommand() {}

  /** Runs the command; returns the exit code. */
  public static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
    CommandSpec.Arguments arguments = SPEC.parse(args);
    if (arguments.helpRequested()) {
      out.print(SPEC.usage("pqc-fhe"));
      return 0;
    }
    String clientId = arguments.value("--client-id")
        .orElseThrow(() -> new UsageException("--client-id is required"));
    if (!CLIENT_ID.matcher(clientId).matches()) {
      throw new UsageException("--client-id must be 1-128 characters of A-Z a-z 0-9 . _ : -");
    }
    Duration ttl = arguments.value("--ttl").map(TokenCommand::parseDuration).orElse(DEFAULT_TTL);
    TokenSigner.Claims claims = new TokenSigner.Claims(clientId,
        arguments.value("--permissions").map(TokenCommand::parsePermissions),
        arguments.value("--tenant").map(t -> {
          if (t.isBlank()) {
            throw new UsageException("--tenant must not be empty");
          }
          return t;
        }));

    Map<Setting, String> commandLine = new EnumMap<>(Setting.class);
    arguments.value("--data-dir").ifPresent(d -> commandLine.put(Setting.DATA_DIR, d));
    LauncherSettings settings = LauncherSettings.from(SettingsLoader.load(
        arguments.value("--config").map(Path::of), environment, commandLine, err::println));

    TokenSigner.SigningKey key = signingKey(settings, arguments.value("--private-key").map(Path::of));
    Vertx vertx = Vertx.vertx();
    try {
      String token = new TokenSigner(vertx, key)
          .sign(claims, ttl, settings.jwt().issuer(), settings.jwt().audience());
      err.println("token for client id " + clientId + ", " + key.algorithm() + ", expires "
          + Instant.now().plus(ttl).truncatedTo(ChronoUnit.SECONDS));
      out.println(token);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
    return 0;
  }

  private static TokenSigner.SigningKey signingKey(LauncherSettings settings, Optional<Path> privateKeyFile) {
    JwtSources jwt = settings.jwt();
    if (privateKeyFile.isPresent()) {
      String algorithm = jwt.publicKeyAlgorithm().orElseThrow(() -> new UsageException(
          "--private-key needs an RS256/ES256 set-up (jwt.public_key and jwt.algorithm)"));
      PrivateKey key = privateKey(privateKeyFile.get(), algorithm);
      if (!KeyMatch.isPair(key, VerificationKeys.publicKey(jwt.publicKey().orElseThrow(), algorithm))) {
        throw new UsageException("--private-key is not the private key of jwt.public_key: its tokens would not verify");
      }
      return new TokenSigner.SigningKey(algorithm, Pem.encode("PRIVATE KEY", key.getEncoded()));
    }
    boolean hs256 = jwt.hs256Secret().isPresent() || jwt.hs256SecretFile().isPresent() || !jwt.anyKeyConfigured();
    if (!hs256) {
      throw new UsageException("the configured tokens are signed with a private key (" + jwt.publicKeyAlgorithm()
          .orElse("JWKS") + "); give it with --private-key PEM, or issue tokens with your identity provider");
    }
    // The data folder is opened (and created) only when the dev secret is the one to use.
    VerificationKeys.Setup setup = VerificationKeys.resolve(jwt,
        () -> DevJwtSecret.loadOrCreate(DataFolder.open(settings.dataDir()), new SecureRandom()));
    return new TokenSigner.SigningKey("HS256", setup.hs256Secret().orElseThrow());
  }

  private static PrivateKey privateKey(Path file, String algorithm) {
    String pem;
    try {
      pem = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException | RuntimeException e) {
      throw new UsageException("--private-key: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
    }
    PrivateKey key;
    try {
      key = PrivateKeys.fromPem(pem);
    } catch (PrivateKeys.UnreadableKeyException e) {
      throw new UsageException("--private-key: " + e.getMessage() + ": " + file);
    }
    String expected = algorithm.equals("RS256") ? "RSA" : "EC";
    if (!key.getAlgorithm().equals(expected)) {
      throw new UsageException("--private-key: " + algorithm + " needs an " + expected + " key, not "
          + key.getAlgorithm());
    }
    return key;
  }

  static Duration parseDuration(String text) {
    String t = text.strip();
    Duration duration;
    try {
      char unit = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
      if (Character.isDigit(unit)) {
        duration = Duration.ofSeconds(Long.parseLong(t));
      } else {
        long amount = Long.parseLong(t.substring(0, t.length() - 1));
        duration = switch (unit) {
          case 's' -> Duration.ofSeconds(amount);
          case 'm' -> Duration.ofMinutes(amount);
          case 'h' -> Duration.ofHours(amount);
          case 'd' -> Duration.ofDays(amount);
          default -> throw new NumberFormatException();
        };
      }
    } catch (NumberFormatException | ArithmeticException | StringIndexOutOfBoundsException e) {
      throw new UsageException("--ttl: not a duration: " + text + " (examples: 90s, 15m, 1h, 7d)");
    }
    if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_TTL) > 0) {
      throw new UsageException("--ttl must be between 1s and " + MAX_TTL.toDays() + "d");
    }
    return duration;
  }

  static List<Permission> parsePermissions(String text) {
    List<Permission> permissions = new ArrayList<>();
    for (String name : text.split(",")) {
      String trimmed = name.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      permissions.add(Permission.fromWire(trimmed).orElseThrow(() -> new UsageException(
          "--permissions: unknown permission " + trimmed + " (known: " + String.join(",",
              Arrays.stream(Permission.values()).map(Permission::wireName).toList()) + ")")));
    }
    return permissions;
  }
}
