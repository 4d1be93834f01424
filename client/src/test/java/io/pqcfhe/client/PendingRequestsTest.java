package io.pqcfhe.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.client.PqcFheException.LocalCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PendingRequestsTest {
  private Vertx vertx;
  private PendingRequests pending;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    pending = new PendingRequests(vertx);
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void answersReachTheirRequestsInAnyOrder() throws Exception {
    Future<JsonObject> first = pending.register("r-1", Duration.ofSeconds(10));
    Future<JsonObject> second = pending.register("r-2", Duration.ofSeconds(10));
    Future<JsonObject> third = pending.register("r-3", Duration.ofSeconds(10));

    assertTrue(pending.complete("r-3", new JsonObject().put("n", 3)));
    assertTrue(pending.fail("r-1", PqcFheException.fromServer("FORBIDDEN", "no", new JsonObject().put("reason", "x"))));
    assertTrue(pending.complete("r-2", new JsonObject().put("n", 2)));

    assertEquals(3, third.await(1, TimeUnit.SECONDS).getInteger("n"));
    assertEquals(2, second.await(1, TimeUnit.SECONDS).getInteger("n"));
    PqcFheException e = awaitFailure(first);
    assertEquals("FORBIDDEN", e.code());
    assertEquals("x", e.reason().orElseThrow());
    assertEquals(0, pending.size());
  }

  @Test
  void lateDuplicateAndUnknownAnswersAreIgnored() {
    pending.register("r-1", Duration.ofSeconds(10));
    assertTrue(pending.complete("r-1", new JsonObject()));
    assertFalse(pending.complete("r-1", new JsonObject()), "second answer to the same id");
    assertFalse(pending.complete("r-9", new JsonObject()), "answer to an id never sent");
    assertFalse(pending.fail(null, new RuntimeException()), "error without id");
  }

  @Test
  void aRequestWithoutAnswerTimesOut() throws Exception {
    Future<JsonObject> f = pending.register("r-1", Duration.ofMillis(50));
    PqcFheException e = awaitFailure(f);
    assertTrue(e.is(LocalCode.TIMEOUT));
    assertFalse(pending.complete("r-1", new JsonObject()), "an answer after the timeout finds nothing");
  }

  @Test
  void closingFailsEveryPendingAndEveryLaterRequest() throws Exception {
    Future<JsonObject> a = pending.register("r-1", Duration.ofSeconds(10));
    Future<JsonObject> b = pending.register("r-2", Duration.ofSeconds(10));
    pending.failAll(PqcFheException.local(LocalCode.CONNECTION_CLOSED, "closed"));
    assertTrue(awaitFailure(a).is(LocalCode.CONNECTION_CLOSED));
    assertTrue(awaitFailure(b).is(LocalCode.CONNECTION_CLOSED));
    assertTrue(awaitFailure(pending.register("r-3", Duration.ofSeconds(10))).is(LocalCode.CONNECTION_CLOSED));
    assertEquals(0, pending.size());
  }

  @Test
  void anIdCannotBePendingTwice() {
    pending.register("r-1", Duration.ofSeconds(10));
    assertThrows(IllegalStateException.class, () -> pending.register("r-1", Duration.ofSeconds(10)));
  }

  static PqcFheException awaitFailure(Future<?> f) throws Exception {
    try {
      f.await(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      return assertInstanceOf(PqcFheException.class, e);
    }
    throw new AssertionError("expected a failure");
  }
}
