package io.pqcfhe.ckks.seal;

import io.pqcfhe.ckks.params.CkksParameters;
import io.pqcfhe.ckks.rlwe.Ciphertext;
import io.pqcfhe.ckks.rlwe.GaloisKeys;
import io.pqcfhe.ckks.rlwe.KeySwitchKey;
import io.pqcfhe.ckks.rlwe.PublicKey;
import io.pqcfhe.ckks.rlwe.RelinKeys;
import io.pqcfhe.ckks.rlwe.SecretKey;
import io.pqcfhe.ckks.rlwe.UniformSeed;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bridge between the engine's ciphertexts and keys and SEAL's wire records, for one parameter
 * set: conversions both ways, and save/load of engine objects as SEAL bytes.
 *
 * <p>Both sides already use SEAL's value order, so a conversion is a copy plus the parms_id of the
 * object's level. Saving writes the smallest form SEAL reads: seeded whenever the object still
 * knows the seed of its uniform polynomial (fresh keys, fresh symmetric ciphertexts), full
 * otherwise.
 *
 * <p>Immutable and thread-safe.
 */
public final class SealObjects {

  private final CkksParameters parameters;
  private final SealModulusChain chain;
  private final SealCodec codec;

  /**
   * @param maxObjectBytes the cap on one loaded object, see {@link SealCodec}
   */
  public SealObjects(CkksParameters parameters, long maxObjectBytes) {
    this.parameters = parameters;
    this.chain = SealModulusChain.of(parameters.degree(), parameters.primes());
    this.codec = new SealCodec(chain, maxObjectBytes);
  }

  /** SEAL's parms_id of the whole parameter set (the key level's), as the protocol reports it. */
  public ParmsId parmsId() {
    return chain.keyLevel().parmsId();
  }

  public SealModulusChain chain() {
    return chain;
  }

  public SealCodec codec() {
    return codec;
  }

  // ------------------------------------------------------------------------------ ciphertexts

  public SealCiphertext toSeal(Ciphertext ct) {
    return toSeal(ct, ct.copyData());
  }

  private SealCiphertext toSeal(Ciphertext ct, long[] data) {
    SealLevel level = levelOf(ct.level());
    UniformSeed seed = ct.seed();
    return new SealCiphertext(
        level.parmsId(),
        ct.degree(),
        level.primeCount(),
        ct.size(),
        ct.scale(),
        data,
        seed == null ? null : new SealSeed(seed.type(), seed.seed()));
  }

  public Ciphertext fromSeal(SealCiphertext ct) {
    SealLevel level = SealValidator.level(chain, ct.parmsId(), SealValidator.Role.CIPHERTEXT);
    return Ciphertext.of(
        level.polyModulusDegree(), ct.size(), level.chainIndex(), ct.scale(), ct.data());
  }

  /** Saved from the ciphertext's own values when its array holds exactly them: saving only reads them. */
  public byte[] save(Ciphertext ct, ComprMode mode) {
    long[] data = ct.data();
    return codec.save(toSeal(ct, data.length == ct.size() * (ct.level() + 1) * ct.degree() ? data : ct.copyData()), mode);
  }

  /**
   * The length of {@link #save(Ciphertext, ComprMode)}'s bytes. Uncompressed it follows from the
   * shape alone, with nothing copied or written; a compressed size is known only by compressing.
   */
  public long saveSize(Ciphertext ct, ComprMode mode) {
    if (mode != ComprMode.NONE) {
      return save(ct, mode).length;
    }
    return SealCodec.ciphertextSaveSize(
        ct.size(), levelOf(ct.level()).primeCount(), ct.degree(), ct.seed() != null);
  }

  public Ciphertext loadCiphertext(byte[] bytes) {
    return fromSeal(codec.loadCiphertext(bytes));
  }

  // ------------------------------------------------------------------------------ keys

  public SealCiphertext toSeal(PublicKey pk) {
    SealLevel key = chain.keyLevel();
    UniformSeed seed = pk.seed();
    return new SealCiphertext(
        key.parmsId(),
        pk.degree(),
        key.primeCount(),
        2,
        1.0,
        pk.data(),
        seed == null ? null : new SealSeed(seed.type(), seed.seed()));
  }

  public PublicKey publicKeyFromSeal(SealCiphertext pk) {
    SealValidator.level(chain, pk.parmsId(), SealValidator.Role.KEY);
    SealSeed seed = pk.seed();
    return new PublicKey(
        pk.polyModulusDegree(),
        pk.data().clone(),
        seed == null ? null : new UniformSeed(seed.type(), seed.seed()));
  }

  public byte[] save(PublicKey pk, ComprMode mode) {
    return codec.save(toSeal(pk), mode);
  }

