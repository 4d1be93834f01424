package io.pqcfhe.pqc.channel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.crypto.ChannelDirection;
import io.pqcfhe.crypto.ChannelKeys;
import io.pqcfhe.crypto.SecretBytes;
import io.pqcfhe.pqc.PqcSettings;
import io.pqcfhe.protocol.Permission;
import io.pqcfhe.protocol.SessionInfo;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The channel's key holders wipe their keys on replacement and on close; no Vert.x needed. */
class KeyHolderZeroizationTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private final SessionInfo session =
      new SessionInfo("s1", "c1", "default", EnumSet.allOf(Permission.class), "1.0");

  private static ChannelKeys keys(byte fill) {
    byte[] secret = new byte[32];
    Arrays.fill(secret, fill);
    return ChannelKeys.derive(SecretBytes.wrap(secret), null);
  }

  @Test
  void anEpochWipesItsKeys() {
    ChannelKeys keys = keys((byte) 1);
    KeyEpoch epoch = new KeyEpoch("k1", keys, NOW);
    epoch.destroy();
    assertTrue(keys.isDestroyed());
    assertThrows(IllegalStateException.class,
        () -> keys.seal(ChannelDirection.SERVER_TO_CLIENT, new byte[12], new byte[1], null));
  }

  @Test
  void replacingKeysWipesTheOldOnesAndClosingWipesTheCurrent() {
    ChannelKeys first = keys((byte) 1);
    ChannelKeys second = keys((byte) 2);
    SecureChannel channel = new SecureChannel(session, new KeyEpoch("k1", first, NOW), PqcSettings.defaults(),
        new SecureRandom());
    channel.replaceKeys(new KeyEpoch("k2", second, NOW));
    assertTrue(first.isDestroyed());
    assertFalse(second.isDestroyed());
    assertTrue(channel.seal(new byte[] {1}, null, NOW).isPresent());
    channel.close();
    assertTrue(second.isDestroyed());
    assertTrue(channel.seal(new byte[] {1}, null, NOW).isEmpty(), "a closed channel seals nothing");
  }

  @Test
  void derivationLeavesNoInputSecretBehindInTheCallersHands() {
    byte[] kem = new byte[32];
    Arrays.fill(kem, (byte) 7);
    SecretBytes kemSecret = SecretBytes.wrap(kem);
    ChannelKeys keys = ChannelKeys.derive(kemSecret, null);
    kemSecret.destroy();
    assertTrue(Arrays.equals(new byte[32], kem));
    assertFalse(keys.isDestroyed(), "the derived keys are independent of the wiped input");
  }
}
