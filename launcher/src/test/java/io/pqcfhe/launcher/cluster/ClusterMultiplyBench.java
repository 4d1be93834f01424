package io.pqcfhe.launcher.cluster;

import io.pqcfhe.client.ClientOptions;
import io.pqcfhe.client.PqcFheClient;
import io.pqcfhe.client.TlsTrust;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test (no timing belongs in tests): fhe.compute multiply throughput through one gateway node with one
 * worker node, then, in the same run, with a second worker node started. 4 sessions, 2 requests in flight each,
 * every result released; 10 s warm-up and 20 s measured per phase. Run from the repository root after
 * {@code mvn -pl launcher -am test-compile}, with the launcher's test class path:
 * {@code java -cp <test class path> io.pqcfhe.launcher.cluster.ClusterMultiplyBench
 * launcher/target/test-classes/io/pqcfhe/launcher/cluster/test-cluster.xml}.
 */
public final class ClusterMultiplyBench {
  private ClusterMultiplyBench() {}

  public static void main(String[] a) throws Exception {
    if (a.length != 1) {
      System.err.println("usage: ClusterMultiplyBench <hazelcast test configuration file>");
      System.exit(2);
    }
    Path temp = Files.createTempDirectory("cluster-bench");
    Path data = temp.resolve("data");
    String name = "bench-" + UUID.randomUUID();
    int port = 18555;
    List<String> common = List.of("--cluster", "--data-dir", data.toString(), "--cluster-port", "5991", "--members", "127.0.0.1",
        "--set", "cluster.name=" + name, "--set", "cluster.config=" + a[0]);
    List<String> gw = new ArrayList<>(List.of("--roles", "gateway", "--host", "127.0.0.1", "--port", "" + port,
        "--set", "rate_limits.connection=100000", "--set", "rate_limits.pqc=100000", "--set", "rate_limits.fhe.setup=100000",
        "--set", "rate_limits.fhe.encrypt=100000", "--set", "rate_limits.fhe.compute=100000"));
    gw.addAll(common);
    NodeProcess gateway = NodeProcess.serve(temp, "gw", gw);
    List<String> w = new ArrayList<>(List.of("--roles", "fhe-worker"));
    w.addAll(common);
    NodeProcess w1 = NodeProcess.serve(temp, "w1", w);
    Vertx vertx = Vertx.vertx();
    String token = gateway.find("TOKEN=(\\S+)");
    try {
      System.out.println("one worker:  " + run(vertx, port, token, data, 4, 10, 20) + " multiplies/s");
      NodeProcess w2 = NodeProcess.serve(temp, "w2", w);
      Thread.sleep(3000);
      System.out.println("two workers: " + run(vertx, port, token, data, 4, 10, 20) + " multiplies/s");
      w2.close();
    } finally {
      w1.close();
      gateway.close();
      vertx.close();
    }
  }

  static double run(Vertx vertx, int port, String token, Path data, int sessions, int warmup, int seconds) throws Exception {
    List<FheSession> list = new ArrayList<>();
    List<PqcFheClient> clients = new ArrayList<>();
    for (int i = 0; i < sessions; i++) {
      ClientOptions options = ClientOptions.of(URI.create("wss://localhost:" + port + "/ws/v1/secure"), "demo-client", token)
          .withTlsTrust(new TlsTrust.PemCertificates(data.resolve("tls-dev-certificate.pem")));
      PqcFheClient c = FheSession.await(PqcFheClient.connect(vertx, options));
      clients.add(c);
      list.add(FheSession.setUp(c));
    }
    long warmEnd = System.nanoTime() + warmup * 1_000_000_000L;
    long end = warmEnd + seconds * 1_000_000_000L;
    AtomicLong counted = new AtomicLong();
    List<Promise<Void>> finished = new ArrayList<>();
    for (FheSession s : list) {
      for (int k = 0; k < 2; k++) {
        Promise<Void> p = Promise.promise();
        finished.add(p);
        loop(s, end, warmEnd, counted, p);
      }
    }
    for (Promise<Void> p : finished) {
      FheSession.await(p.future());
    }
    clients.forEach(PqcFheClient::close);
    return counted.get() / (double) seconds;
  }

  static void loop(FheSession s, long end, long warmEnd, AtomicLong counted, Promise<Void> p) {
    if (System.nanoTime() > end) {
      p.complete();
      return;
    }
    s.multiply().compose(r -> {
      if (System.nanoTime() > warmEnd && System.nanoTime() <= end) {
        counted.incrementAndGet();
      }
      return s.release(r.getString("result_ciphertext_id"));
    }).onComplete(r -> {
      if (r.failed()) {
        System.out.println("failed: " + r.cause().getMessage());
        p.complete();
        return;
      }
      loop(s, end, warmEnd, counted, p);
    });
  }
}
