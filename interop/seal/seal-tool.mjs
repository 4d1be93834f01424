// node-seal (Microsoft SEAL 4.1.2 compiled to WebAssembly) as an independent reference for the Java
// SEAL codec and CKKS engine tests.
//
// Protocol: one request per stdin line, one answer per stdout line.
//   request: <op> key=value key=value ...
//   answer:  ok key=value ...   |   err <message>
// Values never contain spaces: SEAL objects are base64 (as node-seal saves them), number lists are
// comma-separated. Every request names its parameters with n=<degree> bits=<b1,b2,...>; contexts are
// cached per parameter set. Compression is compr=none|zlib|zstd (default none).
//
// Operations
//   params                      -> moduli, keyParmsId, firstParmsId (hex as SEAL stores the 4 words),
//                                  parms (the EncryptionParameters save)
//   keygen [steps=1,-1,...]     -> secretKey, publicKey, publicKeySeeded, relinKeys, relinKeysSeeded,
//                                  galoisKeys, galoisKeysSeeded (Galois keys only when steps= is given;
//                                  steps=default makes SEAL's default set)
//   encrypt values= scale= (publicKey= | secretKey= [seeded=true])  -> ciphertext
//   resave type=ciphertext|publicKey|secretKey|relinKeys|galoisKeys data=   -> data (loaded by SEAL,
//                                  which validates it, and saved again un-seeded with compr)
//   decrypt secretKey= ciphertext= count=   -> values, scale, level (chain index)
//   evaluate what=add|sub|multiply|multiply_raw|square|rotate|negate|rescale a= [b=] [relinKeys=]
//            [galoisKeys=] [steps=]  -> ciphertext (multiply and square relinearize and rescale;
//                                  multiply_raw does neither: a size-3 ciphertext)
import SEAL from 'node-seal';
import readline from 'node:readline';

const seal = await SEAL();
const contexts = new Map();

// SEAL objects live in WebAssembly memory until deleted: everything a request creates is registered
// here and deleted once the answer is written (contexts are cached and kept).
let live = [];
const keep = (o) => {
  live.push(o);
  return o;
};

function context(args) {
  const n = Number(args.n);
  const bits = args.bits.split(',').map(Number);
  const key = `${n}:${bits.join(',')}`;
  let ctx = contexts.get(key);
  if (!ctx) {
    const parms = seal.EncryptionParameters(seal.SchemeType.ckks);
    parms.setPolyModulusDegree(n);
    parms.setCoeffModulus(seal.CoeffModulus.Create(n, Int32Array.from(bits)));
    const c = seal.Context(parms, true, seal.SecurityLevel.tc128);
    if (!c.parametersSet()) {
      throw new Error(`parameters not accepted: ${key}`);
    }
    ctx = { seal: c, parms, encoder: seal.CKKSEncoder(c), evaluator: seal.Evaluator(c) };
    contexts.set(key, ctx);
  }
  return ctx;
}

function compr(args) {
  const mode = args.compr ?? 'none';
  const value = seal.ComprModeType[mode];
  if (value === undefined) {
    throw new Error(`unknown compression ${mode}`);
  }
  return value;
}

function hex(parmsId) {
  return Array.from(parmsId.values, (w) => {
    const bytes = [];
    for (let i = 0n; i < 8n; i++) {
      bytes.push(Number((w >> (8n * i)) & 0xffn).toString(16).padStart(2, '0'));
    }
    return bytes.join('');
  }).join('');
}

function load(kind, ctx, b64) {
  const obj = {
    ciphertext: () => seal.CipherText(),
    publicKey: () => seal.PublicKey(),
    secretKey: () => seal.SecretKey(),
    relinKeys: () => seal.RelinKeys(),
    galoisKeys: () => seal.GaloisKeys(),
  }[kind];
  if (!obj) {
    throw new Error(`unknown type ${kind}`);
  }
  const o = keep(obj());
  o.load(ctx.seal, b64);
  return o;
}

function steps(args) {
  return Int32Array.from(args.steps.split(',').map(Number));
}

