package io.pqcfhe.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandSpecTest {
  private static final CommandSpec SPEC = new CommandSpec("x", "test", List.of(
      Flag.of("--port", "PORT", "port"), Flag.repeatable("--set", "KEY=VALUE", "setting")));

  @Test
  void valuesFollowTheFlagOrAnEqualsSign() {
    CommandSpec.Arguments args = SPEC.parse(List.of("--port", "1", "--set=a=b", "--set", "c=d"));
    assertEquals(Optional.of("1"), args.value("--port"));
    assertEquals(List.of("a=b", "c=d"), args.values("--set"));
    assertEquals(Optional.empty(), SPEC.parse(List.of()).value("--port"));
    assertTrue(SPEC.parse(List.of("--port", "1", "-h")).helpRequested());
  }

  @Test
  void aSwitchTakesNoValueUnlessGivenWithAnEqualsSign() {
    CommandSpec spec = new CommandSpec("x", "test", List.of(Flag.toggle("--cluster", "join"),
        Flag.of("--port", "PORT", "port")));
    CommandSpec.Arguments args = spec.parse(List.of("--cluster", "--port", "1"));
    assertEquals(Optional.of("true"), args.value("--cluster"));
    assertEquals(Optional.of("1"), args.value("--port"));
    assertEquals(Optional.of("false"), spec.parse(List.of("--cluster=false")).value("--cluster"));
    assertTrue(spec.usage("p").contains("  --cluster  "), spec.usage("p"));
  }

  @Test
  void anythingElseIsAUsageError() {
    assertEquals("unknown option --pot", message("--pot", "1"));
    assertEquals("unexpected argument extra", message("extra"));
    assertEquals("--port needs a value (PORT)", message("--port"));
    assertEquals("--port given twice", message("--port", "1", "--port", "2"));
  }

  @Test
  void usageListsEveryFlag() {
    String usage = SPEC.usage("pqc-fhe");
    assertTrue(usage.startsWith("Usage: pqc-fhe x [options]\n"), usage);
    assertTrue(usage.contains("--set KEY=VALUE") && usage.contains("(repeatable)") && usage.contains("--help"), usage);
  }

  private static String message(String... args) {
    return assertThrows(UsageException.class, () -> SPEC.parse(List.of(args))).getMessage();
  }
}
