package io.pqcfhe.fhe.verticle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pqcfhe.fhe.SetupPayloads;
import io.pqcfhe.fhe.request.RequestLimits;
import io.pqcfhe.fhe.store.Quotas;
import io.pqcfhe.fhe.store.shared.LocalSharedMap;
import io.pqcfhe.protocol.Action;
import io.pqcfhe.protocol.ProtocolCodecs;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared workers keep their own copy of the state key, and wipe it when undeployed. */
@ExtendWith(VertxExtension.class)
class SharedWorkersUndeployTest {

  @Test
  void undeployingWipesTheStateKeyCopy(Vertx vertx) {
    ProtocolCodecs.register(vertx.eventBus());
    byte[] stateKey = new byte[32];
    new SecureRandom().nextBytes(stateKey);
    FheWorkers workers =
        FheWorkers.shared(new FheWorkerConfig(1, Quotas.DEFAULT, RequestLimits.DEFAULT), LocalSharedMap.state(), stateKey);
    Arrays.fill(stateKey, (byte) 0); // the caller wipes its array at once
    String deployment = WorkerBus.await(workers.deploy(vertx));
    String session = WorkerBus.newSession().sessionId();
    workers.service().handle(Action.FHE_SETUP, SetupPayloads.small(), session);
    assertEquals(1, workers.activeContexts());

    WorkerBus.await(vertx.undeploy(deployment));
    IllegalStateException closed =
        assertThrows(IllegalStateException.class, () -> workers.service().handle(Action.FHE_SETUP, SetupPayloads.small(), session));
    assertEquals("key already destroyed", closed.getMessage());
  }
}
