package io.pqcfhe.client.cli;

import io.pqcfhe.client.ClientOptions;
import io.pqcfhe.client.ProtocolVersion;
import io.pqcfhe.client.TlsTrust;
import io.pqcfhe.client.channel.HandshakeOptions;
import io.pqcfhe.crypto.MlKemParameterSet;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The connection options demo and bench share: where, how to trust the server, which token (given, or
 * minted per client id from the dev secret), which protocol version and handshake.
 */
record ConnectionSettings(
    URI endpoint,
    TlsTrust trust,
    Optional<String> pinnedServerKey,
    ProtocolVersion protocolVersion,
    HandshakeOptions handshake,
    Function<String, String> tokenForClientId,
    boolean tokensPerClientId) {

  static final String DEFAULT_URL = "wss://localhost:8443/ws/v1/secure";

  static final Set<String> VALUE_OPTIONS =
      Set.of(
          "--url", "--token", "--jwt-secret-file", "--jwt-issuer", "--jwt-audience", "--trust-pem",
          "--fingerprint", "--protocol-version", "--algorithm");
  static final Set<String> FLAG_OPTIONS = Set.of("--insecure", "--hybrid");

  static final String USAGE =
      String.join(
          "\n",
          "  --url URL                 endpoint (default " + DEFAULT_URL + ")",
          "  --token JWT               client token (or environment PQCFHE_TOKEN)",
          "  --jwt-secret-file FILE    mint HS256 tokens from this secret instead (the server's dev secret:",
          "                            DATA_DIR/jwt-hs256-dev.secret); --jwt-issuer, --jwt-audience if checked",
          "  --trust-pem FILE          trust this CA / self-signed certificate (dev: DATA_DIR/tls-dev-certificate.pem)",
          "  --insecure                DEV ONLY: accept any TLS certificate",
          "  --fingerprint HEX         pin the server's ML-DSA-65 identity (SHA-256 hex); refuse any other",
          "  --protocol-version V      1.0 or 1.1 (default 1.1)",
          "  --algorithm A             ML-KEM-512, ML-KEM-768 (default) or ML-KEM-1024",
          "  --hybrid                  add X25519 to the key exchange");

  static ConnectionSettings from(CliArgs args, Map<String, String> environment) {
    URI endpoint;
    try {
      endpoint = URI.create(args.value("--url").orElse(DEFAULT_URL));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--url is not a URL");
    }
    if (args.flag("--insecure") && args.value("--trust-pem").isPresent()) {
      throw new UsageException("--insecure and --trust-pem exclude each other");
    }
    TlsTrust trust =
        args.flag("--insecure")
            ? TlsTrust.insecureTrustAll()
            : args.value("--trust-pem").map(p -> TlsTrust.pem(Path.of(p))).orElse(TlsTrust.systemDefault());
    ProtocolVersion version =
        ProtocolVersion.fromWire(args.value("--protocol-version").orElse("1.1"))
            .orElseThrow(() -> new UsageException("--protocol-version must be 1.0 or 1.1"));
    MlKemParameterSet algorithm =
        MlKemParameterSet.fromWire(args.value("--algorithm").orElse(MlKemParameterSet.DEFAULT.wireName()))
            .orElseThrow(() -> new UsageException("--algorithm must be one of "
                + Arrays.stream(MlKemParameterSet.values()).map(MlKemParameterSet::wireName).toList()));

    Optional<String> token = args.value("--token").or(() -> Optional.ofNullable(environment.get("PQCFHE_TOKEN")));
    Optional<String> secretFile = args.value("--jwt-secret-file");
    Function<String, String> tokens;
    if (secretFile.isPresent()) {
      if (args.value("--token").isPresent()) {
        throw new UsageException("--token and --jwt-secret-file exclude each other");
      }
      List<String> audience =
          args.value("--jwt-audience").map(a -> Arrays.stream(a.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()).orElse(List.of());
      DevTokenMinter minter =
          DevTokenMinter.fromSecretFile(Path.of(secretFile.get()), args.value("--jwt-issuer"), audience, Duration.ofHours(1));
      tokens = minter::mint;
    } else {
      String fixed = token.orElseThrow(() -> new UsageException("give --token (or PQCFHE_TOKEN) or --jwt-secret-file"));
      tokens = clientId -> fixed;
    }
    Optional<String> pin = args.value("--fingerprint");
    return new ConnectionSettings(
        endpoint, trust, pin, version, new HandshakeOptions(algorithm, args.flag("--hybrid")), tokens, secretFile.isPresent());
  }

  ClientOptions options(String clientId) {
    try {
      ClientOptions o =
          ClientOptions.of(endpoint, clientId, tokenForClientId.apply(clientId))
              .withProtocolVersion(protocolVersion)
              .withTlsTrust(trust);
      return pinnedServerKey.map(o::withPinnedServerKey).orElse(o);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  boolean insecure() {
    return trust instanceof TlsTrust.InsecureTrustAll;
  }

  /** The line every command prints to standard error when TLS is not verified. */
  static final String INSECURE_WARNING =
      "WARNING: --insecure: the server's TLS certificate is NOT verified. Anyone on the network path can read"
          + " the token and every plain request. Development only.";
}
