package io.pqcfhe.launcher.serve;

import io.pqcfhe.gateway.metrics.GatewayMetrics;
import io.pqcfhe.gateway.ratelimit.RateLimiter;
import io.pqcfhe.launcher.Main;
import io.pqcfhe.launcher.cli.CommandSpec;
import io.pqcfhe.launcher.cli.Flag;
import io.pqcfhe.launcher.cluster.ClusterNode;
import io.pqcfhe.launcher.cluster.ClusterStateKey;
import io.pqcfhe.launcher.cluster.ClusterTls;
import io.pqcfhe.launcher.cluster.GatewayPeers;
import io.pqcfhe.launcher.cluster.fhe.FheRouter;
import io.pqcfhe.launcher.cluster.fhe.WorkerDirectory;
import io.pqcfhe.launcher.cluster.fhe.WorkerEndpoint;
import io.pqcfhe.launcher.cluster.fhe.WorkerRequestCounter;
import io.pqcfhe.launcher.cluster.ratelimit.ClusterRateLimiter;
import io.pqcfhe.launcher.cluster.state.FheStateMaps;
import io.pqcfhe.launcher.cluster.state.MemberContextCounts;
import io.pqcfhe.launcher.config.ClusterSettings;
import io.pqcfhe.launcher.config.LauncherSettings;
import io.pqcfhe.launcher.config.NodeRole;
import io.pqcfhe.launcher.config.Setting;
import io.pqcfhe.launcher.config.SettingsLoader;
import io.pqcfhe.launcher.jwt.TokenSigner;
import io.pqcfhe.pqc.RelayPeers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.backends.BackendRegistries;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code serve}: every role in one JVM. Reads the layered settings, prepares the data folder, creates Vert.x
 * with metrics, deploys the services and the gateway, prints where to connect, and stops cleanly on SIGTERM.
 */
public final class ServeCommand {
  public static final CommandSpec SPEC = new CommandSpec("serve",
      "Run the server: gateway and services in this JVM, or one role of a cluster. Settings: embedded defaults < conf/gateway.json "
          + "(or --config) < PQCFHE_* environment < these options.",
      List.of(
          Flag.of("--config", "FILE", "configuration file (default: conf/gateway.json if present)"),
          Flag.of("--data-dir", "DIR", "data folder: identity key, dev credentials (default ./data)"),
          Flag.of("--host", "HOST", "interface to listen on (default 0.0.0.0)"),
          Flag.of("--port", "PORT", "wss port (default 8443)"),
          Flag.of("--tls-cert", "PEM", "certificate chain file (default: self-signed dev certificate)"),
          Flag.of("--tls-key", "PEM", "private key file of --tls-cert"),
          Flag.of("--roles", "ROLE", "all (default), gateway (gateway and PQC) or fhe-worker (FHE workers, no HTTP)"),
          Flag.toggle("--cluster", "join a Hazelcast cluster (conf/cluster.xml); event bus over mutual TLS"),
          Flag.of("--cluster-host", "HOST", "address of this node's cluster traffic (default 127.0.0.1)"),
          Flag.of("--cluster-port", "PORT", "Hazelcast member port (default 5701, next free up to +2)"),
          Flag.of("--members", "H:P,...", "cluster members to join (default 127.0.0.1)"),
          Flag.repeatable("--set", "KEY=VALUE", "any other setting of conf/README.md, e.g. rate_limits.pqc=10")));

  private static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration DEMO_TOKEN_TTL = Duration.ofHours(1);

  private ServeCommand() {}

  /** A started server. */
  public static final class RunningServer implements AutoCloseable {
    private final Vertx vertx;
    private final Optional<ClusterNode> cluster;
    private final ServiceDeployment deployment;
    private final ServerSetup.Prepared prepared;

    RunningServer(Vertx vertx, Optional<ClusterNode> cluster, ServiceDeployment deployment,
        ServerSetup.Prepared prepared) {
      this.vertx = vertx;
      this.cluster = cluster;
      this.deployment = deployment;
      this.prepared = prepared;
    }

    /** The Vert.x instance (clustered when the node is). */
    public Vertx vertx() {
      return vertx;
    }

    public int port() {
      return prepared.gateway().port();
    }

    /** Undeploys (the gateway first: its server stops accepting and closes its sessions), then closes Vert.x. */
    public Future<Void> stop() {
      return deployment.undeployAll()
          .eventually(vertx::close)
          .onComplete(done -> {
            cluster.ifPresent(ClusterNode::close);
            prepared.identity().destroy();
          });
    }

    /** Stops and waits for it, at most {@link #STOP_TIMEOUT}. */
    @Override
    public void close() {
      try {
        stop().toCompletionStage().toCompletableFuture().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while stopping", e);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("did not stop cleanly within " + STOP_TIMEOUT.toSeconds() + " s", e);
      }
    }
  }

