package io.pqcfhe.fhe.store.shared;

import static io.pqcfhe.fhe.SetupPayloads.small;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.fhe.request.RequestLimits;
import io.pqcfhe.fhe.service.FheService;
import io.pqcfhe.fhe.store.Quotas;
import io.pqcfhe.protocol.Action;
import io.pqcfhe.protocol.ErrorCode;
import io.pqcfhe.protocol.ProtocolException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A retried operation (same operation id, possibly on another worker) answers the same and creates nothing
 * new, whether its first run's answer was remembered or lost with its worker.
 */
class IdempotentOperationsTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Quotas QUOTAS = new Quotas(2, 2, 1L << 30);
  private static final SharedFheStore.CacheBudget BUDGET = new SharedFheStore.CacheBudget(1L << 30, 1L << 28);

  private final byte[] stateKey = randomKey();
  private final SharedState state = LocalSharedMap.state();
  private final SharedFheStore storeA = open();
  private final SharedFheStore storeB = open();
  private final FheService a = new FheService(storeA, new SharedAnswers(state.answers()), RequestLimits.DEFAULT, RANDOM);
  private final FheService b = new FheService(storeB, new SharedAnswers(state.answers()), RequestLimits.DEFAULT, RANDOM);

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return key;
  }

  private SharedFheStore open() {
    return SharedFheStore.open(state, stateKey, QUOTAS, RequestLimits.DEFAULT.maxSealObjectBytes(), BUDGET, RANDOM);
  }

  @AfterEach
  void close() {
    storeA.close();
    storeB.close();
  }

  private static Optional<String> newOperation() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Optional.of(HexFormat.of().formatHex(bytes));
  }

  private static JsonObject encryptPayload(String ctx, double value) {
    return new JsonObject().put("context_id", ctx).put("data", new JsonArray().add(value)).put("include_ciphertext", true);
  }

  private LocalSharedMap map(SharedMap map) {
    return (LocalSharedMap) map;
  }

  /** Forgets the remembered answer of an operation, as if its worker died after writing the state. */
  private void forgetAnswer(String session, Optional<String> op) {
    state.answers().delete(session + "/" + op.orElseThrow());
  }

  @Test
  void aRetryGetsTheRememberedAnswerAndCreatesNothing() {
    Optional<String> setupOp = newOperation();
    JsonObject setup = a.handle(Action.FHE_SETUP, small(), "s1", setupOp);
    assertEquals(setup, b.handle(Action.FHE_SETUP, small(), "s1", setupOp));
    String ctx = setup.getString("context_id");
    Optional<String> encryptOp = newOperation();
    JsonObject encrypted = a.handle(Action.FHE_ENCRYPT, encryptPayload(ctx, 1.5), "s1", encryptOp);
    assertEquals(encrypted, b.handle(Action.FHE_ENCRYPT, encryptPayload(ctx, 1.5), "s1", encryptOp));
    String ct = encrypted.getString("ciphertext_id");
    JsonObject square =
        new JsonObject().put("context_id", ctx).put("operation", "square").put("operands", new JsonArray().add(ct));
    Optional<String> computeOp = newOperation();
    JsonObject computed = b.handle(Action.FHE_COMPUTE, square, "s1", computeOp);
    assertEquals(computed, a.handle(Action.FHE_COMPUTE, square, "s1", computeOp));
    assertEquals(1, map(state.contexts()).size());
    assertEquals(2, map(state.ciphertexts()).size());
    SessionRecord record = SessionRecord.decode(map(state.sessions()).raw("s1"));
    assertEquals(1, record.contexts().size());
    assertEquals(2, record.ciphertexts().size());
  }

  @Test
  void aRetryWhoseAnswerWasLostWritesTheSameIdsAndCountsThemOnce() {
    Optional<String> setupOp = newOperation();
    JsonObject setup = a.handle(Action.FHE_SETUP, small(), "s2", setupOp);
    forgetAnswer("s2", setupOp);
    JsonObject again = b.handle(Action.FHE_SETUP, small(), "s2", setupOp);
    assertEquals(setup, again, "the stored context (same ids, same public key) answers the retry");
    String ctx = setup.getString("context_id");

    JsonObject first = a.handle(Action.FHE_ENCRYPT, encryptPayload(ctx, 1), "s2", newOperation());
    Optional<String> encryptOp = newOperation();
    JsonObject second = a.handle(Action.FHE_ENCRYPT, encryptPayload(ctx, 2), "s2", encryptOp);
    forgetAnswer("s2", encryptOp);
    // The quota is full (two ciphertexts): the retry must not count its id a second time.
    JsonObject retried = b.handle(Action.FHE_ENCRYPT, encryptPayload(ctx, 2), "s2", encryptOp);
    assertEquals(second.getString("ciphertext_id"), retried.getString("ciphertext_id"));
    assertNotEquals(first.getString("ciphertext_id"), retried.getString("ciphertext_id"));
    assertEquals(2, SessionRecord.decode(map(state.sessions()).raw("s2")).ciphertexts().size());
    JsonObject decrypt = new JsonObject().put("context_id", ctx).put("ciphertext_id", retried.getString("ciphertext_id"));
    assertEquals(2.0, a.handle(Action.FHE_DECRYPT, decrypt, "s2").getJsonArray("decrypted_data").getDouble(0), 1e-3);
  }

  @Test
  void aReleaseAnswersTheSameWhenRetried() {
    String ctx = a.handle(Action.FHE_SETUP, small(), "s3", newOperation()).getString("context_id");
    String ct = a.handle(Action.FHE_ENCRYPT, encryptPayload(ctx, 1), "s3", newOperation()).getString("ciphertext_id");
    JsonObject release = new JsonObject().put("context_id", ctx).put("ciphertext_ids", new JsonArray().add(ct));
    Optional<String> op = newOperation();
    assertEquals(1, a.handle(Action.FHE_RELEASE, release, "s3", op).getInteger("released"));
    assertEquals(1, b.handle(Action.FHE_RELEASE, release, "s3", op).getInteger("released"));
    assertEquals(0, b.handle(Action.FHE_RELEASE, release, "s3", newOperation()).getInteger("released"));
  }

  @Test
  void neitherRefusalsNorDecryptedValuesAreRemembered() {
    Optional<String> op = newOperation();
    JsonObject unknown = new JsonObject().put("context_id", "ctx-unknown").put("data", new JsonArray().add(1));
    ProtocolException refused = assertThrows(ProtocolException.class, () -> a.handle(Action.FHE_ENCRYPT, unknown, "s4", op));
    assertEquals(ErrorCode.FORBIDDEN, refused.error().code());
    assertNull(map(state.answers()).raw("s4/" + op.orElseThrow()));

    String ctx = a.handle(Action.FHE_SETUP, small(), "s4", newOperation()).getString("context_id");
    String ct = a.handle(Action.FHE_ENCRYPT, encryptPayload(ctx, 1), "s4", newOperation()).getString("ciphertext_id");
    Optional<String> decryptOp = newOperation();
    a.handle(Action.FHE_DECRYPT, new JsonObject().put("context_id", ctx).put("ciphertext_id", ct), "s4", decryptOp);
    assertNull(map(state.answers()).raw("s4/" + decryptOp.orElseThrow()));
    assertEquals(2, map(state.answers()).size(), "setup and encrypt only");
  }

  @Test
  void operationIdsAreThirtyTwoHexDigits() {
    for (String bad : new String[] {"", "xyz", "00", "0".repeat(31), "0".repeat(33), "g".repeat(32)}) {
      assertThrows(IllegalArgumentException.class, () -> a.handle(Action.FHE_SETUP, small(), "s5", Optional.of(bad)), bad);
    }
    assertTrue(map(state.contexts()).size() == 0 && map(state.answers()).size() == 0);
  }

  @Test
  void derivedIdsDependOnTheOperationOnly() {
    Optional<String> op = newOperation();
    JsonObject one = a.handle(Action.FHE_SETUP, small(), "s6", op);
    JsonObject other = a.handle(Action.FHE_SETUP, small(), "s7", op);
    JsonObject fresh = a.handle(Action.FHE_SETUP, small(), "s6", newOperation());
    assertEquals(one.getString("context_id"), other.getString("context_id"), "ids are per session: no clash");
    assertNotEquals(one.getString("context_id"), fresh.getString("context_id"));
    assertNotEquals(one.getString("public_key"), other.getString("public_key"), "two sessions, two key sets");
    for (String field : new String[] {"context_id", "public_key_id", "relin_key_id", "galois_key_id"}) {
      assertTrue(one.getString(field).matches("[a-z]+-[0-9a-f]{32}"), one.getString(field));
    }
  }
}
