package io.pqcfhe.launcher.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a node joins its cluster (present only with {@code cluster.enabled}).
 *
 * @param name Hazelcast cluster name: nodes with another name never join
 * @param host the address this node binds its cluster traffic to and announces to the others
 * @param port the Hazelcast member port
 * @param members the TCP/IP join list ({@code host} or {@code host:port})
 * @param busPort the TLS event-bus port, 0 for any free one
 * @param hazelcastConfig an operator's Hazelcast XML, empty for the built-in {@code conf/cluster.xml}
 * @param tls the operator's event-bus certificate, key and CA; empty for the dev certificate of the data folder
 * @param stateKeyFile the file of the key sealing FHE secret keys in the cluster maps; empty for the dev key of
 *     the data folder
 * @param stateTimeToLive how long an entry of the FHE state maps may live at most: no session lives longer, so
 *     an entry still there after it belongs to a session whose gateway died before ending it
 */
public record ClusterSettings(
    String name,
    String host,
    int port,
    List<String> members,
    int busPort,
    Optional<Path> hazelcastConfig,
    Optional<TlsFiles> tls,
    Optional<Path> stateKeyFile,
    Duration stateTimeToLive) {

  /** This node's event-bus certificate chain and key, and the CA certificates every peer must chain to. */
  public record TlsFiles(Path certificateChain, Path privateKey, Path trustedCertificates) {}

  public ClusterSettings {
    members = List.copyOf(members);
  }
}
