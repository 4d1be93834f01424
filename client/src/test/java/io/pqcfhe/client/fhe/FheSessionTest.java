package io.pqcfhe.client.fhe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.ckks.seal.ComprMode;
import io.pqcfhe.ckks.seal.SealObjects;
import io.pqcfhe.client.PqcFheException;
import io.pqcfhe.client.PqcFheException.LocalCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What {@link FheSession} does with a ciphertext the server returns, against a server played by a
 * transport that answers from a script: real keys, real SEAL bytes.
 */
class FheSessionTest {
  private static final double[] VALUES = {1.5, -2.0, 3.25};

  @Test
  void aReturnedCiphertextIsCheckedAndTheResultKeepsItsOwnCopy() {
    FheParameters parameters = FheParameters.reference();
    try (ClientKeys keys = ClientKeys.generate(parameters, new int[0], new SecureRandom())) {
      SealObjects seal = new SealObjects(parameters.engineParameters(), 64L << 20);
      byte[] ciphertext = seal.save(keys.load(keys.encrypt(VALUES)), ComprMode.NONE);
      AtomicReference<byte[]> served = new AtomicReference<>(ciphertext);
      FheSession session =
          FheSession.setupClientKeys(scriptedServer(keys.parmsId(), served), parameters, keys).await();

      ComputeResult result = compute(session).await();
      byte[] handedOut = result.sealBytes().orElseThrow();
      assertArrayEquals(ciphertext, handedOut);
      handedOut[0] ^= 1;
      assertArrayEquals(ciphertext, result.sealBytes().orElseThrow(), "a caller's copy is its own");
      assertArrayEquals(VALUES, keys.decrypt(result.sealBytes().orElseThrow(), VALUES.length), 1e-6);

      // The last coefficient set above every prime, then the bytes cut short: both refused.
      byte[] aboveItsPrime = ciphertext.clone();
      Arrays.fill(aboveItsPrime, aboveItsPrime.length - 8, aboveItsPrime.length, (byte) 0xFF);
      for (byte[] bad : List.of(aboveItsPrime, Arrays.copyOf(ciphertext, ciphertext.length - 8))) {
        served.set(bad);
        PqcFheException e = assertThrows(PqcFheException.class, () -> compute(session).await());
        assertTrue(e.is(LocalCode.PROTOCOL_VIOLATION), e.getMessage());
        assertEquals("PROTOCOL_VIOLATION: result_ciphertext is not a valid SEAL object of these parameters", e.getMessage());
      }
    }
  }

  private static Future<ComputeResult> compute(FheSession session) {
    return session.compute("multiply", List.of("a", "b"), null, true);
  }

  /** Answers fhe.setup for client-held keys and fhe.compute with whatever {@code served} holds. */
  private static FheTransport scriptedServer(String parmsId, AtomicReference<byte[]> served) {
    return (action, payload) -> switch (action) {
      case "fhe.setup" -> Future.succeededFuture(new JsonObject()
          .put("context_id", "ctx")
          .put("parms_id", parmsId)
          .put("key_management", "client")
          .put("slot_count", 4096)
          .put("max_depth", 2));
      case "fhe.compute" -> Future.succeededFuture(new JsonObject()
          .put("result_ciphertext_id", "result")
          .put("level", 2)
          .put("scale", Math.pow(2, 40))
          .put("result_ciphertext", Base64.getEncoder().encodeToString(served.get()))
          .put("operations_performed", new JsonArray().add("multiply"))
          .put("remaining_depth", 2)
          .put("noise_budget", 40)
          .put("computation_time_ms", 1.0));
      default -> Future.failedFuture(action + " is not scripted");
    };
  }
}
