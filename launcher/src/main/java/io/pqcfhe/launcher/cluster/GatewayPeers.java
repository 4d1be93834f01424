package io.pqcfhe.launcher.cluster;

import io.pqcfhe.launcher.cluster.fhe.WorkerDirectory;
import io.pqcfhe.launcher.config.NodeRole;
import io.pqcfhe.pqc.RelayPeers;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The other gateway nodes of the cluster, from Hazelcast membership, for the PQC verticle's relays. */
public final class GatewayPeers implements RelayPeers {
  private final ClusterNode node;

  public GatewayPeers(ClusterNode node) {
    this.node = node;
  }

  @Override
  public Optional<String> self() {
    return Optional.of(node.nodeId());
  }

  @Override
  public List<String> others() {
    String self = node.nodeId();
    return node.hazelcast().getCluster().getMembers().stream()
        .filter(member -> NodeRole.GATEWAY.wireName().equals(member.getAttribute(WorkerDirectory.ROLE_ATTRIBUTE)))
        .map(member -> member.getAttribute(WorkerDirectory.NODE_ID_ATTRIBUTE))
        .filter(Objects::nonNull)
        .filter(id -> !id.equals(self))
        .toList();
  }
}
