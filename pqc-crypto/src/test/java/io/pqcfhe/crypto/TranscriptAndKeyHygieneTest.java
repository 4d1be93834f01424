package io.pqcfhe.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TranscriptAndKeyHygieneTest {

  @Test
  void transcriptIsTheDomainThenLengthPrefixedFieldsInContractOrder() {
    byte[] transcript = new HandshakeTranscript("sess", "kid", MlKemParameterSet.ML_KEM_512,
        new byte[] {1, 2}, new byte[] {3}, new byte[] {4, 5, 6}, new byte[] {7}).toBytes();
    String expected = HexFormat.of().formatHex("PQC-FHE-WS/1 handshake".getBytes(StandardCharsets.US_ASCII))
        + "00000004" + HexFormat.of().formatHex("sess".getBytes(StandardCharsets.US_ASCII))
        + "00000003" + HexFormat.of().formatHex("kid".getBytes(StandardCharsets.US_ASCII))
        + "0000000a" + HexFormat.of().formatHex("ML-KEM-512".getBytes(StandardCharsets.US_ASCII))
        + "00000002" + "0102"
        + "00000001" + "03"
        + "00000003" + "040506"
        + "00000001" + "07";
    assertEquals(expected, HexFormat.of().formatHex(transcript));
    assertEquals(22, HandshakeTranscript.DOMAIN.length());
  }

  @Test
  void nonHybridTranscriptCarriesEmptyEphemeralFields() {
    byte[] transcript = new HandshakeTranscript("s", "k", MlKemParameterSet.ML_KEM_768,
        new byte[0], new byte[0], null, null).toBytes();
    String hex = HexFormat.of().formatHex(transcript);
    assertTrue(hex.endsWith("00000000" + "00000000" + "00000000" + "00000000"));
  }

  @Test
  void aadFollowsTheProtocolVersion() {
    assertArrayEquals(new byte[0], ChannelAad.of("1.0", "chan-x", 5));
    assertArrayEquals("chan-x:9007199254740991".getBytes(StandardCharsets.US_ASCII),
        ChannelAad.of("1.1", "chan-x", 9007199254740991L));
    assertThrows(IllegalArgumentException.class, () -> ChannelAad.of("2.0", "chan-x", 1));
  }

  @Test
  void destroyedSecretIsZeroAndRefusesUse() {
    byte[] raw = {9, 8, 7, 6};
    SecretBytes secret = SecretBytes.wrap(raw);
    secret.destroy();
    assertArrayEquals(new byte[4], raw);
    assertTrue(secret.isDestroyed());
    assertThrows(IllegalStateException.class, secret::revealCopy);
    assertFalse(secret.toString().contains("9"));
  }

  @Test
  void destroyedChannelKeysRefuseToSealAndKeepNoKeyBytes() {
    byte[] kemSecret = new byte[32];
    kemSecret[0] = 1;
    ChannelKeys keys = ChannelKeys.derive(SecretBytes.copyOf(kemSecret), null);
    String hash = keys.confirmHash();
    assertTrue(hash.matches("[0-9a-f]{32}"));
    assertFalse(keys.matchesConfirmHash(hash.toUpperCase()));
    assertFalse(keys.matchesConfirmHash(hash.substring(1)));
    keys.destroy();
    assertTrue(keys.isDestroyed());
    assertThrows(IllegalStateException.class,
        () -> keys.seal(ChannelDirection.SERVER_TO_CLIENT, new byte[12], new byte[1], null));
    assertThrows(IllegalStateException.class, keys::confirmHash);
  }

  @Test
  void aBoundKeyRefusesToEncryptTwiceWithTheSameIv() {
    ChannelKeys keys = ChannelKeys.derive(SecretBytes.copyOf(new byte[32]), null);
    byte[] iv = new byte[12];
    keys.seal(ChannelDirection.SERVER_TO_CLIENT, iv, new byte[] {1}, null);
    assertThrows(IllegalStateException.class,
        () -> keys.seal(ChannelDirection.SERVER_TO_CLIENT, iv, new byte[] {2}, null));
    iv[0] = 1;
    keys.seal(ChannelDirection.SERVER_TO_CLIENT, iv, new byte[] {2}, null);
  }

  @Test
  void channelKeysMatchAnIndependentHkdfComputation() throws Exception {
    // RFC 5869 with the JDK's HMAC: PRK = HMAC(zeros48, IKM); OKM = HMAC(PRK, info || 0x01)[0..32].
    byte[] ikm = new byte[64];
    for (int i = 0; i < ikm.length; i++) {
      ikm[i] = (byte) i;
    }
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA384");
    mac.init(new javax.crypto.spec.SecretKeySpec(new byte[48], "HmacSHA384"));
    byte[] prk = mac.doFinal(ikm);
    mac.init(new javax.crypto.spec.SecretKeySpec(prk, "HmacSHA384"));
    mac.update("channel-key".getBytes(StandardCharsets.US_ASCII));
    mac.update((byte) 1);
    byte[] channelKey = java.util.Arrays.copyOf(mac.doFinal(), 32);
    byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(java.util.Arrays.copyOf(channelKey, 16));
    String expectedHash = HexFormat.of().formatHex(digest, 0, 16);

    ChannelKeys keys = ChannelKeys.derive(
        SecretBytes.copyOf(java.util.Arrays.copyOf(ikm, 32)),
        SecretBytes.copyOf(java.util.Arrays.copyOfRange(ikm, 32, 64)));
    assertEquals(expectedHash, keys.confirmHash());
  }
}
