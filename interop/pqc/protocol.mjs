// The client side of PROTOCOL.md §4–5, written from the contract with independent implementations:
// @noble/post-quantum (ML-KEM, ML-DSA-65), @noble/curves (X25519) and node:crypto (HKDF-SHA384, SHA-256,
// AES-256-GCM). Shared by vectors.mjs (offline checks) and handshake.mjs (against a running server).
import { createCipheriv, createDecipheriv, createHash, hkdfSync } from 'node:crypto';
import { ml_kem512, ml_kem768, ml_kem1024 } from '@noble/post-quantum/ml-kem.js';
import { ml_dsa65 } from '@noble/post-quantum/ml-dsa.js';
import { x25519 } from '@noble/curves/ed25519.js';

export const KEMS = { 'ML-KEM-512': ml_kem512, 'ML-KEM-768': ml_kem768, 'ML-KEM-1024': ml_kem1024 };
export { ml_dsa65, x25519 };

export const b64 = (bytes) => Buffer.from(bytes).toString('base64');
// Servers may answer in either base64 alphabet; Buffer accepts both, padded or not.
export const unb64 = (text) => new Uint8Array(Buffer.from(text, 'base64'));

const DOMAIN = Buffer.from('PQC-FHE-WS/1 handshake', 'ascii');

/** §4 transcript: the domain, then each field as a 4-byte big-endian length and its bytes. */
export function transcript({ sessionId, keyId, algorithm, clientPublicKey, ciphertext, clientEphemeral, serverEphemeral }) {
  const fields = [
    Buffer.from(sessionId, 'utf8'),
    Buffer.from(keyId, 'utf8'),
    Buffer.from(algorithm, 'utf8'),
    Buffer.from(clientPublicKey),
    Buffer.from(ciphertext),
    Buffer.from(clientEphemeral ?? []),
    Buffer.from(serverEphemeral ?? []),
  ];
  const parts = [DOMAIN];
  for (const f of fields) {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(f.length);
    parts.push(len, f);
  }
  return new Uint8Array(Buffer.concat(parts));
}

/** §4 key schedule: IKM = ML-KEM secret ‖ X25519 secret (hybrid); HKDF-SHA384, salt absent, 32 bytes. */
export function channelKeys(kemSecret, x25519Secret) {
  const ikm = Buffer.concat([Buffer.from(kemSecret), Buffer.from(x25519Secret ?? [])]);
  // An empty salt is HashLen zero bytes (RFC 5869 §2.2), i.e. "salt absent".
  const derive = (info) => Buffer.from(hkdfSync('sha384', ikm, Buffer.alloc(0), Buffer.from(info, 'ascii'), 32));
  const clientToServer = derive('channel-key');
  const serverToClient = derive('channel-key-server');
  const confirmHash = createHash('sha256').update(clientToServer.subarray(0, 16)).digest().subarray(0, 16).toString('hex');
  return { clientToServer, serverToClient, confirmHash };
}

/** §5 AAD: empty in 1.0; ASCII channel_id:sequence_number in 1.1. */
export function aad(version, channelId, sequence) {
  return version === '1.1' ? Buffer.from(`${channelId}:${sequence}`, 'ascii') : Buffer.alloc(0);
}

export function seal(key, iv, plaintext, additional) {
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  cipher.setAAD(additional);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ciphertext, tag: cipher.getAuthTag() };
}

export function open(key, iv, ciphertext, tag, additional) {
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  decipher.setAAD(additional);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}
