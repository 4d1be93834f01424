// End-to-end check of the PQC handshake and the secure channel against a running server.
//
//   node interop/pqc/handshake.mjs <wss-url> <jwt> <client-id> [protocol-version]
//
// e.g. node interop/pqc/handshake.mjs wss://localhost:8443/ws/v1/secure "$TOKEN" demo-client 1.1
// For every ML-KEM size, without and with the X25519 hybrid: pqc.initiate, verification of the ML-DSA-65
// signature over the transcript (with the key pinned from session.created), decapsulation, pqc.confirm,
// then a secure.send echo round trip; finally an inner request through the channel. The server's
// certificate is not verified (self-signed in development): the channel's authenticity rests on the
// pinned ML-DSA key, which is checked.
// With the default pqc rate limit (5 per minute) the sixth handshake waits for the window (about a
// minute); raise rate_limits.pqc on a test server to go faster.
// Prints one JSON document; exits 1 on any failure.
import { createHash, randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { KEMS, ml_dsa65, x25519, b64, unb64, transcript, channelKeys, aad, seal, open } from './protocol.mjs';

const [url, token, clientId, version = '1.0'] = process.argv.slice(2);
if (!url || !token || !clientId) {
  console.error('usage: node handshake.mjs <wss-url> <jwt> <client-id> [1.0|1.1]');
  process.exit(2);
}

const TIMEOUT_MS = 15000;

class Connection {
  constructor(ws) {
    this.ws = ws;
    this.pending = new Map();
    this.events = [];
    this.waiters = [];
    this.nextId = 1;
    ws.on('message', (data) => this.#onFrame(JSON.parse(data.toString('utf8'))));
  }

  #onFrame(frame) {
    if (frame.type === 'event') {
      const i = this.waiters.findIndex((w) => w.name === frame.event);
      if (i >= 0) this.waiters.splice(i, 1)[0].resolve(frame);
      else this.events.push(frame);
      return;
    }
    const waiter = this.pending.get(frame.id);
    if (waiter) {
      this.pending.delete(frame.id);
      waiter(frame);
    }
  }

  request(action, payload) {
    const id = `e2e-${this.nextId++}`;
    return withTimeout(new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.ws.send(JSON.stringify({ type: 'request', id, action, timestamp: new Date().toISOString(), payload }));
    }), `${action} response`);
  }

  event(name) {
    const i = this.events.findIndex((e) => e.event === name);
    if (i >= 0) return Promise.resolve(this.events.splice(i, 1)[0]);
    return withTimeout(new Promise((resolve) => this.waiters.push({ name, resolve })), `${name} event`);
  }
}

function withTimeout(promise, what) {
  return Promise.race([promise, new Promise((_, reject) =>
    setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), TIMEOUT_MS))]);
}

function expectSuccess(frame, action) {
  if (frame.type !== 'response' || frame.status !== 'success') {
    throw new Error(`${action} failed: ${frame.code} ${JSON.stringify(frame.details)}`);
  }
  return frame.payload;
}

async function connect() {
  const ws = new WebSocket(url, {
    headers: { Authorization: `Bearer ${token}`, 'X-Client-ID': clientId, 'X-Protocol-Version': version },
    rejectUnauthorized: false,
  });
  const connection = new Connection(ws);
  await withTimeout(new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
    ws.once('unexpected-response', (_, res) => reject(new Error(`upgrade refused: HTTP ${res.statusCode}`)));
  }), 'connection');
  return connection;
}

