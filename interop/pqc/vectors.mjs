// Offline interop check, driven by a Java test: reads a JSON task from stdin, answers JSON on stdout.
// Input (all binary values base64):
//   { kem: [{ algorithm, seed, encapsulationKey, ciphertext }],   // Java encapsulated to keygen(seed)
//     signature: { publicKey, sessionId, keyId, algorithm, clientPublicKey, ciphertext,
//                  clientEphemeral, serverEphemeral, signature },  // Java signed this transcript
//     x25519: { privateA, publicB },
//     channel: { kemSecret, x25519Secret, version, channelId, sequence, iv, plaintext } }
// Output: what noble / node:crypto computed from the same inputs, plus noble-made material for Java to
// check the other way round.
import { randomBytes } from 'node:crypto';
import { KEMS, ml_dsa65, x25519, b64, unb64, transcript, channelKeys, aad, seal } from './protocol.mjs';

const input = JSON.parse(await new Promise((resolve) => {
  let text = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => { text += chunk; });
  process.stdin.on('end', () => resolve(text));
}));

const kem = input.kem.map(({ algorithm, seed, encapsulationKey, ciphertext }) => {
  const impl = KEMS[algorithm];
  const { publicKey, secretKey } = impl.keygen(unb64(seed));
  const javaSecret = impl.decapsulate(unb64(ciphertext), secretKey);
  // The other way: noble encapsulates to the key Java derived from the same seed.
  const { cipherText, sharedSecret } = impl.encapsulate(unb64(encapsulationKey));
  return {
    algorithm,
    encapsulationKey: b64(publicKey),
    decapsulatedSecret: b64(javaSecret),
    nobleCiphertext: b64(cipherText),
    nobleSecret: b64(sharedSecret),
  };
});

const s = input.signature;
const message = transcript({
  sessionId: s.sessionId, keyId: s.keyId, algorithm: s.algorithm,
  clientPublicKey: unb64(s.clientPublicKey), ciphertext: unb64(s.ciphertext),
  clientEphemeral: unb64(s.clientEphemeral), serverEphemeral: unb64(s.serverEphemeral),
});
const signatureValid = ml_dsa65.verify(unb64(s.signature), message, unb64(s.publicKey));
const tampered = new Uint8Array(message);
tampered[tampered.length - 1] ^= 1;
const tamperedValid = ml_dsa65.verify(unb64(s.signature), tampered, unb64(s.publicKey));
const nobleSigner = ml_dsa65.keygen(randomBytes(32));
const nobleSignature = ml_dsa65.sign(message, nobleSigner.secretKey);

const x = input.x25519;
const x25519Shared = x25519.getSharedSecret(unb64(x.privateA), unb64(x.publicB));

const c = input.channel;
const keys = channelKeys(unb64(c.kemSecret), c.x25519Secret ? unb64(c.x25519Secret) : null);
const sealed = seal(keys.clientToServer, unb64(c.iv), unb64(c.plaintext), aad(c.version, c.channelId, c.sequence));
const sealedByServerKey = seal(keys.serverToClient, unb64(c.iv), unb64(c.plaintext), aad(c.version, c.channelId, c.sequence));

process.stdout.write(JSON.stringify({
  kem,
  signature: {
    transcript: b64(message), valid: signatureValid, tamperedValid,
    noblePublicKey: b64(nobleSigner.publicKey), nobleSignature: b64(nobleSignature),
  },
  x25519: { shared: b64(x25519Shared) },
  channel: {
    confirmHash: keys.confirmHash,
    clientToServer: { ciphertext: b64(sealed.ciphertext), tag: b64(sealed.tag) },
    serverToClient: { ciphertext: b64(sealedByServerKey.ciphertext), tag: b64(sealedByServerKey.tag) },
  },
}));
