package io.pqcfhe.fhe.store;

import static io.pqcfhe.fhe.SetupPayloads.small;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.fhe.request.RequestLimits;
import io.pqcfhe.fhe.service.FheService;
import io.pqcfhe.protocol.Action;
import io.pqcfhe.protocol.ErrorCode;
import io.pqcfhe.protocol.ProtocolException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What is freed when: secret keys zeroized at release and session end, quotas given back. */
class InMemoryFheStoreTest {
  private final SecureRandom random = new SecureRandom();
  private final FheStore store = newStore(new Quotas(2, 2, 1L << 30));
  private final FheService service = new FheService(store, RequestLimits.DEFAULT, random);

  /** The store under test: overridden by the run of these tests on the shared store. */
  FheStore newStore(Quotas quotas) {
    return new InMemoryFheStore(quotas);
  }

  private String setup(String session) {
    return service.handle(Action.FHE_SETUP, small(), session).getString("context_id");
  }

  private String encrypt(String session, String ctx) {
    JsonObject payload = new JsonObject().put("context_id", ctx).put("data", new JsonArray().add(1.0));
    return service.handle(Action.FHE_ENCRYPT, payload, session).getString("ciphertext_id");
  }

  @Test
  void sessionEndZeroizesSecretKeysAndFreesEverything() {
    String ctx = setup("s1");
    encrypt("s1", ctx);
    FheContext context = store.context("s1", ctx);
    assertEquals(1, store.activeContexts());
    service.endSession("s1");
    assertTrue(context.secretKey().orElseThrow().isDestroyed());
    assertEquals(0, store.activeContexts());
    assertEquals(ErrorCode.FORBIDDEN, assertThrows(ProtocolException.class, () -> store.context("s1", ctx)).error().code());
    service.endSession("s1"); // idempotent
  }

  @Test
  void aSetupInFlightWhenTheSessionEndsLeavesNothingBehind() {
    String ctx = setup("s5");
    FheContext context = store.context("s5", ctx);
    service.endSession("s5");
    ProtocolException late = assertThrows(ProtocolException.class, () -> setup("s5"));
    assertEquals(ErrorCode.FORBIDDEN, late.error().code());
    assertTrue(context.secretKey().orElseThrow().isDestroyed());
    assertEquals(0, store.activeContexts());
  }

  @Test
  void releasingAContextZeroizesItsKeyAndReturnsItsQuota() {
    String first = setup("s2");
    String second = setup("s2");
    assertEquals("contexts", assertThrows(ProtocolException.class, () -> setup("s2")).error().details().getString("quota"));
    FheContext context = store.context("s2", first);
    assertEquals(0, store.releaseContext("s2", first));
    assertTrue(context.secretKey().orElseThrow().isDestroyed());
    setup("s2");
    String a = encrypt("s2", second);
    encrypt("s2", second);
    assertEquals("ciphertexts", assertThrows(ProtocolException.class, () -> encrypt("s2", second)).error().details().getString("quota"));
    assertEquals(1, store.releaseCiphertexts("s2", second, List.of(a, a, "ct-unknown")));
    encrypt("s2", second);
  }

  @Test
  void sessionsDoNotSeeEachOther() {
    String ctx = setup("s3");
    String ct = encrypt("s3", ctx);
    ProtocolException foreign = assertThrows(ProtocolException.class, () -> store.ciphertext("s4", ctx, ct));
    ProtocolException unknown = assertThrows(ProtocolException.class, () -> store.ciphertext("s4", "ctx-x", "ct-x"));
    assertEquals(unknown.error(), foreign.error());
    assertEquals(ErrorCode.FORBIDDEN, foreign.error().code());
    service.endSession("s4");
    store.ciphertext("s3", ctx, ct);
  }
}
