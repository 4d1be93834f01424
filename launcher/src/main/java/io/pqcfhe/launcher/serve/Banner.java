package io.pqcfhe.launcher.serve;

import io.pqcfhe.launcher.cluster.ClusterNode;
import io.pqcfhe.launcher.cluster.ClusterStateKey;
import io.pqcfhe.launcher.config.ClusterSettings;
import java.util.List;
import java.util.Optional;

/** What the server prints once it listens: where to connect, what to pin, and what is a dev default. */
final class Banner {
  static final String DEMO_CLIENT_ID = "demo-client";

  private Banner() {}

  /** The URL clients use; a wildcard bind address is shown as localhost. */
  static String webSocketUrl(String host, int port) {
    String shown = host.equals("0.0.0.0") || host.equals("::") ? "localhost"
        : host.contains(":") ? "[" + host + "]" : host;
    return "wss://" + shown + ":" + port + "/ws/v1/secure";
  }

  /** A worker node has no endpoint: it says what it runs and where its data folder is. */
  static String workerText(String dataDir, List<String> services, List<String> absent) {
    StringBuilder b = new StringBuilder("pqc-fhe worker node started (no HTTP endpoint)\n");
    b.append("  Data folder:  ").append(dataDir).append('\n');
    b.append("  Deployed:     ").append(services.isEmpty() ? "nothing" : String.join(", ", services)).append('\n');
    for (String role : absent) {
      b.append("  Not deployed: ").append(role).append('\n');
    }
    return b.toString();
  }

  /** Where the node's cluster traffic goes, and which event-bus certificate it presents. */
  static String clusterLine(ClusterSettings cluster, ClusterNode node) {
    return "  Cluster:      " + cluster.name() + ", node " + node.nodeId() + ", Hazelcast member "
        + node.memberAddress() + " (unencrypted: private network only)\n"
        + "  Event bus:    mutual TLS, " + (cluster.tls().isPresent() ? "operator certificate (cluster.tls_*)"
            : "DEV certificate of the data folder (nodes must share it; not for production)") + "\n";
  }

  /** On a worker node: which key seals the server-held FHE secret keys in the cluster maps (never the key). */
  static String stateKeyLine(boolean devKey) {
    return "  State key:    " + (devKey
        ? "DEV key of the data folder (" + ClusterStateKey.DEV_FILE + "; worker nodes must share it; not for production)"
        : "operator key (cluster.state_key_file)") + ", seals FHE secret keys kept in the cluster\n";
  }

  static String text(String host, int port, String fingerprint, String dataDir, List<String> services,
      List<String> absent, List<String> devDefaults, Optional<String> demoToken) {
    String url = webSocketUrl(host, port);
    StringBuilder b = new StringBuilder();
    b.append("pqc-fhe-gateway started\n");
    b.append("  WebSocket:    ").append(url).append("  (TLS 1.3, listening on ").append(host).append(':')
        .append(port).append(")\n");
    b.append("  Server key:   ML-DSA-65, SHA-256 fingerprint ").append(fingerprint).append('\n');
    b.append("                (clients pin it; also served at GET ")
        .append(url.replace("wss://", "https://").replace("/ws/v1/secure", "/ws/v1/server-key")).append(")\n");
    b.append("  Data folder:  ").append(dataDir).append('\n');
    b.append("  Deployed:     ").append(String.join(", ", services)).append('\n');
    for (String role : absent) {
      b.append("  Not deployed: ").append(role).append('\n');
    }
    if (devDefaults.isEmpty()) {
      return b.toString();
    }
    b.append("DEV MODE: ").append(String.join(", ", devDefaults)).append(".\n");
    b.append("  Not for production: configure tls.certificate, tls.private_key and a JWT key "
        + "(see docs/configuration.md).\n");
    demoToken.ifPresent(token -> {
      b.append("Demo token (client id ").append(DEMO_CLIENT_ID).append(", valid 1 h):\n");
      b.append("  TOKEN=").append(token).append('\n');
      b.append("Connect, e.g. with websocat (-k: the dev certificate is self-signed; pin the key fingerprint):\n");
      b.append("  websocat -k -H \"Authorization: Bearer $TOKEN\" -H \"X-Client-ID: ").append(DEMO_CLIENT_ID)
          .append("\" ").append(url).append('\n');
      b.append("More tokens: java -jar pqc-fhe.jar token --client-id ID | tail -1\n");
    });
    return b.toString();
  }
}