const ops = {
  params(args) {
    const ctx = context(args);
    const moduli = Array.from(ctx.parms.coeffModulus, (m) => m.toString());
    return {
      moduli: moduli.join(','),
      keyParmsId: hex(ctx.seal.keyParmsId),
      firstParmsId: hex(ctx.seal.firstParmsId),
      parms: ctx.parms.save(compr(args)),
    };
  },

  keygen(args) {
    const ctx = context(args);
    const mode = compr(args);
    const kg = keep(seal.KeyGenerator(ctx.seal));
    const out = {
      secretKey: keep(kg.secretKey()).save(mode),
      publicKey: keep(kg.createPublicKey()).save(mode),
      publicKeySeeded: keep(kg.createPublicKeySerializable()).save(mode),
      relinKeys: keep(kg.createRelinKeys()).save(mode),
      relinKeysSeeded: keep(kg.createRelinKeysSerializable()).save(mode),
    };
    if (args.steps === 'default') {
      out.galoisKeys = keep(kg.createGaloisKeys()).save(mode);
      out.galoisKeysSeeded = keep(kg.createGaloisKeysSerializable()).save(mode);
    } else if (args.steps) {
      out.galoisKeys = keep(kg.createGaloisKeys(steps(args))).save(mode);
      out.galoisKeysSeeded = keep(kg.createGaloisKeysSerializable(steps(args))).save(mode);
    }
    return out;
  },

  encrypt(args) {
    const ctx = context(args);
    const values = Float64Array.from(args.values.split(',').map(Number));
    const plain = keep(seal.PlainText());
    ctx.encoder.encode(values, Number(args.scale), plain);
    let result;
    if (args.publicKey) {
      const enc = keep(seal.Encryptor(ctx.seal, load('publicKey', ctx, args.publicKey)));
      result = keep(enc.encrypt(plain));
    } else {
      const sk = load('secretKey', ctx, args.secretKey);
      const kg = keep(seal.KeyGenerator(ctx.seal, sk));
      const enc = keep(seal.Encryptor(ctx.seal, keep(kg.createPublicKey()), sk));
      result = keep(args.seeded === 'true' ? enc.encryptSymmetricSerializable(plain) : enc.encryptSymmetric(plain));
    }
    return { ciphertext: result.save(compr(args)) };
  },

  resave(args) {
    const ctx = context(args);
    return { data: load(args.type, ctx, args.data).save(compr(args)) };
  },

  decrypt(args) {
    const ctx = context(args);
    const ct = load('ciphertext', ctx, args.ciphertext);
    const dec = keep(seal.Decryptor(ctx.seal, load('secretKey', ctx, args.secretKey)));
    const plain = keep(seal.PlainText());
    dec.decrypt(ct, plain);
    const values = Array.from(ctx.encoder.decode(plain)).slice(0, Number(args.count ?? 8));
    const level = keep(ctx.seal.getContextData(keep(ct.parmsId))).chainIndex;
    return { values: values.join(','), scale: ct.scale, level };
  },

  evaluate(args) {
    const ctx = context(args);
    const ev = ctx.evaluator;
    const a = load('ciphertext', ctx, args.a);
    const b = args.b ? load('ciphertext', ctx, args.b) : null;
    let r;
    switch (args.what) {
      case 'add': r = keep(ev.add(a, b)); break;
      case 'sub': r = keep(ev.sub(a, b)); break;
      case 'negate': r = keep(ev.negate(a)); break;
      case 'rescale': r = keep(ev.rescaleToNext(a)); break;
      case 'multiply':
      case 'square': {
        const prod = keep(args.what === 'multiply' ? ev.multiply(a, b) : ev.square(a));
        r = keep(ev.rescaleToNext(keep(ev.relinearize(prod, load('relinKeys', ctx, args.relinKeys)))));
        break;
      }
      case 'multiply_raw': r = keep(ev.multiply(a, b)); break; // size 3, neither relinearized nor rescaled
      case 'rotate':
        r = keep(ev.rotateVector(a, Number(args.steps), load('galoisKeys', ctx, args.galoisKeys)));
        break;
      default:
        throw new Error(`unknown evaluation ${args.what}`);
    }
    return { ciphertext: r.save(compr(args)) };
  },
};

function parse(line) {
  const [op, ...pairs] = line.trim().split(' ');
  const args = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    args[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return { op, args };
}

function answer(fields) {
  return ['ok', ...Object.entries(fields).map(([k, v]) => `${k}=${v}`)].join(' ');
}

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of rl) {
  if (!line.trim()) {
    continue;
  }
  let out;
  try {
    const { op, args } = parse(line);
    if (!ops[op]) {
      throw new Error(`unknown op ${op}`);
    }
    out = answer(ops[op](args));
  } catch (e) {
    // SEAL's wasm build throws numeric pointers for C++ exceptions; translate them when possible.
    const message = typeof e === 'number' ? seal.Exception.safe(e).message : String(e?.message ?? e);
    out = `err ${message.replace(/\s+/g, ' ')}`;
  }
  for (const o of live) {
    try {
      o.delete();
    } catch {
      // already released by SEAL
    }
  }
  live = [];
  process.stdout.write(out + '\n');
}
