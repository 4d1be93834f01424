package io.pqcfhe.fhe.store.shared;

import static io.pqcfhe.fhe.SetupPayloads.small;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.ckks.seal.ComprMode;
import io.pqcfhe.fhe.request.RequestLimits;
import io.pqcfhe.fhe.service.EngineErrors;
import io.pqcfhe.fhe.service.FheService;
import io.pqcfhe.fhe.store.FheContext;
import io.pqcfhe.fhe.store.Quotas;
import io.pqcfhe.protocol.Action;
import io.pqcfhe.protocol.ErrorCode;
import io.pqcfhe.protocol.ProtocolException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two workers over the same maps: one state, seen alike by both; what is sealed, zeroized and deleted when. */
class SharedFheStoreTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Quotas QUOTAS = new Quotas(2, 4, 1L << 30);
  private static final SharedFheStore.CacheBudget BUDGET = new SharedFheStore.CacheBudget(1L << 30, 1L << 28);

  private final byte[] stateKey = randomKey();
  private final SharedState state = LocalSharedMap.state();
  private final SharedFheStore storeA = open(stateKey, BUDGET);
  private final SharedFheStore storeB = open(stateKey, BUDGET);
  private final FheService a = new FheService(storeA, RequestLimits.DEFAULT, RANDOM);
  private final FheService b = new FheService(storeB, RequestLimits.DEFAULT, RANDOM);

  @AfterEach
  void close() {
    storeA.close();
    storeB.close();
  }

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return key;
  }

  private SharedFheStore open(byte[] key, SharedFheStore.CacheBudget budget) {
    return SharedFheStore.open(state, key, QUOTAS, RequestLimits.DEFAULT.maxSealObjectBytes(), budget, RANDOM);
  }

  private LocalSharedMap map(SharedMap map) {
    return (LocalSharedMap) map;
  }

  static String setup(FheService worker, String session) {
    return worker.handle(Action.FHE_SETUP, small(), session).getString("context_id");
  }

  static String encrypt(FheService worker, String session, String ctx, double... values) {
    JsonArray data = new JsonArray();
    Arrays.stream(values).forEach(data::add);
    JsonObject payload = new JsonObject().put("context_id", ctx).put("data", data);
    return worker.handle(Action.FHE_ENCRYPT, payload, session).getString("ciphertext_id");
  }

  static String compute(FheService worker, String session, String ctx, String operation, String... operands) {
    JsonObject payload =
        new JsonObject()
            .put("context_id", ctx)
            .put("operation", operation)
            .put("operands", new JsonArray(List.of((Object[]) operands)));
    return worker.handle(Action.FHE_COMPUTE, payload, session).getString("result_ciphertext_id");
  }

  static double[] decrypt(FheService worker, String session, String ctx, String ct) {
    JsonObject payload = new JsonObject().put("context_id", ctx).put("ciphertext_id", ct);
    JsonArray values = worker.handle(Action.FHE_DECRYPT, payload, session).getJsonArray("decrypted_data");
    return values.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
  }

  private static ProtocolException refused(ErrorCode code, Runnable action) {
    ProtocolException e = assertThrows(ProtocolException.class, action::run);
    assertEquals(code, e.error().code(), () -> e.error().toJson().encode());
    return e;
  }

  private static void assertClose(double[] expected, double[] actual) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-3, "slot " + i);
    }
  }

  @Test
  void aContextMadeByOneWorkerIsComputedOnAndDecryptedByTheOther() {
    String ctx = setup(a, "s1");
    String x = encrypt(a, "s1", ctx, 1.5, 2.5);
    String y = encrypt(b, "s1", ctx, 2.0, -1.0);
    String sum = compute(b, "s1", ctx, "add", x, y);
    String product = compute(a, "s1", ctx, "multiply", x, y);
    assertClose(new double[] {3.5, 1.5}, decrypt(b, "s1", ctx, sum));
    assertClose(new double[] {3.0, -2.5}, decrypt(b, "s1", ctx, product));
    assertClose(new double[] {3.5, 1.5}, decrypt(a, "s1", ctx, sum));
    JsonObject download = new JsonObject().put("context_id", ctx).put("ciphertext_id", sum);
    assertEquals(
        a.handle(Action.FHE_DOWNLOAD, download, "s1").getString("ciphertext"),
        b.handle(Action.FHE_DOWNLOAD, download, "s1").getString("ciphertext"));
    FheContext onA = storeA.context("s1", ctx);
    FheContext onB = storeB.context("s1", ctx);
    assertEquals(onA.parameters(), onB.parameters());
    assertEquals(onA.keys(), onB.keys());
    assertEquals(onA.sizeBytes(), onB.sizeBytes());
    assertArrayEquals(onA.secretKey().orElseThrow().copyValues(), onB.secretKey().orElseThrow().copyValues());
  }

  @Test
  void quotasHoldAcrossWorkers() {
    String first = setup(a, "s2");
    setup(b, "s2");
    assertEquals("contexts", refused(ErrorCode.RATE_LIMIT_EXCEEDED, () -> setup(a, "s2")).error().details().getString("quota"));
    String c1 = encrypt(a, "s2", first, 1);
    encrypt(b, "s2", first, 2);
    encrypt(a, "s2", first, 3);
    encrypt(b, "s2", first, 4);
    assertEquals(
        "ciphertexts",
        refused(ErrorCode.RATE_LIMIT_EXCEEDED, () -> encrypt(a, "s2", first, 5)).error().details().getString("quota"));
    assertEquals(1, storeB.releaseCiphertexts("s2", first, List.of(c1, c1, "ct-unknown")));
    encrypt(a, "s2", first, 5);
    assertEquals(4, storeA.releaseContext("s2", first));
    setup(b, "s2");
  }

  @Test
  void releaseByOneWorkerDropsAndZeroizesTheOthersCopy() {
    String ctx = setup(a, "s3");
    String ct = encrypt(a, "s3", ctx, 1);
    FheContext onB = storeB.context("s3", ctx);
    storeB.ciphertext("s3", ctx, ct);
    assertEquals(1, storeA.releaseContext("s3", ctx));
    assertTrue(onB.secretKey().orElseThrow().isDestroyed());
    refused(ErrorCode.FORBIDDEN, () -> storeB.context("s3", ctx));
    refused(ErrorCode.FORBIDDEN, () -> storeB.ciphertext("s3", ctx, ct));
    assertEquals(0, map(state.contexts()).size());
    assertEquals(0, map(state.ciphertexts()).size());
  }

  @Test
  void releasedCiphertextsAreGoneForBothWorkers() {
    String ctx = setup(a, "s4");
    String ct = encrypt(a, "s4", ctx, 1);
    storeB.ciphertext("s4", ctx, ct);
    assertEquals(1, storeA.releaseCiphertexts("s4", ctx, List.of(ct)));
    refused(ErrorCode.FORBIDDEN, () -> storeB.ciphertext("s4", ctx, ct));
    assertEquals(0, storeB.releaseCiphertexts("s4", ctx, List.of(ct)));
  }

  @Test
  void theSecretKeyIsStoredOnlySealed() {
    String ctx = setup(a, "s5");
    FheContext context = storeA.context("s5", ctx);
    byte[] secret = context.seal().save(context.secretKey().orElseThrow(), ComprMode.NONE);
    byte[] window = Arrays.copyOfRange(secret, secret.length / 2, secret.length / 2 + 32);
    byte[] stored = map(state.contexts()).raw("s5/" + ctx);
    assertFalse(contains(stored, window), "secret key bytes in clear in the contexts map");
  }

  @Test
  void aTamperedSealedKeyIsRefused() {
    String ctx = setup(a, "s6");
    byte[] stored = map(state.contexts()).raw("s6/" + ctx);
    stored[stored.length - 1] ^= 1; // the sealed secret key is the last field
    assertThrows(SecretKeySealer.SealedKeyException.class, () -> storeB.context("s6", ctx));
  }

  @Test
  void aSealedKeyMovedToAnotherContextOrSessionIsRefused() {
    String ctx = setup(a, "s7");
    String other = setup(a, "s7");
    String foreign = setup(a, "s8");
    byte[] stored = map(state.contexts()).raw("s7/" + ctx);
    map(state.contexts()).put("s7/" + other, stored.clone());
    map(state.contexts()).put("s8/" + foreign, stored.clone());
    assertThrows(SecretKeySealer.SealedKeyException.class, () -> storeB.context("s7", other));
    assertThrows(SecretKeySealer.SealedKeyException.class, () -> storeB.context("s8", foreign));
    storeB.context("s7", ctx);
  }

  @Test
  void anotherStateKeyDoesNotOpenIt() {
    String ctx = setup(a, "s9");
    try (SharedFheStore stranger = open(randomKey(), BUDGET)) {
      assertThrows(SecretKeySealer.SealedKeyException.class, () -> stranger.context("s9", ctx));
    }
  }

  @Test
  void sessionEndZeroizesEveryCopyAndDeletesEverything() {
    String ctx = setup(a, "s10");
    String ct = encrypt(a, "s10", ctx, 1);
    FheContext onA = storeA.context("s10", ctx);
    FheContext onB = storeB.context("s10", ctx);
    a.endSession("s10");
    assertTrue(onA.secretKey().orElseThrow().isDestroyed());
    assertTrue(onB.secretKey().orElseThrow().isDestroyed());
    assertEquals(0, map(state.contexts()).size());
    assertEquals(0, map(state.ciphertexts()).size());
    assertEquals(0, storeA.activeContexts());
    refused(ErrorCode.FORBIDDEN, () -> storeB.ciphertext("s10", ctx, ct));
    // Requests in flight when it ended are refused, on any worker; the end is idempotent everywhere.
    refused(ErrorCode.FORBIDDEN, () -> setup(b, "s10"));
    b.endSession("s10");
    a.endSession("s10");
    assertNotNull(map(state.sessions()).raw("s10"));
    assertEquals(0, map(state.contexts()).size());
  }

  @Test
  void sessionsDoNotSeeEachOther() {
    String ctx = setup(a, "s11");
    String ct = encrypt(a, "s11", ctx, 1);
    ProtocolException foreign = refused(ErrorCode.FORBIDDEN, () -> storeB.ciphertext("s12", ctx, ct));
    ProtocolException unknown = refused(ErrorCode.FORBIDDEN, () -> storeB.ciphertext("s12", "ctx-x", "ct-x"));
    assertEquals(unknown.error(), foreign.error());
    refused(ErrorCode.FORBIDDEN, () -> storeB.context("s12", ctx));
    refused(ErrorCode.FORBIDDEN, () -> storeB.releaseContext("s12", ctx));
    storeB.ciphertext("s11", ctx, ct);
  }

  @Test
  void idsWithSlashesNeverReachAnotherSessionsEntries() {
    String ctx = setup(a, "s19");
    storeB.context("s19", ctx); // cached under "s19/ctx-…"
    refused(ErrorCode.FORBIDDEN, () -> storeB.context("s", "19/" + ctx));
    assertThrows(IllegalArgumentException.class, () -> storeB.context("s/19", ctx));
  }

  @Test
  void aCiphertextOfAnotherContextIsAMismatchOnBothWorkers() {
    String first = setup(a, "s13");
    String second = setup(a, "s13");
    String ct = encrypt(a, "s13", first, 1);
    assertEquals(
        "context_mismatch",
        refused(ErrorCode.FHE_CONTEXT_ERROR, () -> storeB.ciphertext("s13", second, ct)).error().details().getString("reason"));
    refused(ErrorCode.FHE_CONTEXT_ERROR, () -> storeA.ciphertext("s13", second, ct));
  }

  @Test
  void aComputeOnCachedStateWritesOnlyItsResult() {
    String ctx = setup(a, "s14");
    String x = encrypt(a, "s14", ctx, 1);
    String y = encrypt(a, "s14", ctx, 2);
    List<LocalSharedMap> maps =
        List.of(map(state.sessions()), map(state.contexts()), map(state.ciphertexts()), map(state.answers()));
    maps.forEach(m -> {
      m.reads.set(0);
      m.writes.set(0);
    });
    compute(a, "s14", ctx, "add", x, y);
    assertEquals(0, maps.stream().mapToLong(m -> m.reads.get()).sum(), "reads");
    assertEquals(1, map(state.sessions()).writes.get(), "session record compare-and-set");
    assertEquals(1, map(state.ciphertexts()).writes.get(), "result write");
    assertEquals(0, map(state.contexts()).writes.get() + map(state.answers()).writes.get());
  }

  @Test
  void evictedCopiesAreZeroizedWhenTheirContextGoes() {
    String ctx = setup(a, "s15");
    try (SharedFheStore tiny = open(stateKey, new SharedFheStore.CacheBudget(0, 0))) {
      FheContext first = tiny.context("s15", ctx);
      FheContext second = tiny.context("s15", ctx);
      assertFalse(first.secretKey().orElseThrow().isDestroyed(), "an evicted copy may still be in use");
      storeA.releaseContext("s15", ctx);
      assertTrue(first.secretKey().orElseThrow().isDestroyed());
      assertTrue(second.secretKey().orElseThrow().isDestroyed());
    }
  }

  @Test
  void aRecordWrittenByAnotherWorkerIsSeenBeforeRefusing() {
    String ctx = setup(a, "s16");
    String c1 = encrypt(a, "s16", ctx, 1);
    String c2 = encrypt(a, "s16", ctx, 2);
    encrypt(a, "s16", ctx, 3);
    encrypt(a, "s16", ctx, 4);
    assertEquals(2, storeB.releaseCiphertexts("s16", ctx, List.of(c1, c2)));
    // a's copy of the record still counts four ciphertexts: it must re-read, not refuse.
    encrypt(a, "s16", ctx, 4);
    encrypt(a, "s16", ctx, 5);
    assertNull(map(state.ciphertexts()).raw("s16/" + c1));
  }

  @Test
  void corruptRecordsAreServerErrorsNotClientErrors() {
    String ctx = setup(a, "s17");
    String ct = encrypt(a, "s17", ctx, 1);
    byte[] context = map(state.contexts()).raw("s17/" + ctx);
    map(state.contexts()).put("s17/" + ctx, Arrays.copyOf(context, context.length / 2));
    map(state.ciphertexts()).put("s17/" + ct, new byte[] {1, 0, 3, 'c', 't', 'x'});
    IllegalStateException contextError = assertThrows(IllegalStateException.class, () -> storeB.context("s17", ctx));
    assertEquals("corrupt context record", contextError.getMessage());
    map(state.contexts()).put("s17/" + ctx, context);
    IllegalStateException ciphertextError = assertThrows(IllegalStateException.class, () -> storeB.ciphertext("s17", ctx, ct));
    assertEquals("corrupt ciphertext record", ciphertextError.getMessage());
    assertEquals(ErrorCode.SERVER_ERROR, EngineErrors.toProtocolError(ciphertextError).code());
  }

  @Test
  void concurrentRequestsForAnUncachedContextLoadItOnce() throws Exception {
    String ctx = setup(a, "s18");
    map(state.contexts()).reads.set(0);
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<FheContext>> loads = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        loads.add(threads.submit(() -> {
          start.await();
          return storeB.context("s18", ctx);
        }));
      }
      start.countDown();
      FheContext first = loads.get(0).get(1, TimeUnit.MINUTES);
      for (Future<FheContext> load : loads) {
        assertSame(first, load.get(1, TimeUnit.MINUTES));
      }
    } finally {
      threads.shutdownNow();
    }
    assertEquals(1, map(state.contexts()).reads.get());
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
