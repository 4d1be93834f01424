package io.pqcfhe.launcher.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstance;
import io.pqcfhe.launcher.cluster.fhe.WorkerDirectory;
import io.pqcfhe.launcher.config.ClusterSettings;
import io.pqcfhe.launcher.config.NodeRole;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.UUID;

/**
 * A node of the cluster: its Hazelcast member (membership and the cluster's maps) and a clustered Vert.x whose
 * event bus listens on {@code cluster.host:cluster.bus_port} with mutual TLS.
 *
 * <p>The launcher creates the Hazelcast member itself rather than letting Vert.x do it, so that the services
 * can use the same member for cluster state, and so that its address is known; it therefore also shuts it
 * down, after Vert.x has left ({@link #close()}).
 */
public final class ClusterNode implements AutoCloseable {
  private static final String VERTX_NODE_ID_ATTRIBUTE = WorkerDirectory.NODE_ID_ATTRIBUTE;

  private final HazelcastInstance hazelcast;
  private final Vertx vertx;

  private ClusterNode(HazelcastInstance hazelcast, Vertx vertx) {
    this.hazelcast = hazelcast;
    this.vertx = vertx;
  }

  /** Joins the cluster (blocking while Hazelcast finds its members), then starts the clustered Vert.x. */
  public static Future<ClusterNode> start(VertxOptions options, ClusterSettings settings, ClusterTls tls,
      NodeRole role) {
    tls.applyTo(options.getEventBusOptions().setHost(settings.host()).setPort(settings.busPort()));
    Config config = HazelcastConfigs.of(settings);
    // Vert.x finds its node id in this member attribute when it is handed a running member.
    config.getMemberAttributeConfig().setAttribute(VERTX_NODE_ID_ATTRIBUTE, UUID.randomUUID().toString());
    // Gateways find the worker nodes by this attribute (WorkerDirectory).
    config.getMemberAttributeConfig().setAttribute(WorkerDirectory.ROLE_ATTRIBUTE, role.wireName());
    HazelcastInstance hazelcast;
    try {
      hazelcast = Hazelcast.newHazelcastInstance(config);
    } catch (IllegalStateException | HazelcastException e) {
      // No free member port, or the member could not start: the launcher reports it as a failed start.
      return Future.failedFuture(e);
    }
    return Vertx.builder().with(options).withClusterManager(new HazelcastClusterManager(hazelcast))
        .buildClustered()
        .map(vertx -> new ClusterNode(hazelcast, vertx))
        .onFailure(failed -> hazelcast.shutdown());
  }

  public Vertx vertx() {
    return vertx;
  }

  public HazelcastInstance hazelcast() {
    return hazelcast;
  }

  /** The Hazelcast member address actually bound (the configured port, or the next free one). */
  public String memberAddress() {
    var address = hazelcast.getCluster().getLocalMember().getAddress();
    return address.getHost() + ":" + address.getPort();
  }

  /** This node's id on the event bus and in the cluster. */
  public String nodeId() {
    return hazelcast.getCluster().getLocalMember().getAttribute(VERTX_NODE_ID_ATTRIBUTE);
  }

  /** Leaves the Hazelcast cluster; call after the Vert.x instance is closed. */
  @Override
  public void close() {
    if (hazelcast.getLifecycleService().isRunning()) {
      hazelcast.shutdown();
    }
  }
}
