// Times node-seal 6.0.3 (Microsoft SEAL 4.1.2 in WebAssembly) on the CKKS operations of the Java
// benchmarks, single thread, and prints one JSON object:
//   {"n": N, "bits": [...], "ms": {op: mean ms/op}, "best": {op: min}, "median": {op: median}}
// The minimum is the figure least disturbed by other processes on a shared machine.
//
// Usage: node seal-bench.mjs <n> <bits,comma,separated> [minMillisPerOp]
//   e.g. node seal-bench.mjs 8192 60,40,40,60
// Each operation is warmed up, then repeated until at least minMillisPerOp (default 1500) ms have
// passed; the mean is reported.
import SEAL from 'node-seal';

const n = Number(process.argv[2] ?? 8192);
const bits = (process.argv[3] ?? '60,40,40,60').split(',').map(Number);
const budget = Number(process.argv[4] ?? 1500);
const scale = 2 ** 40;

const seal = await SEAL();
const parms = seal.EncryptionParameters(seal.SchemeType.ckks);
parms.setPolyModulusDegree(n);
parms.setCoeffModulus(seal.CoeffModulus.Create(n, Int32Array.from(bits)));
const context = seal.Context(parms, true, seal.SecurityLevel.tc128);
if (!context.parametersSet()) {
  throw new Error(`parameters not accepted: ${n} ${bits}`);
}
const encoder = seal.CKKSEncoder(context);
const evaluator = seal.Evaluator(context);
const keygen = seal.KeyGenerator(context);
const secretKey = keygen.secretKey();
const publicKey = keygen.createPublicKey();
const relinKeys = keygen.createRelinKeys();
const galoisKeys = keygen.createGaloisKeys();
const encryptor = seal.Encryptor(context, publicKey);
const decryptor = seal.Decryptor(context, secretKey);

const slots = encoder.slotCount;
const values = Float64Array.from({ length: slots }, () => Math.random() * 20 - 10);
const plain = encoder.encode(values, scale);
const a = encryptor.encrypt(plain);
const b = encryptor.encrypt(encoder.encode(values, scale));
const product = seal.CipherText();
evaluator.multiply(a, b, product);
const relinearized = seal.CipherText();
evaluator.relinearize(product, relinKeys, relinearized);
const dest = seal.CipherText();
const destPlain = seal.PlainText();

const best = {};
const median = {};

function time(fn, cleanup = () => {}) {
  for (let i = 0; i < 3; i++) {
    cleanup(fn());
  }
  const samples = [];
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < budget || samples.length < 5) {
    const t0 = process.hrtime.bigint();
    const result = fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    cleanup(result);
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  samples.sort((x, y) => x - y);
  return {
    mean: samples.reduce((x, y) => x + y, 0) / samples.length,
    best: samples[0],
    median: samples[Math.floor(samples.length / 2)],
  };
}

const del = (o) => o?.delete?.();
const ms = {};
const record = (op, r) => {
  ms[op] = r.mean;
  best[op] = r.best;
  median[op] = r.median;
};
record('keygen', time(() => {
  const kg = seal.KeyGenerator(context);
  const pk = kg.createPublicKey();
  pk.delete();
  return kg;
}, del));
record('relin_keygen', time(() => keygen.createRelinKeys(), del));
record('galois_keygen', time(() => keygen.createGaloisKeys(), del));
record('encode', time(() => encoder.encode(values, scale, destPlain)));
record('encrypt', time(() => encryptor.encrypt(plain, dest)));
record('add', time(() => evaluator.add(a, b, dest)));
record('multiply', time(() => evaluator.multiply(a, b, dest)));
record('relinearize', time(() => evaluator.relinearize(product, relinKeys, dest)));
record('rescale', time(() => evaluator.rescaleToNext(relinearized, dest)));
record('multiply_plain', time(() => evaluator.multiplyPlain(a, plain, dest)));
record('rotate', time(() => evaluator.rotateVector(a, 1, galoisKeys, dest)));
record('decrypt', time(() => decryptor.decrypt(a, destPlain)));
record('decode', time(() => encoder.decode(plain)));

console.log(JSON.stringify({ n, bits, ms, best, median }));
