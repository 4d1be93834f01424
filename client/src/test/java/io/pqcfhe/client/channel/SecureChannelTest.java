package io.pqcfhe.client.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.client.PqcFheException;
import io.pqcfhe.client.PqcFheException.LocalCode;
import io.pqcfhe.crypto.AesGcm;
import io.pqcfhe.crypto.AuthenticationFailedException;
import io.pqcfhe.crypto.ChannelAad;
import io.pqcfhe.crypto.ChannelDirection;
import io.pqcfhe.crypto.ChannelKeys;
import io.pqcfhe.crypto.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The client's channel against the server's view of the same keys (derived from the same secret). */
class SecureChannelTest {
  private static final String CHANNEL = "chan-sess-1";
  private final SecureRandom random = new SecureRandom();

  /** Both sides' keys from one shared secret, as a handshake would leave them. */
  private record Pair(ChannelKeys client, ChannelKeys server) {}

  private Pair keys() {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    return new Pair(ChannelKeys.derive(SecretBytes.copyOf(secret), null), ChannelKeys.derive(SecretBytes.copyOf(secret), null));
  }

  /** What the server sends: sealed under the server key with its own sequence number. */
  private static SealedMessage fromServer(ChannelKeys server, String version, long sequence, String text) {
    byte[] iv = new byte[12];
    new SecureRandom().nextBytes(iv);
    AesGcm.Sealed s =
        server.seal(ChannelDirection.SERVER_TO_CLIENT, iv, text.getBytes(StandardCharsets.UTF_8), ChannelAad.of(version, CHANNEL, sequence));
    return new SealedMessage(s.ciphertext(), iv, s.tag(), sequence);
  }

