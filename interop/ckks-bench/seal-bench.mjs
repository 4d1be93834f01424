// Times node-seal 6.0.3 (Microsoft SEAL 4.1.2 in WebAssembly) on the CKKS operations of the Java
// benchmarks, single thread, and prints one JSON object: {"n": N, "bits": [...], "ms": {op: ms/op}}.
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

function time(fn, cleanup = () => {}) {
  for (let i = 0; i < 3; i++) {
    cleanup(fn());
  }
  let count = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < budget || count < 5) {
    cleanup(fn());
    count++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  return elapsed / count;
}

const del = (o) => o?.delete?.();
const ms = {};
ms.keygen = time(() => {
  const kg = seal.KeyGenerator(context);
  const pk = kg.createPublicKey();
  pk.delete();
  return kg;
}, del);
ms.relin_keygen = time(() => keygen.createRelinKeys(), del);
ms.galois_keygen = time(() => keygen.createGaloisKeys(), del);
ms.encode = time(() => encoder.encode(values, scale, destPlain));
ms.encrypt = time(() => encryptor.encrypt(plain, dest));
ms.add = time(() => evaluator.add(a, b, dest));
ms.multiply = time(() => evaluator.multiply(a, b, dest));
ms.relinearize = time(() => evaluator.relinearize(product, relinKeys, dest));
ms.rescale = time(() => evaluator.rescaleToNext(relinearized, dest));
ms.multiply_plain = time(() => evaluator.multiplyPlain(a, plain, dest));
ms.rotate = time(() => evaluator.rotateVector(a, 1, galoisKeys, dest));
ms.decrypt = time(() => decryptor.decrypt(a, destPlain));
ms.decode = time(() => encoder.decode(plain));

console.log(JSON.stringify({ n, bits, ms }));
