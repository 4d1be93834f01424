package io.pqcfhe.launcher.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What one node runs. {@link #ALL} is the single-process server; the other two split it over a cluster:
 * gateway nodes hold the clients' WebSockets and their PQC sessions, worker nodes do the homomorphic work.
 */
public enum NodeRole {
  ALL("all", true, true),
  GATEWAY("gateway", true, false),
  FHE_WORKER("fhe-worker", false, true);

  private final String wireName;
  private final boolean gateway;
  private final boolean fheWorker;

  NodeRole(String wireName, boolean gateway, boolean fheWorker) {
    this.wireName = wireName;
    this.gateway = gateway;
    this.fheWorker = fheWorker;
  }

  /** The name on the command line and in the configuration: {@code all}, {@code gateway}, {@code fhe-worker}. */
  public String wireName() {
    return wireName;
  }

  /** Runs the HTTP/WebSocket gateway and the PQC verticle. */
  public boolean runsGateway() {
    return gateway;
  }

  /** Runs the FHE worker verticles. */
  public boolean runsFheWorker() {
    return fheWorker;
  }

  public static Optional<NodeRole> byWireName(String name) {
    String wanted = name.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(r -> r.wireName.equals(wanted)).findFirst();
  }
}
