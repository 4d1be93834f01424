package io.pqcfhe.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  record Run(int code, String out, String err) {}

  private static Run run(Map<String, String> environment, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(List.of(args), environment, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void helpForTheProgramAndEachCommand() {
    Run help = run(Map.of(), "--help");
    assertEquals(0, help.code());
    assertTrue(help.out().contains("serve") && help.out().contains("token"), help.out());
    Run serveHelp = run(Map.of(), "serve", "--help");
    assertEquals(0, serveHelp.code());
    for (String option : List.of("--config", "--data-dir", "--host", "--port", "--tls-cert", "--tls-key", "--set")) {
      assertTrue(serveHelp.out().contains(option), option);
    }
    assertEquals(serveHelp.out(), run(Map.of(), "--port", "1", "--help").out(), "flags alone mean serve");
  }

  @Test
  void nettyBuffersArePooledUnlessTheOperatorChoseAnAllocator() {
    String before = System.getProperty(Main.NETTY_ALLOCATOR);
    try {
      System.clearProperty(Main.NETTY_ALLOCATOR);
      Main.preferPooledBuffers();
      assertEquals("pooled", System.getProperty(Main.NETTY_ALLOCATOR));
      System.setProperty(Main.NETTY_ALLOCATOR, "adaptive");
      Main.preferPooledBuffers();
      assertEquals("adaptive", System.getProperty(Main.NETTY_ALLOCATOR));
    } finally {
      if (before == null) {
        System.clearProperty(Main.NETTY_ALLOCATOR);
      } else {
        System.setProperty(Main.NETTY_ALLOCATOR, before);
      }
    }
  }

  @Test
  void unknownCommandsAndOptionsAreUsageErrors() {
    Run command = run(Map.of(), "launch");
    assertEquals(2, command.code());
    assertEquals("pqc-fhe launch: unknown command launch\nTry 'pqc-fhe launch --help'.\n", command.err());
    Run option = run(Map.of(), "serve", "--prot", "1");
    assertEquals(2, option.code());
    assertEquals("pqc-fhe serve: unknown option --prot", option.err().lines().findFirst().orElseThrow());
  }

  @Test
  void anInvalidSettingStopsTheStartWithOneLine(@TempDir Path dir) {
    Run run = run(Map.of("PQCFHE_DATA_DIR", dir.toString(), "PQCFHE_TLS_CERT", "/x.pem", "PQCFHE_TLS_KEY", "/y.pem"),
        "serve");
    assertEquals(2, run.code());
    assertEquals("pqc-fhe: invalid setting tls.certificate: file not found: /x.pem\n", run.err());
    assertEquals("", run.out());

    Run onCommandLine = run(Map.of("PQCFHE_DATA_DIR", dir.toString()), "--set", "rate_limits.pqc=0");
    assertEquals(2, onCommandLine.code());
    assertEquals("pqc-fhe: invalid setting rate_limits.pqc: must be positive, not 0\n", onCommandLine.err());
  }

  @Test
  void aWorkerWhoseStateKeyFileOthersCanReadStopsBeforeJoiningTheCluster(@TempDir Path dir) throws Exception {
    Path key = dir.resolve("state.key");
    Files.writeString(key, Base64.getEncoder().encodeToString(new byte[32]));
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    Run run = run(Map.of("PQCFHE_DATA_DIR", dir.resolve("data").toString(), "PQCFHE_CLUSTER_STATE_KEY_FILE",
        key.toString()), "serve", "--roles", "fhe-worker", "--cluster");
    assertEquals(2, run.code());
    assertEquals("pqc-fhe: invalid setting cluster.state_key_file: " + key
        + " is accessible to other users (rw-r--r--); chmod 600 it\n", run.err());
    assertEquals("", run.out());
  }
}
