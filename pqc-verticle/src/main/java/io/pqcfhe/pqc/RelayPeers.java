package io.pqcfhe.pqc;

import java.util.List;
import java.util.Optional;

/**
 * The other gateway nodes of a cluster, to which a relay is forwarded when the recipient may hold sessions
 * there. Outside a cluster there are none ({@link #NONE}).
 */
public interface RelayPeers {
  /** This node's id, whose relay address ({@code Addresses.secureRelay}) the verticle consumes; empty alone. */
  Optional<String> self();

  /** The node ids of the other gateway nodes now in the cluster. */
  List<String> others();

  RelayPeers NONE = new RelayPeers() {
    @Override
    public Optional<String> self() {
      return Optional.empty();
    }

    @Override
    public List<String> others() {
      return List.of();
    }
  };
}
