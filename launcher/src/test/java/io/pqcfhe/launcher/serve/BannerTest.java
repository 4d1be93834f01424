package io.pqcfhe.launcher.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BannerTest {
  @Test
  void urlsNameAHostClientsCanReach() {
    assertEquals("wss://localhost:8443/ws/v1/secure", Banner.webSocketUrl("0.0.0.0", 8443));
    assertEquals("wss://localhost:8443/ws/v1/secure", Banner.webSocketUrl("::", 8443));
    assertEquals("wss://[::1]:9443/ws/v1/secure", Banner.webSocketUrl("::1", 9443));
    assertEquals("wss://gw.bank.example:443/ws/v1/secure", Banner.webSocketUrl("gw.bank.example", 443));
  }

  @Test
  void productionSettingsPrintNoDevModeAndNoToken() {
    String text = Banner.text("0.0.0.0", 8443, "ab".repeat(32), "/var/lib/pqc-fhe", List.of("pqc", "gateway"),
        List.of(), List.of(), Optional.empty());
    assertTrue(text.contains("fingerprint " + "ab".repeat(32)), text);
    assertTrue(text.contains("Deployed:     pqc, gateway"), text);
    assertFalse(text.contains("DEV MODE"), text);
    assertFalse(text.contains("TOKEN="), text);
  }

  @Test
  void devModeSaysWhichDefaultsAndHowToConnect() {
    String text = Banner.text("0.0.0.0", 8443, "ab".repeat(32), "/d", List.of("gateway"), List.of("fhe (absent)"),
        List.of("self-signed certificate (/d/c.pem)", "generated JWT secret (/d/s)"), Optional.of("t.o.k"));
    assertTrue(text.contains("DEV MODE: self-signed certificate (/d/c.pem), generated JWT secret (/d/s).\n"), text);
    assertTrue(text.contains("Not deployed: fhe (absent)"), text);
    assertTrue(text.contains("  TOKEN=t.o.k\n"), text);
    assertTrue(text.contains("websocat -k -H \"Authorization: Bearer $TOKEN\" -H \"X-Client-ID: demo-client\" "
        + "wss://localhost:8443/ws/v1/secure"), text);
  }

  @Test
  void aWorkerSaysWhichStateKeySealsTheSecretKeysItKeepsInTheCluster() {
    assertEquals("  State key:    operator key (cluster.state_key_file), seals FHE secret keys kept in the cluster\n",
        Banner.stateKeyLine(false));
    assertTrue(Banner.stateKeyLine(true).contains("DEV key of the data folder (cluster-state-dev.key; worker nodes "
        + "must share it; not for production)"), Banner.stateKeyLine(true));
  }
}
