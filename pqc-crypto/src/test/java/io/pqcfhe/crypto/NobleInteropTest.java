package io.pqcfhe.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.pqcfhe.crypto.bc.MlDsa65;
import io.pqcfhe.crypto.bc.MlKem;
import io.pqcfhe.crypto.bc.X25519;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our handshake cryptography against independent implementations: interop/pqc/vectors.mjs, with
 * @noble/post-quantum, @noble/curves and node:crypto, decapsulates our ciphertexts (and encapsulates for
 * us to decapsulate), verifies our ML-DSA-65 signature over a transcript it builds itself from the
 * fields, agrees X25519, and derives the same channel keys and confirm hash.
 */
class NobleInteropTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static Path script;

  @BeforeAll
  static void findScript() {
    String root = System.getProperty("project.rootdir");
    if (root == null) {
      fail("system property project.rootdir is not set (surefire sets it from the root pom)");
    }
    Path interop = Path.of(root, "interop");
    if (!Files.isDirectory(interop.resolve("node_modules/@noble/post-quantum"))) {
      fail("interop/node_modules is missing: run `npm ci --prefix interop` in the repository root first");
    }
    script = interop.resolve("pqc/vectors.mjs");
  }

  @Test
  void nobleAndNodeAgreeWithOurHandshakeCryptography() throws Exception {
    JsonArray kemTasks = new JsonArray();
    MlKemKeyPair[] pairs = new MlKemKeyPair[MlKemParameterSet.values().length];
    Encapsulation[] ours = new Encapsulation[pairs.length];
    for (MlKemParameterSet set : MlKemParameterSet.values()) {
      MlKemKeyPair pair = MlKem.generateKeyPair(set, RANDOM);
      Encapsulation encapsulation = MlKem.encapsulate(set, pair.encapsulationKey(), RANDOM);
      pairs[set.ordinal()] = pair;
      ours[set.ordinal()] = encapsulation;
      kemTasks.add(new JsonObject()
          .put("algorithm", set.wireName())
          .put("seed", b64(pair.seed().revealCopy()))
          .put("encapsulationKey", b64(pair.encapsulationKey()))
          .put("ciphertext", b64(encapsulation.ciphertext())));
    }

    MlDsa65.SigningKey signer = MlDsa65.fromSeed(MlDsa65.newSeed(RANDOM));
    MlKemKeyPair client = pairs[MlKemParameterSet.ML_KEM_768.ordinal()];
    byte[] ciphertext = ours[MlKemParameterSet.ML_KEM_768.ordinal()].ciphertext();
    X25519KeyPair clientEphemeral = X25519.generateKeyPair(RANDOM);
    X25519KeyPair serverEphemeral = X25519.generateKeyPair(RANDOM);
    HandshakeTranscript transcript = new HandshakeTranscript("sess-ü-1", "kid-abc", MlKemParameterSet.ML_KEM_768,
        client.encapsulationKey(), ciphertext, clientEphemeral.publicKey(), serverEphemeral.publicKey());
    byte[] signature = signer.sign(transcript.toBytes(), RANDOM);

    SecretBytes kemSecret = ours[MlKemParameterSet.ML_KEM_768.ordinal()].sharedSecret();
    SecretBytes classical = X25519.agree(serverEphemeral.privateKey(), clientEphemeral.publicKey());
    byte[] iv = new byte[12];
    RANDOM.nextBytes(iv);
    byte[] plaintext = "{\"type\":\"request\",\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8);

    JsonObject input = new JsonObject()
        .put("kem", kemTasks)
        .put("signature", new JsonObject()
            .put("publicKey", b64(signer.publicKey()))
            .put("sessionId", transcript.sessionId())
            .put("keyId", transcript.keyId())
            .put("algorithm", transcript.algorithm().wireName())
            .put("clientPublicKey", b64(client.encapsulationKey()))
            .put("ciphertext", b64(ciphertext))
            .put("clientEphemeral", b64(clientEphemeral.publicKey()))
            .put("serverEphemeral", b64(serverEphemeral.publicKey()))
            .put("signature", b64(signature)))
        .put("x25519", new JsonObject()
            .put("privateA", b64(clientEphemeral.privateKey().revealCopy()))
            .put("publicB", b64(serverEphemeral.publicKey())))
        .put("channel", new JsonObject()
            .put("kemSecret", b64(kemSecret.revealCopy()))
            .put("x25519Secret", b64(classical.revealCopy()))
            .put("version", "1.1")
            .put("channelId", "chan-sess-1")
            .put("sequence", 42)
            .put("iv", b64(iv))
            .put("plaintext", b64(plaintext)));

    JsonObject output = runNode(input);

    for (MlKemParameterSet set : MlKemParameterSet.values()) {
      JsonObject result = output.getJsonArray("kem").getJsonObject(set.ordinal());
      assertEquals(set.wireName(), result.getString("algorithm"));
      assertArrayEquals(pairs[set.ordinal()].encapsulationKey(), unb64(result.getString("encapsulationKey")),
          set + ": same encapsulation key from the same seed");
      assertArrayEquals(ours[set.ordinal()].sharedSecret().revealCopy(), unb64(result.getString("decapsulatedSecret")),
          set + ": noble decapsulates our ciphertext to our secret");
      assertArrayEquals(unb64(result.getString("nobleSecret")),
          MlKem.decapsulate(pairs[set.ordinal()], unb64(result.getString("nobleCiphertext"))).revealCopy(),
          set + ": we decapsulate noble's ciphertext to noble's secret");
    }

    JsonObject sig = output.getJsonObject("signature");
    assertArrayEquals(transcript.toBytes(), unb64(sig.getString("transcript")), "same transcript bytes");
    assertTrue(sig.getBoolean("valid"), "noble verifies our ML-DSA-65 signature");
    assertFalse(sig.getBoolean("tamperedValid"), "and refuses it over a changed transcript");
    assertTrue(MlDsa65.verify(unb64(sig.getString("noblePublicKey")), transcript.toBytes(),
        unb64(sig.getString("nobleSignature"))), "we verify noble's signature");

    assertArrayEquals(classical.revealCopy(), unb64(output.getJsonObject("x25519").getString("shared")));

    ChannelKeys keys = ChannelKeys.derive(kemSecret, classical);
    JsonObject channel = output.getJsonObject("channel");
    assertEquals(keys.confirmHash(), channel.getString("confirmHash"));
    byte[] aad = ChannelAad.of("1.1", "chan-sess-1", 42);
    JsonObject c2s = channel.getJsonObject("clientToServer");
    assertArrayEquals(plaintext, keys.open(ChannelDirection.CLIENT_TO_SERVER, iv,
        unb64(c2s.getString("ciphertext")), unb64(c2s.getString("tag")), aad), "same channel key");
    JsonObject s2c = channel.getJsonObject("serverToClient");
    AesGcm.Sealed sealed = keys.seal(ChannelDirection.SERVER_TO_CLIENT, iv, plaintext, aad);
    assertArrayEquals(sealed.ciphertext(), unb64(s2c.getString("ciphertext")), "same server key");
    assertArrayEquals(sealed.tag(), unb64(s2c.getString("tag")));
  }

  private static JsonObject runNode(JsonObject input) throws Exception {
    Process node = new ProcessBuilder("node", script.toString())
        .directory(script.getParent().toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    try (var stdin = node.getOutputStream()) {
      stdin.write(input.encode().getBytes(StandardCharsets.UTF_8));
    }
    byte[] out = node.getInputStream().readAllBytes();
    if (!node.waitFor(60, TimeUnit.SECONDS)) {
      node.destroyForcibly();
      fail("node did not finish within 60 s");
    }
    assertEquals(0, node.exitValue(), "node exit status");
    return new JsonObject(new String(out, StandardCharsets.UTF_8));
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] unb64(String text) {
    return Base64.getDecoder().decode(text);
  }
}