  public PublicKey loadPublicKey(byte[] bytes) {
    return publicKeyFromSeal(codec.loadPublicKey(bytes));
  }

  /** The SEAL record of a secret key: a copy the caller must {@link SealSecretKey#wipe() wipe}. */
  public SealSecretKey toSeal(SecretKey sk) {
    SealLevel key = chain.keyLevel();
    return new SealSecretKey(key.parmsId(), sk.degree(), key.primeCount(), sk.copyValues());
  }

  /**
   * An engine secret key from a copy of the record's values (the record stays the caller's to
   * wipe).
   */
  public SecretKey secretKeyFromSeal(SealSecretKey sk) {
    SealValidator.level(chain, sk.parmsId(), SealValidator.Role.KEY);
    return new SecretKey(sk.polyModulusDegree(), sk.data().clone());
  }

  public byte[] save(SecretKey sk, ComprMode mode) {
    SealSecretKey record = toSeal(sk);
    try {
      return codec.save(record, mode);
    } finally {
      record.wipe();
    }
  }

  public SecretKey loadSecretKey(byte[] bytes) {
    SealSecretKey record = codec.loadSecretKey(bytes);
    try {
      return secretKeyFromSeal(record);
    } finally {
      record.wipe();
    }
  }

  public SealKeySwitchKeys toSeal(RelinKeys rk) {
    return new SealKeySwitchKeys(chain.keyLevel().parmsId(), List.of(toSeal(rk.key())));
  }

  public RelinKeys relinKeysFromSeal(SealKeySwitchKeys rk) {
    checkKeyLevel(rk);
    if (rk.keys().size() != 1 || rk.keys().get(0).isEmpty()) {
      throw SealFormatException.invalid("relinearization keys have exactly one entry");
    }
    return new RelinKeys(fromSeal(rk.keys().get(0)));
  }

  public byte[] save(RelinKeys rk, ComprMode mode) {
    return codec.save(toSeal(rk), mode);
  }

  public RelinKeys loadRelinKeys(byte[] bytes) {
    return relinKeysFromSeal(codec.loadRelinKeys(bytes));
  }

  /**
   * SEAL's layout: N entries, the key of Galois element g at entry (g − 1) / 2, the others empty.
   */
  public SealKeySwitchKeys toSeal(GaloisKeys gk) {
    int n = parameters.degree();
    List<List<SealCiphertext>> entries = new ArrayList<>(Collections.nCopies(n, List.of()));
    for (int g : gk.elements()) {
      entries.set(SealKeySwitchKeys.galoisIndex(g), toSeal(gk.get(g)));
    }
    return new SealKeySwitchKeys(chain.keyLevel().parmsId(), entries);
  }

  public GaloisKeys galoisKeysFromSeal(SealKeySwitchKeys gk) {
    checkKeyLevel(gk);
    Map<Integer, KeySwitchKey> keys = new LinkedHashMap<>();
    for (int i = 0; i < gk.keys().size(); i++) {
      if (!gk.keys().get(i).isEmpty()) {
        keys.put(SealKeySwitchKeys.galoisElement(i), fromSeal(gk.keys().get(i)));
      }
    }
    return new GaloisKeys(keys);
  }

  public byte[] save(GaloisKeys gk, ComprMode mode) {
    return codec.save(toSeal(gk), mode);
  }

  public GaloisKeys loadGaloisKeys(byte[] bytes) {
    return galoisKeysFromSeal(codec.loadGaloisKeys(bytes));
  }

  // ------------------------------------------------------------------------------ internals

  private List<SealCiphertext> toSeal(KeySwitchKey key) {
    return key.parts().stream().map(this::toSeal).toList();
  }

  private KeySwitchKey fromSeal(List<SealCiphertext> parts) {
    if (parts.size() != chain.firstDataLevel().primeCount()) {
      throw SealFormatException.invalid("key-switching entry must hold one key per data prime");
    }
    return new KeySwitchKey(parts.stream().map(this::publicKeyFromSeal).toList());
  }

  private void checkKeyLevel(SealKeySwitchKeys keys) {
    if (!keys.parmsId().equals(chain.keyLevel().parmsId())) {
      SealValidator.level(chain, keys.parmsId(), SealValidator.Role.KEY);
    }
  }

  /** The chain level of engine level ℓ (ℓ + 1 primes). */
  private SealLevel levelOf(int engineLevel) {
    List<SealLevel> levels = chain.levels();
    int index = levels.size() - 1 - engineLevel;
    if (engineLevel < 0 || index < 0) {
      throw new IllegalArgumentException("no level " + engineLevel + " in these parameters");
    }
    SealLevel level = levels.get(index);
    assert level.chainIndex() == engineLevel : Arrays.toString(level.moduli());
    return level;
  }
}
