package io.pqcfhe.launcher.cluster.fhe;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import io.pqcfhe.gateway.health.ClusterView;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The FHE worker nodes alive in the cluster, from Hazelcast's membership: each node announces its role and its
 * Vert.x node id as member attributes when it starts. A member that leaves or stops answering heartbeats is
 * reported at once to the listeners, so that requests in flight to it are retried without waiting for a timeout.
 */
public final class WorkerDirectory implements ClusterView {
  /** Member attribute: the node's role ({@code fhe-worker}, {@code gateway}, {@code all}). */
  public static final String ROLE_ATTRIBUTE = "pqcfhe.role";
  /** Member attribute under which Vert.x keeps its node id. */
  public static final String NODE_ID_ATTRIBUTE = "__vertx.nodeId";
  static final String WORKER_ROLE = "fhe-worker";

  private final HazelcastInstance hazelcast;
  private final List<Consumer<String>> departureListeners = new CopyOnWriteArrayList<>();
  private final UUID registration;
  private Set<String> known = Set.of();

  public WorkerDirectory(HazelcastInstance hazelcast) {
    this.hazelcast = hazelcast;
    this.registration = hazelcast.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
        refresh();
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        // The removed member's attributes may be gone with it: compare the node ids before and after instead.
        refresh();
      }
    });
    refresh();
  }

  /** Notes the nodes now present and tells the listeners about those that have left since the last look. */
  private synchronized void refresh() {
    Set<String> present = hazelcast.getCluster().getMembers().stream()
        .flatMap(member -> nodeId(member).stream())
        .collect(Collectors.toSet());
    for (String gone : known) {
      if (!present.contains(gone)) {
        departureListeners.forEach(listener -> listener.accept(gone));
      }
    }
    known = present;
  }

  /** Node ids of the worker nodes now members, sorted (a stable order for round robin). */
  public List<String> liveWorkers() {
    return hazelcast.getCluster().getMembers().stream()
        .filter(member -> WORKER_ROLE.equals(member.getAttribute(ROLE_ATTRIBUTE)))
        .flatMap(member -> nodeId(member).stream())
        .sorted()
        .toList();
  }

  /** Every node of the cluster (gateways and workers). */
  @Override
  public int nodes() {
    return hazelcast.getCluster().getMembers().size();
  }

  @Override
  public int fheWorkers() {
    return liveWorkers().size();
  }

  /** Called with the node id of every member that leaves (or is declared dead). */
  public void onDeparture(Consumer<String> listener) {
    departureListeners.add(listener);
  }

  public void close() {
    departureListeners.clear();
    if (hazelcast.getLifecycleService().isRunning()) {
      hazelcast.getCluster().removeMembershipListener(registration);
    }
  }

  private static Optional<String> nodeId(Member member) {
    return Optional.ofNullable(member.getAttribute(NODE_ID_ATTRIBUTE));
  }
}