  private static String serverOpens(ChannelKeys server, String version, SealedMessage m) throws AuthenticationFailedException {
    byte[] pt = server.open(ChannelDirection.CLIENT_TO_SERVER, m.iv(), m.ciphertext(), m.tag(), ChannelAad.of(version, CHANNEL, m.sequenceNumber()));
    return new String(pt, StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.0", "1.1"})
  void clientMessagesCarryIncreasingSequenceNumbersAndTheVersionsAad(String version) throws Exception {
    Pair k = keys();
    SecureChannel channel = new SecureChannel(CHANNEL, version, k.client(), random);
    SealedMessage first = channel.seal("one".getBytes(StandardCharsets.UTF_8));
    SealedMessage second = channel.seal("two".getBytes(StandardCharsets.UTF_8));
    assertEquals(1, first.sequenceNumber());
    assertEquals(2, second.sequenceNumber());
    assertEquals("one", serverOpens(k.server(), version, first));
    assertEquals("two", serverOpens(k.server(), version, second));
    assertThrows(
        AuthenticationFailedException.class,
        () -> k.server().open(ChannelDirection.SERVER_TO_CLIENT, first.iv(), first.ciphertext(), first.tag(), ChannelAad.of(version, CHANNEL, 1)),
        "a client message must not open under the server key: no reflection");
  }

  @Test
  void inVersion11TheAadBindsTheSequenceNumber() throws Exception {
    Pair k = keys();
    SecureChannel channel = new SecureChannel(CHANNEL, "1.1", k.client(), random);
    SealedMessage m = channel.seal("x".getBytes(StandardCharsets.UTF_8));
    SealedMessage renumbered = new SealedMessage(m.ciphertext(), m.iv(), m.tag(), 7);
    assertThrows(AuthenticationFailedException.class, () -> serverOpens(k.server(), "1.1", renumbered));
    assertThrows(AuthenticationFailedException.class, () -> serverOpens(k.server(), "1.0", m), "1.1 AAD is not empty");

    SealedMessage incoming = fromServer(k.server(), "1.1", 1, "hi");
    assertThrows(PqcFheException.class, () -> channel.open(CHANNEL, new SealedMessage(incoming.ciphertext(), incoming.iv(), incoming.tag(), 2)));
    assertEquals("hi", new String(channel.open(CHANNEL, incoming), StandardCharsets.UTF_8), "a refused message changed no state");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.0", "1.1"})
  void serverMessagesMustIncreaseAndNeverRepeat(String version) {
    Pair k = keys();
    SecureChannel channel = new SecureChannel(CHANNEL, version, k.client(), random);
    SealedMessage one = fromServer(k.server(), version, 1, "one");
    SealedMessage three = fromServer(k.server(), version, 3, "three");
    SealedMessage two = fromServer(k.server(), version, 2, "two");

    assertEquals("one", new String(channel.open(CHANNEL, one), StandardCharsets.UTF_8));
    assertEquals("three", new String(channel.open(CHANNEL, three), StandardCharsets.UTF_8), "gaps are fine");
    assertRefused("replay", () -> channel.open(CHANNEL, three));
    assertRefused("replay", () -> channel.open(CHANNEL, two));
    assertEquals(3, channel.lastReceivedSequence());
  }

  @Test
  void inVersion10AReplayUnderAHigherSequenceNumberIsCaughtByItsIv() {
    Pair k = keys();
    SecureChannel channel = new SecureChannel(CHANNEL, "1.0", k.client(), random);
    SealedMessage one = fromServer(k.server(), "1.0", 1, "pay 10");
    channel.open(CHANNEL, one);
    assertRefused("replay", () -> channel.open(CHANNEL, new SealedMessage(one.ciphertext(), one.iv(), one.tag(), 2)));
  }

  @Test
  void tamperedOrForeignMessagesAreRefused() {
    Pair k = keys();
    SecureChannel channel = new SecureChannel(CHANNEL, "1.1", k.client(), random);
    SealedMessage m = fromServer(k.server(), "1.1", 1, "hello");
    byte[] ct = m.ciphertext();
    ct[0] ^= 1;
    assertRefused("auth_failed", () -> channel.open(CHANNEL, new SealedMessage(ct, m.iv(), m.tag(), 1)));
    assertRefused("unknown_channel", () -> channel.open("chan-other", m));
    Pair stranger = keys();
    assertRefused("auth_failed", () -> channel.open(CHANNEL, fromServer(stranger.server(), "1.1", 1, "hello")));
    assertEquals(0, channel.lastReceivedSequence(), "refusals change no state");
    assertEquals("hello", new String(channel.open(CHANNEL, m), StandardCharsets.UTF_8));
  }

  @Test
  void rekeyKeepsSequenceNumbersAndAcceptsStragglersUntilTheNewKeyIsUsed() throws Exception {
    Pair old = keys();
    Pair fresh = keys();
    SecureChannel channel = new SecureChannel(CHANNEL, "1.1", old.client(), random);
    channel.seal(new byte[] {1});
    channel.open(CHANNEL, fromServer(old.server(), "1.1", 1, "a"));

    channel.beginRekey(fresh.client());
    assertEquals("b", text(channel.open(CHANNEL, fromServer(fresh.server(), "1.1", 2, "b"))), "server switched before our confirm answer");
    SealedMessage stillOld = channel.seal(new byte[] {2});
    assertEquals(2, stillOld.sequenceNumber());
    serverOpensBytes(old.server(), stillOld);

    channel.completeRekey();
    SealedMessage afterRekey = channel.seal(new byte[] {3});
    assertEquals(3, afterRekey.sequenceNumber(), "sequence numbers go on");
    serverOpensBytes(fresh.server(), afterRekey);
    assertThrows(AuthenticationFailedException.class, () -> serverOpensBytes(old.server(), afterRekey));

    assertEquals("c", text(channel.open(CHANNEL, fromServer(old.server(), "1.1", 3, "c"))), "a straggler under the old key");
    assertEquals("d", text(channel.open(CHANNEL, fromServer(fresh.server(), "1.1", 4, "d"))));
    assertRefused("auth_failed", () -> channel.open(CHANNEL, fromServer(old.server(), "1.1", 5, "e")));
    assertTrue(old.client().isDestroyed(), "old keys wiped once the server used the new ones");
  }

  @Test
  void anAbortedRekeyKeepsTheCurrentKeys() {
    Pair old = keys();
    Pair fresh = keys();
    SecureChannel channel = new SecureChannel(CHANNEL, "1.1", old.client(), random);
    channel.beginRekey(fresh.client());
    channel.abortRekey();
    assertTrue(fresh.client().isDestroyed());
    assertRefused("auth_failed", () -> channel.open(CHANNEL, fromServer(fresh.server(), "1.1", 1, "x")));
    assertEquals("y", text(channel.open(CHANNEL, fromServer(old.server(), "1.1", 1, "y"))));
  }

  @Test
  void destroyWipesTheKeysAndRefusesFurtherUse() {
    Pair k = keys();
    SecureChannel channel = new SecureChannel(CHANNEL, "1.1", k.client(), random);
    channel.destroy();
    assertTrue(k.client().isDestroyed());
    PqcFheException e = assertThrows(PqcFheException.class, () -> channel.seal(new byte[1]));
    assertTrue(e.is(LocalCode.CHANNEL_NOT_ESTABLISHED));
  }

  @Test
  void anUnknownProtocolVersionIsRefusedUpFront() {
    assertThrows(IllegalArgumentException.class, () -> new SecureChannel(CHANNEL, "2.0", keys().client(), random));
  }

  private static void serverOpensBytes(ChannelKeys server, SealedMessage m) throws AuthenticationFailedException {
    server.open(ChannelDirection.CLIENT_TO_SERVER, m.iv(), m.ciphertext(), m.tag(), ChannelAad.of("1.1", CHANNEL, m.sequenceNumber()));
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private static void assertRefused(String reason, org.junit.jupiter.api.function.Executable action) {
    PqcFheException e = assertThrows(PqcFheException.class, action);
    assertTrue(e.is(LocalCode.SERVER_NOT_TRUSTED), e.code());
    assertEquals(reason, e.reason().orElseThrow());
  }
}
