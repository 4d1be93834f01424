package io.pqcfhe.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.crypto.bc.MlDsa65;
import io.pqcfhe.crypto.bc.MlKem;
import io.pqcfhe.crypto.bc.X25519;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Both sides of a whole handshake through the public API: same keys, one key per direction. */
class KeyScheduleRoundTripTest {
  private final SecureRandom random = new SecureRandom();

  @ParameterizedTest
  @EnumSource(MlKemParameterSet.class)
  void clientAndServerDeriveTheSameChannelKeys(MlKemParameterSet set) throws Exception {
    MlKemKeyPair client = MlKem.generateKeyPair(set, random);
    X25519KeyPair clientEphemeral = X25519.generateKeyPair(random);
    X25519KeyPair serverEphemeral = X25519.generateKeyPair(random);

    Encapsulation encapsulation = MlKem.encapsulate(set, client.encapsulationKey(), random);
    assertEquals(set.ciphertextBytes(), encapsulation.ciphertext().length);
    ChannelKeys server = ChannelKeys.derive(
        encapsulation.sharedSecret(), X25519.agree(serverEphemeral.privateKey(), clientEphemeral.publicKey()));
    ChannelKeys clientKeys = ChannelKeys.derive(
        MlKem.decapsulate(client, encapsulation.ciphertext()),
        X25519.agree(clientEphemeral.privateKey(), serverEphemeral.publicKey()));

    assertEquals(server.confirmHash(), clientKeys.confirmHash());
    assertTrue(server.matchesConfirmHash(clientKeys.confirmHash()));
    assertEquals(ChannelKeys.CONFIRM_HASH_CHARS, server.confirmHash().length());

    byte[] iv = new byte[AesGcm.IV_BYTES];
    random.nextBytes(iv);
    byte[] aad = ChannelAad.of("1.1", "chan-s", 7);
    byte[] message = "hello".getBytes(StandardCharsets.UTF_8);
    AesGcm.Sealed sealed = clientKeys.seal(ChannelDirection.CLIENT_TO_SERVER, iv, message, aad);
    assertArrayEquals(message,
        server.open(ChannelDirection.CLIENT_TO_SERVER, iv, sealed.ciphertext(), sealed.tag(), aad));
    // A message cannot be reflected: the other direction's key refuses it.
    assertThrows(AuthenticationFailedException.class,
        () -> clientKeys.open(ChannelDirection.SERVER_TO_CLIENT, iv, sealed.ciphertext(), sealed.tag(), aad));
  }

  @ParameterizedTest
  @EnumSource(MlKemParameterSet.class)
  void hybridAndPureKemGiveDifferentKeys(MlKemParameterSet set) throws Exception {
    MlKemKeyPair client = MlKem.generateKeyPair(set, random);
    Encapsulation encapsulation = MlKem.encapsulate(set, client.encapsulationKey(), random);
    SecretBytes classical = X25519.agree(
        X25519.generateKeyPair(random).privateKey(), X25519.generateKeyPair(random).publicKey());
    assertFalse(ChannelKeys.derive(encapsulation.sharedSecret(), null).confirmHash()
        .equals(ChannelKeys.derive(encapsulation.sharedSecret(), classical).confirmHash()));
  }

  @ParameterizedTest
  @EnumSource(MlKemParameterSet.class)
  void transcriptSignatureVerifies(MlKemParameterSet set) {
    MlDsa65.SigningKey key = MlDsa65.fromSeed(MlDsa65.newSeed(random));
    byte[] transcript = new HandshakeTranscript("s", "k", set, new byte[3], new byte[4], null, null).toBytes();
    byte[] signature = key.sign(transcript, random);
    assertTrue(MlDsa65.verify(key.publicKey(), transcript, signature));
    transcript[transcript.length - 1] ^= 1;
    assertFalse(MlDsa65.verify(key.publicKey(), transcript, signature));
  }
}
