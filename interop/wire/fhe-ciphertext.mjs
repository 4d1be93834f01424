// Checks, against a running server, that node's `ws` reads returned ciphertexts: the gateway writes an
// fhe.* response around the payload bytes the worker encoded (see docs/gateway.md, Dispatch).
//
//   node interop/wire/fhe-ciphertext.mjs <wss-url> <jwt> <client-id> [rounds]
//
// fhe.setup (N=8192 [60,40,40,60], 2^40, server keys), two fhe.encrypt, then `rounds` fhe.compute multiply
// with include_ciphertext; each answer must parse as JSON, carry the same fields as the contract, and its
// result_ciphertext must be standard base64 of size_bytes bytes starting with SEAL's magic 0xA15E.
// The server's certificate is not verified (self-signed in development). Prints one JSON document; exits 1
// on any failure.
import WebSocket from 'ws';

const [url, token, clientId, roundsArg = '3'] = process.argv.slice(2);
if (!url || !token || !clientId) {
  console.error('usage: node fhe-ciphertext.mjs <wss-url> <jwt> <client-id> [rounds]');
  process.exit(2);
}
const rounds = Number(roundsArg);
const TIMEOUT_MS = 60000;

const ws = new WebSocket(url, {
  rejectUnauthorized: false,
  headers: { Authorization: `Bearer ${token}`, 'X-Client-ID': clientId },
  maxPayload: 64 * 1024 * 1024,
});
const pending = new Map();
let created;
const ready = new Promise((resolve, reject) => {
  ws.on('message', (data, isBinary) => {
    if (isBinary) return reject(new Error('binary frame from the server'));
    const frame = JSON.parse(data.toString('utf8'));
    if (frame.type === 'event' && frame.event === 'session.created') {
      created = frame;
      resolve();
      return;
    }
    const waiter = pending.get(frame.id);
    if (waiter) {
      pending.delete(frame.id);
      waiter(frame);
    }
  });
  ws.on('error', reject);
});

let nextId = 1;
function request(action, payload) {
  const id = `wire-${nextId++}`;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${action}: no answer in ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    pending.set(id, (frame) => {
      clearTimeout(timer);
      if (frame.type !== 'response') reject(new Error(`${action}: ${frame.code} ${frame.message}`));
      else resolve(frame);
    });
    ws.send(JSON.stringify({ type: 'request', id, action, payload }));
  });
}

const STANDARD_BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

try {
  await ready;
  const setup = await request('fhe.setup', {
    scheme: 'CKKS', poly_modulus_degree: 8192, coeff_modulus_bits: [60, 40, 40, 60], scale: 2 ** 40,
    security_level: 128, rotations: [1],
  });
  const context_id = setup.payload.context_id;
  const a = await request('fhe.encrypt', { context_id, data: [1.5, 2, 3.5, 4], data_type: 'float_array', batch_encode: true, include_ciphertext: false });
  const b = await request('fhe.encrypt', { context_id, data: [0.5, 1, 1.5, 2], data_type: 'float_array', batch_encode: true, include_ciphertext: false });
  const answers = [];
  for (let i = 0; i < rounds; i++) {
    const r = await request('fhe.compute', {
      context_id, operation: 'multiply', operands: [a.payload.ciphertext_id, b.payload.ciphertext_id], parameters: {},
      include_ciphertext: true,
    });
    const keys = Object.keys(r).join(',');
    if (keys !== 'type,id,action,status,timestamp,payload') throw new Error(`envelope fields ${keys}`);
    const text = r.payload.result_ciphertext;
    if (typeof text !== 'string' || !STANDARD_BASE64.test(text)) throw new Error('result_ciphertext is not standard base64');
    const bytes = Buffer.from(text, 'base64');
    if (bytes.length !== r.payload.size_bytes) throw new Error(`${bytes.length} bytes, size_bytes says ${r.payload.size_bytes}`);
    if (bytes.readUInt16LE(0) !== 0xa15e) throw new Error('not a SEAL object (magic)');
    answers.push({ size_bytes: r.payload.size_bytes, level: r.payload.level, operations: r.payload.operations_performed });
  }
  console.log(JSON.stringify({ ok: true, session_id: created.data.session_id, answers }));
  ws.close();
} catch (e) {
  console.log(JSON.stringify({ ok: false, error: String(e.message ?? e) }));
  ws.terminate();
  process.exit(1);
}
