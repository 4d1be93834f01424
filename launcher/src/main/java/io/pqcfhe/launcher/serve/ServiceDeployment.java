package io.pqcfhe.launcher.serve;

import io.pqcfhe.fhe.store.shared.SharedState;
import io.pqcfhe.fhe.verticle.FheWorkers;
import io.pqcfhe.gateway.GatewayVerticle;
import io.pqcfhe.gateway.health.ClusterView;
import io.pqcfhe.gateway.ratelimit.RateLimiter;
import io.pqcfhe.launcher.cluster.ClusterStateKey;
import io.pqcfhe.launcher.config.NodeRole;
import io.pqcfhe.pqc.PqcVerticle;
import io.pqcfhe.pqc.PqcSettings;
import io.pqcfhe.pqc.RelayPeers;
import io.pqcfhe.protocol.ProtocolCodecs;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The roles one JVM runs, deployed in order: the services first (so that the first client request finds
 * their event-bus handlers), the gateway last. A role whose module does not provide a verticle in this build
 * is listed in {@link #ABSENT} and reported at start, never replaced by a stand-in; the gateway then answers
 * its actions SERVICE_UNAVAILABLE, and {@code session.created} does not advertise its capabilities.
 */
public final class ServiceDeployment {
  /**
   * A service verticle this build deploys, where it runs ({@code gatewaySide}: with the gateway, for PQC,
   * whose session keys stay on the node holding the WebSocket; otherwise on FHE worker nodes), and the
   * capabilities it brings to {@code session.created}.
   */
  record Service(String name, boolean gatewaySide, List<String> capabilities, ServiceFactory factory) {
    boolean runsOn(NodeRole role) {
      return gatewaySide ? role.runsGateway() : role.runsFheWorker();
    }
  }

  /** Deploys one service's verticle(s); the future carries the deployment ids. */
  @FunctionalInterface
  interface ServiceFactory {
    Future<List<String>> deploy(Vertx vertx, ServerSetup.Prepared prepared, ClusterWiring cluster);
  }

  /** The service roles of this build. */
  static final List<Service> SERVICES = List.of(
      new Service(
          "pqc",
          true,
          List.of("pqc.ml_kem_512", "pqc.ml_kem_768", "pqc.ml_kem_1024", "pqc.ml_dsa_65", "hybrid.x25519",
              "hybrid.aes_256_gcm"),
          // One instance per node: its in-order handling keeps pipelined secure.send and relays ordered.
          (vertx, prepared, cluster) -> vertx.deployVerticle(
                  PqcVerticle.create(prepared.identity(), PqcSettings.defaults(), cluster.relayPeers()),
                  PqcVerticle.deploymentOptions())
              .map(List::of)),
      new Service(
          "fhe",
          false,
          List.of("fhe.ckks", "fhe.client_keys"),
          // Worker verticles (fhe.workers, one per processor by default) sharing the node's context store.
          (vertx, prepared, cluster) -> fheWorkers(prepared, cluster).deploy(vertx).map(List::of)));

  /** Roles of the product that this build cannot deploy, with the reason the start reports. */
  static final List<String> ABSENT = List.of();

  private final Vertx vertx;
  private final NodeRole role;
  private final ClusterWiring cluster;
  private final List<String> deploymentIds = new ArrayList<>();

  /**
   * What a cluster node adds to its services.
   *
   * @param sharedLimiter the cluster's limiter, shared with the other gateways; empty: the gateway's own
   * @param view what health reports of the cluster; empty outside a cluster
   * @param verticles what connects this node to the others (the FHE router of a gateway node, the endpoint of
   *     a worker node), deployed after the services and before the gateway
   * @param relayPeers the other gateway nodes, to which the PQC verticle forwards relays
   * @param fheState on a worker node, where its FHE workers keep the state every worker shares
   */
  record ClusterWiring(Optional<RateLimiter> sharedLimiter, Optional<ClusterView> view,
      List<Supplier<Deployable>> verticles, RelayPeers relayPeers, Optional<SharedFheState> fheState) {
    static final ClusterWiring NONE =
        new ClusterWiring(Optional.empty(), Optional.empty(), List.of(), RelayPeers.NONE, Optional.empty());

    ClusterWiring {
      verticles = List.copyOf(verticles);
    }
  }

  /** The cluster's FHE state maps, and the key under which the workers seal the secret keys they put there. */
  record SharedFheState(SharedState maps, ClusterStateKey key) {}

  /** A cluster worker node's workers share the cluster's state; a single process keeps it in its memory. */
  private static FheWorkers fheWorkers(ServerSetup.Prepared prepared, ClusterWiring cluster) {
    return cluster.fheState().map(state -> {
      byte[] key = state.key().bytes();
      try {
        return FheWorkers.shared(prepared.fheWorkers(), state.maps(), key);
      } finally {
        Arrays.fill(key, (byte) 0);
      }
    }).orElseGet(() -> FheWorkers.create(prepared.fheWorkers()));
  }

  ServiceDeployment(Vertx vertx, NodeRole role, ClusterWiring cluster) {
    this.vertx = vertx;
    this.role = role;
    this.cluster = cluster;
  }

  /** The services a node of {@code role} deploys, in order. */
  static List<String> roles(NodeRole role) {
    List<String> roles = new ArrayList<>(SERVICES.stream().filter(s -> s.runsOn(role)).map(Service::name).toList());
    if (role.runsGateway()) {
      roles.add("gateway");
    }
    return roles;
  }

  /**
   * What {@code session.created} advertises: the capabilities of the services of this build, wherever they
   * run (in a cluster, the FHE workers are other nodes).
   */
  static List<String> capabilities() {
    return SERVICES.stream().flatMap(s -> s.capabilities().stream()).distinct().toList();
  }

  /** Registers the protocol's event-bus codecs, deploys the role's services, then the gateway if it has one. */
  Future<Void> deployAll(ServerSetup.Prepared prepared) {
    // Once, before any verticle: services may send protocol records as soon as they start.
    ProtocolCodecs.ensureRegistered(vertx.eventBus());
    Future<Void> chain = Future.succeededFuture();
    for (Service service : SERVICES.stream().filter(s -> s.runsOn(role)).toList()) {
      chain = chain.compose(v -> service.factory().deploy(vertx, prepared, cluster)).map(ids -> {
        deploymentIds.addAll(ids);
        return null;
      });
    }
    for (Supplier<Deployable> verticle : cluster.verticles()) {
      chain = chain.compose(v -> vertx.deployVerticle(verticle.get())).map(id -> {
        deploymentIds.add(id);
        return null;
      });
    }
    if (!role.runsGateway()) {
      return chain;
    }
    return chain.compose(v -> vertx.deployVerticle(
            new GatewayVerticle(prepared.gateway(), Clock.systemUTC(), cluster.sharedLimiter().orElse(null),
                cluster.view().orElse(null))))
        .map(id -> {
          deploymentIds.add(id);
          return null;
        });
  }

  /** Undeploys in reverse order: the gateway first, so that its server stops taking connections and drains. */
  Future<Void> undeployAll() {
    Future<Void> chain = Future.succeededFuture();
    for (int i = deploymentIds.size() - 1; i >= 0; i--) {
      String id = deploymentIds.get(i);
      chain = chain.eventually(() -> vertx.undeploy(id));
    }
    return chain.onComplete(done -> deploymentIds.clear());
  }
}
