package io.pqcfhe.gateway.health;

/**
 * What a gateway in a cluster knows of the cluster, for {@code GET /ws/health}: the nodes that are members
 * now and how many of them are FHE workers. Implementations answer from memory (no network call).
 */
public interface ClusterView {
  int nodes();

  int fheWorkers();
}
