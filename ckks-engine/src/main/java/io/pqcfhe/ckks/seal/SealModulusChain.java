package io.pqcfhe.ckks.seal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The levels of one CKKS parameter set as SEAL builds them: the key level holds all k primes; each
 * data level drops the last prime of the one above, from k−1 primes (the first data level) down to
 * one. With a single prime there is no key switching and the only level is both key and data level.
 * Immutable and thread-safe.
 */
public final class SealModulusChain implements KnownParameters {

  private final List<SealLevel> levels;
  private final Map<ParmsId, SealLevel> byId = new HashMap<>();

  private SealModulusChain(List<SealLevel> levels) {
    this.levels = levels;
    for (SealLevel level : levels) {
      byId.put(level.parmsId(), level);
    }
  }

  /**
   * The chain for degree {@code n} and the primes of the key level, in SEAL's order (special prime
   * last). The primes are taken as given: choosing and checking them is the engine's job.
   */
  public static SealModulusChain of(int n, long[] keyModuli) {
    if (n < 2 || Integer.bitCount(n) != 1) {
      throw new IllegalArgumentException("degree must be a power of two");
    }
    if (keyModuli.length == 0) {
      throw new IllegalArgumentException("no primes");
    }
    int k = keyModuli.length;
    SealLevel[] levels = new SealLevel[k == 1 ? 1 : k];
    for (int primes = k, index = k - 1; primes >= 1; primes--, index--) {
      long[] q = Arrays.copyOf(keyModuli, primes);
      levels[k - primes] = new SealLevel(ParmsId.ofCkks(n, q), n, q, index, primes == k);
    }
    return new SealModulusChain(List.of(levels));
  }

  @Override
  public Optional<SealLevel> level(ParmsId parmsId) {
    return Optional.ofNullable(byId.get(parmsId));
  }

  @Override
  public SealLevel keyLevel() {
    return levels.get(0);
  }

  @Override
  public SealLevel firstDataLevel() {
    return levels.size() == 1 ? levels.get(0) : levels.get(1);
  }

  /** All levels, key level first, down to chain index 0. */
  public List<SealLevel> levels() {
    return levels;
  }
}
