package io.pqcfhe.crypto.bc;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.TestAbortedException;

/**
 * Runs a Wycheproof file case by case: one dynamic test per {@code tcId}, then a summary test that prints
 * how many cases passed as accepted, as rejected, and how many were skipped, with each reason.
 */
final class Wycheproof {
  /** One test case with its group, for the case's checks. */
  record Case(JsonObject group, JsonObject test) {
    int id() {
      return test.getInteger("tcId");
    }

    String result() {
      return test.getString("result");
    }

    boolean valid() {
      return "valid".equals(result());
    }

    boolean hasFlag(String flag) {
      return test.getJsonArray("flags", new JsonArray()).contains(flag);
    }

    byte[] bytes(String field) {
      return HexFormat.of().parseHex(test.getString(field));
    }

    byte[] groupBytes(String field) {
      return HexFormat.of().parseHex(group.getString(field));
    }

    boolean has(String field) {
      return test.containsKey(field);
    }
  }

  /** What one case proved: accepted, rejected, or nothing (skipped, with the reason). */
  record Outcome(String tallyKey, String skipReason) {
    boolean skipped() {
      return skipReason != null;
    }
  }

  static final Outcome ACCEPTED = new Outcome("accepted", null);
  static final Outcome REJECTED = new Outcome("rejected", null);
  /** A case of a size or mode our API does not offer, asserted to be refused before any cryptography. */
  static final Outcome REFUSED_BY_API = new Outcome("refused by our API (size it does not offer)", null);

  static Outcome skipped(String reason) {
    return new Outcome("skipped: " + reason, reason);
  }

  private Wycheproof() {}

  static JsonObject load(String file) {
    try (InputStream in = Wycheproof.class.getResourceAsStream("/wycheproof/" + file)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource wycheproof/" + file);
      }
      return new JsonObject(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Dynamic tests for every case of {@code file}; {@code check} asserts the case and says what it
   * proved. A skipped case is reported as aborted (visible, not passed) and counted with its reason.
   */
  static Stream<DynamicTest> cases(String file, Function<Case, Outcome> check) {
    JsonObject root = load(file);
    List<Case> cases = new ArrayList<>();
    for (Object g : root.getJsonArray("testGroups")) {
      JsonObject group = (JsonObject) g;
      for (Object t : group.getJsonArray("tests")) {
        cases.add(new Case(group, (JsonObject) t));
      }
    }
    int declared = root.getInteger("numberOfTests");
    Map<String, Integer> tally = new TreeMap<>();
    List<DynamicTest> tests = new ArrayList<>();
    for (Case c : cases) {
      String name = "tcId " + c.id() + " " + c.result() + " " + c.test().getJsonArray("flags", new JsonArray());
      Executable body = () -> {
        Outcome outcome = check.apply(c);
        tally.merge(outcome.tallyKey(), 1, Integer::sum);
        if (outcome.skipped()) {
          throw new TestAbortedException(outcome.skipReason());
        }
      };
      tests.add(DynamicTest.dynamicTest(name, body));
    }
    tests.add(DynamicTest.dynamicTest("summary", () -> {
      System.out.printf("[wycheproof] %s: %d cases (file declares %d) %s%n", file, cases.size(), declared, tally);
      if (cases.size() != declared) {
        throw new AssertionError(file + " declares " + declared + " tests but holds " + cases.size());
      }
    }));
    return tests.stream();
  }
}
