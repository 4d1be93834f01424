package io.pqcfhe.launcher.cluster.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.pqcfhe.fhe.store.shared.SharedMap;
import io.pqcfhe.launcher.cluster.HazelcastConfigs;
import io.pqcfhe.launcher.config.ClusterSettings;
import io.pqcfhe.protocol.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A gateway member reports the contexts whose primary copy it holds, as the workers report theirs. */
class MemberContextCountsTest {
  @Test
  void reportsItsShareWhenItChanges() throws Exception {
    Path config = Path.of(MemberContextCountsTest.class.getResource("/io/pqcfhe/launcher/cluster/test-cluster.xml").toURI());
    HazelcastInstance member = Hazelcast.newHazelcastInstance(HazelcastConfigs.of(new ClusterSettings(
        "counts-test-" + UUID.randomUUID(), "127.0.0.1", 5966, List.of("127.0.0.1"), 0, Optional.of(config),
        Optional.empty(), Optional.empty(), Duration.ofHours(1))));
    Vertx vertx = Vertx.vertx();
    try {
      BlockingQueue<JsonObject> reports = new LinkedBlockingQueue<>();
      vertx.eventBus().<JsonObject>consumer(Addresses.FHE_CONTEXT_COUNTS, message -> reports.add(message.body()));
      SharedMap contexts = FheStateMaps.open(member).contexts();
      vertx.deployVerticle(new MemberContextCounts(contexts, "node-1", Duration.ofMillis(100)))
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertEquals(new JsonObject().put("worker_id", "member-node-1").put("active_contexts", 0),
          reports.poll(10, TimeUnit.SECONDS));
      for (int i = 0; i < 3; i++) {
        contexts.set("session/context-" + i, new byte[] {1});
      }
      // The only member owns every entry.
      JsonObject report = reports.poll(10, TimeUnit.SECONDS);
      while (report != null && report.getInteger("active_contexts") != 3) {
        report = reports.poll(10, TimeUnit.SECONDS);
      }
      assertEquals(3, report.getInteger("active_contexts"));
      // Unchanged: no report until the refresh.
      assertEquals(null, reports.poll(500, TimeUnit.MILLISECONDS));
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      member.shutdown();
    }
  }
}