  /** The start failed after the settings were accepted (a port in use, for instance). */
  public static final class StartFailedException extends RuntimeException {
    StartFailedException(String message) {
      super(message, null, false, false);
    }
  }

  /** For {@link Main}: starts the server and arranges its stop on SIGTERM. */
  public static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
    Optional<RunningServer> server = start(args, environment, out, err);
    if (server.isEmpty()) {
      return Main.OK;
    }
    RunningServer running = server.get();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      err.println("pqc-fhe: stopping: closing sessions and servers");
      try {
        running.close();
      } catch (IllegalStateException e) {
        err.println("pqc-fhe: " + e.getMessage());
      }
    }, "pqc-fhe-shutdown"));
    return Main.SERVING;
  }

  /** Starts the server; empty when only {@code --help} was asked. Blocks until it listens or failed. */
  public static Optional<RunningServer> start(List<String> args, Map<String, String> environment, PrintStream out,
      PrintStream err) {
    CommandSpec.Arguments arguments = SPEC.parse(args);
    if (arguments.helpRequested()) {
      out.print(SPEC.usage("pqc-fhe"));
      return Optional.empty();
    }
    LauncherSettings settings = LauncherSettings.from(SettingsLoader.load(
        arguments.value("--config").map(Path::of), environment, commandLine(arguments), err::println));
    ServerSetup.Prepared prepared =
        ServerSetup.prepare(settings, ServiceDeployment.capabilities(), new SecureRandom());

    // Before joining: a worker without a usable state key must not take part in the cluster at all.
    Optional<ClusterStateKey> stateKey = settings.cluster().filter(c -> settings.role().runsFheWorker())
        .map(clusterSettings -> stateKey(clusterSettings, prepared));
    // epoll (shipped in the jar for linux-x86_64) where it loads, NIO elsewhere: cheaper event-loop wake-ups
    VertxOptions options = GatewayMetrics.vertxOptions(new VertxOptions()).setPreferNativeTransport(true);
    Optional<ClusterNode> cluster = settings.cluster().map(clusterSettings -> await(ClusterNode.start(options,
        clusterSettings, ClusterTls.resolve(clusterSettings, prepared.dataFolder(), new SecureRandom()),
        settings.role()), settings, prepared, stateKey));
    Vertx vertx = cluster.map(ClusterNode::vertx).orElseGet(() -> Vertx.vertx(options));
    stateKey.ifPresent(key -> verifyStateKey(key, vertx, cluster.orElseThrow(), settings.role(), prepared));
    ServiceDeployment deployment = new ServiceDeployment(vertx, settings.role(),
        cluster.map(node -> clusterWiring(node, settings.role(), prepared, stateKey))
            .orElse(ServiceDeployment.ClusterWiring.NONE));
    try {
      deployment.deployAll(prepared).toCompletionStage().toCompletableFuture()
          .get(DEPLOY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      stopQuietly(new RunningServer(vertx, cluster, deployment, prepared));
      // The failure's class and message (e.g. "BindException Address already in use"), never its stack.
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      throw new StartFailedException("cannot start on " + settings.host() + ":" + settings.port() + ": "
          + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage()));
    } finally {
      // The FHE workers took their own copy when they were created.
      stateKey.ifPresent(ClusterStateKey::destroy);
    }

    Optional<String> demoToken = prepared.devJwtSecret().map(secret ->
        new TokenSigner(vertx, new TokenSigner.SigningKey("HS256", secret)).sign(
            new TokenSigner.Claims(Banner.DEMO_CLIENT_ID, Optional.empty(), Optional.empty()), DEMO_TOKEN_TTL,
            prepared.gateway().jwt().issuer(), prepared.gateway().jwt().audience()));
    String clusterLine = cluster.map(node -> Banner.clusterLine(settings.cluster().orElseThrow(), node)).orElse("")
        + stateKey.map(key -> Banner.stateKeyLine(key.dev())).orElse("");
    out.print(settings.role().runsGateway()
        ? Banner.text(settings.host(), settings.port(), prepared.identity().fingerprint(),
            prepared.dataFolder().path().toString(), ServiceDeployment.roles(settings.role()),
            ServiceDeployment.ABSENT, prepared.devDefaults(), demoToken) + clusterLine
        : Banner.workerText(prepared.dataFolder().path().toString(), ServiceDeployment.roles(settings.role()),
            ServiceDeployment.ABSENT) + clusterLine);
    out.flush();
    return Optional.of(new RunningServer(vertx, cluster, deployment, prepared));
  }

  /**
   * A gateway node routes fhe.* to the worker nodes, counts a client id's attempts together with the other
   * gateways (§7 limits are per client id, not per node), reports the cluster in health and reports the FHE
   * contexts its member holds; a worker node takes fhe.* at its own address and keeps the FHE state in the
   * cluster's maps.
   */
  private static ServiceDeployment.ClusterWiring clusterWiring(ClusterNode node, NodeRole role,
      ServerSetup.Prepared prepared, Optional<ClusterStateKey> stateKey) {
    Duration timeout = prepared.gateway().requestTimeout();
    if (!role.runsGateway()) {
      return new ServiceDeployment.ClusterWiring(Optional.empty(), Optional.empty(),
          List.of(() -> new WorkerEndpoint(node.nodeId(), timeout)), RelayPeers.NONE,
          Optional.of(new ServiceDeployment.SharedFheState(FheStateMaps.open(node.hazelcast()), stateKey.orElseThrow())));
    }
    WorkerDirectory directory = new WorkerDirectory(node.hazelcast());
    WorkerRequestCounter counter = new WorkerRequestCounter(
        Optional.ofNullable(BackendRegistries.getNow(GatewayMetrics.REGISTRY_NAME)));
    RateLimiter limiter = new ClusterRateLimiter(node.vertx(), node.hazelcast(), prepared.gateway().ratePerMinute(),
        Duration.ofMinutes(1), prepared.gateway().adaptive(), Clock.systemUTC());
    return new ServiceDeployment.ClusterWiring(Optional.of(limiter), Optional.of(directory),
        List.of(() -> new FheRouter(directory, timeout, counter, new SecureRandom()),
            () -> new MemberContextCounts(FheStateMaps.open(node.hazelcast()).contexts(), node.nodeId())),
        new GatewayPeers(node), Optional.empty());
  }

  /** The worker's cluster state key; an unusable one stops the start (the server identity is wiped first). */
  private static ClusterStateKey stateKey(ClusterSettings settings, ServerSetup.Prepared prepared) {
    try {
      return ClusterStateKey.resolve(settings, prepared.dataFolder(), new SecureRandom());
    } catch (RuntimeException e) {
      prepared.identity().destroy();
      throw e;
    }
  }

  /** A worker whose state key is not the cluster's leaves the cluster again, and the start stops. */
  private static void verifyStateKey(ClusterStateKey key, Vertx vertx, ClusterNode node, NodeRole role,
      ServerSetup.Prepared prepared) {
    try {
      key.verifyAgainst(node.hazelcast());
    } catch (RuntimeException e) {
      key.destroy();
      stopQuietly(new RunningServer(vertx, Optional.of(node),
          new ServiceDeployment(vertx, role, ServiceDeployment.ClusterWiring.NONE), prepared));
      throw e;
    }
  }

  /** Waits for the cluster join; a failure stops the start with its reason. */
  private static ClusterNode await(Future<ClusterNode> clustered, LauncherSettings settings, ServerSetup.Prepared prepared,
      Optional<ClusterStateKey> stateKey) {
    try {
      return clustered.toCompletionStage().toCompletableFuture().get(DEPLOY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      prepared.identity().destroy();
      stateKey.ifPresent(ClusterStateKey::destroy);
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      ClusterSettings cluster = settings.cluster().orElseThrow();
      throw new StartFailedException("cannot join the cluster on " + cluster.host() + ":" + cluster.port() + ": "
          + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage()));
    }
  }

  private static void stopQuietly(RunningServer server) {
    try {
      server.close();
    } catch (IllegalStateException ignored) {
      // the start failed already; the process is about to exit with that failure
    }
  }

  private static Map<Setting, String> commandLine(CommandSpec.Arguments arguments) {
    Map<Setting, String> values = new EnumMap<>(SettingsLoader.parseAssignments(arguments.values("--set")));
    arguments.value("--data-dir").ifPresent(v -> values.put(Setting.DATA_DIR, v));
    arguments.value("--host").ifPresent(v -> values.put(Setting.HOST, v));
    arguments.value("--port").ifPresent(v -> values.put(Setting.PORT, v));
    arguments.value("--tls-cert").ifPresent(v -> values.put(Setting.TLS_CERTIFICATE, v));
    arguments.value("--tls-key").ifPresent(v -> values.put(Setting.TLS_PRIVATE_KEY, v));
    arguments.value("--roles").ifPresent(v -> values.put(Setting.ROLES, v));
    arguments.value("--cluster").ifPresent(v -> values.put(Setting.CLUSTER_ENABLED, v));
    arguments.value("--cluster-host").ifPresent(v -> values.put(Setting.CLUSTER_HOST, v));
    arguments.value("--cluster-port").ifPresent(v -> values.put(Setting.CLUSTER_PORT, v));
    arguments.value("--members").ifPresent(v -> values.put(Setting.CLUSTER_MEMBERS, v));
    return values;
  }
}