// The contract's default limit is 5 pqc.initiate per minute and client id, and this script runs six
// handshakes: when refused, wait as long as the server says and try again.
async function initiateWithinRateLimit(conn, payload, state) {
  for (let attempt = 0; ; attempt++) {
    const frame = await conn.request('pqc.initiate', payload);
    if (frame.code !== 'RATE_LIMIT_EXCEEDED' || attempt >= 3) return frame;
    const waitMs = Math.min((frame.details?.retry_after_ms ?? 1000) + 100, 65000);
    state.rateLimitWaitMs += waitMs;
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}

/**
 * An inner request through the channel (§5 delivery 2): pqc.* is refused inside the channel, so the
 * sealed answer must be INVALID_REQUEST action_not_allowed_in_channel — whatever else the server runs.
 */
async function innerRequest(conn, state) {
  const sequence = ++state.clientSequence;
  const inner = { type: 'request', id: 'inner-1', action: 'pqc.initiate', payload: {} };
  const iv = randomBytes(12);
  const sealed = seal(state.keys.clientToServer, iv, Buffer.from(JSON.stringify(inner), 'utf8'),
    aad(version, state.channelId, sequence));
  const sent = expectSuccess(await conn.request('secure.send', {
    channel_id: state.channelId, encrypted_data: b64(sealed.ciphertext), iv: b64(iv), tag: b64(sealed.tag),
    sequence_number: sequence,
  }), 'secure.send');
  if (sent.delivered !== true) throw new Error(`secure.send answered ${JSON.stringify(sent)}`);
  const message = (await conn.event('secure.message')).data;
  if (message.sequence_number !== state.serverSequence + 1) throw new Error(`server sequence ${message.sequence_number}`);
  state.serverSequence = message.sequence_number;
  const answer = JSON.parse(open(state.keys.serverToClient, unb64(message.iv), unb64(message.encrypted_data),
    unb64(message.tag), aad(version, state.channelId, message.sequence_number)).toString('utf8'));
  if (answer.id !== 'inner-1' || answer.code !== 'INVALID_REQUEST' || answer.details?.reason !== 'action_not_allowed_in_channel') {
    throw new Error(`unexpected inner answer ${JSON.stringify(answer)}`);
  }
  return { check: 'inner_request_refused_in_channel', ok: true };
}

async function handshake(conn, session, algorithm, hybrid, state) {
  const started = process.hrtime.bigint();
  const waitedBefore = state.rateLimitWaitMs;
  const kem = KEMS[algorithm].keygen(randomBytes(64));
  const ephemeral = hybrid ? x25519.keygen() : null;
  const payload = { algorithm, client_public_key: b64(kem.publicKey) };
  if (hybrid) Object.assign(payload, { hybrid_mode: true, classical_algorithm: 'X25519', client_ephemeral_public: b64(ephemeral.publicKey) });
  const answer = expectSuccess(await initiateWithinRateLimit(conn, payload, state), 'pqc.initiate');
  if (answer.algorithm !== algorithm) throw new Error(`server answered ${answer.algorithm}`);
  const ciphertext = unb64(answer.ciphertext);
  const serverEphemeral = answer.server_ephemeral_public ? unb64(answer.server_ephemeral_public) : null;
  if (hybrid !== (serverEphemeral !== null)) throw new Error('server_ephemeral_public present iff hybrid');
  const message = transcript({
    sessionId: session.session_id, keyId: answer.key_id, algorithm, clientPublicKey: kem.publicKey, ciphertext,
    clientEphemeral: hybrid ? ephemeral.publicKey : null, serverEphemeral,
  });
  if (!ml_dsa65.verify(unb64(answer.signature), message, session.serverPublicKey)) {
    throw new Error('ML-DSA-65 signature over the transcript does not verify');
  }
  const kemSecret = KEMS[algorithm].decapsulate(ciphertext, kem.secretKey);
  const classical = hybrid ? x25519.getSharedSecret(ephemeral.secretKey, serverEphemeral) : null;
  const keys = channelKeys(kemSecret, classical);
  const confirm = expectSuccess(await conn.request('pqc.confirm', {
    key_id: answer.key_id, shared_key_hash: keys.confirmHash, ready_for_secure_channel: true,
  }), 'pqc.confirm');
  const expectedChannel = `chan-${session.session_id}`;
  if (confirm.channel_id !== expectedChannel || confirm.cipher_suite !== 'AES-256-GCM' || confirm.key_derivation !== 'HKDF-SHA384') {
    throw new Error(`unexpected confirm answer ${JSON.stringify(confirm)}`);
  }
  const established = await conn.event('pqc.established');
  if (established.data.key_id !== answer.key_id) throw new Error('pqc.established names another key_id');
  const handshakeMs = Number(process.hrtime.bigint() - started) / 1e6 - (state.rateLimitWaitMs - waitedBefore);

  // Secure echo under the new keys; sequence numbers go on across rekeys.
  const sequence = ++state.clientSequence;
  const plaintext = Buffer.from(JSON.stringify({ hello: 'secure channel', algorithm, hybrid }), 'utf8');
  const iv = randomBytes(12);
  const sealed = seal(keys.clientToServer, iv, plaintext, aad(version, expectedChannel, sequence));
  const sent = expectSuccess(await conn.request('secure.send', {
    channel_id: expectedChannel, encrypted_data: b64(sealed.ciphertext), iv: b64(iv), tag: b64(sealed.tag),
    sequence_number: sequence,
  }), 'secure.send');
  if (sent.delivered !== true || sent.server_sequence !== sequence) throw new Error(`secure.send answered ${JSON.stringify(sent)}`);
  const echo = (await conn.event('secure.message')).data;
  if (echo.sequence_number !== state.serverSequence + 1) throw new Error(`server sequence ${echo.sequence_number}`);
  state.serverSequence = echo.sequence_number;
  const opened = open(keys.serverToClient, unb64(echo.iv), unb64(echo.encrypted_data), unb64(echo.tag),
    aad(version, expectedChannel, echo.sequence_number));
  if (!opened.equals(plaintext)) throw new Error('echo differs from what was sent');
  state.keys = keys;
  state.channelId = expectedChannel;
  return { algorithm, hybrid, ok: true, key_id: answer.key_id, handshake_ms: Math.round(handshakeMs * 10) / 10 };
}

const results = [];
let failed = false;
let conn;
try {
  conn = await connect();
  const created = (await conn.event('session.created')).data;
  const serverPublicKey = unb64(created.server_public_key);
  const fingerprint = createHash('sha256').update(serverPublicKey).digest('hex');
  if (fingerprint !== created.server_key_fingerprint) throw new Error('server_key_fingerprint does not match server_public_key');
  const session = { ...created, serverPublicKey };
  const state = { clientSequence: 0, serverSequence: 0, rateLimitWaitMs: 0 };
  for (const hybrid of [false, true]) {
    for (const algorithm of Object.keys(KEMS)) {
      try {
        results.push(await handshake(conn, session, algorithm, hybrid, state));
      } catch (e) {
        failed = true;
        results.push({ algorithm, hybrid, ok: false, error: e.message });
      }
    }
  }
  if (state.keys) {
    try {
      results.push(await innerRequest(conn, state));
    } catch (e) {
      failed = true;
      results.push({ check: 'inner_request_refused_in_channel', ok: false, error: e.message });
    }
  }
  console.log(JSON.stringify({ url, client_id: clientId, protocol_version: version,
    session_id: created.session_id, server_key_fingerprint: fingerprint, ok: !failed,
    rate_limit_wait_ms: state.rateLimitWaitMs, results }, null, 2));
} catch (e) {
  failed = true;
  console.log(JSON.stringify({ url, client_id: clientId, ok: false, error: e.message, results }, null, 2));
} finally {
  conn?.ws.close(1000);
}
process.exit(failed ? 1 : 0);
