package io.pqcfhe.ckks.seal;

import java.util.Optional;

/**
 * The parameters SEAL bytes are loaded against: what the loading side knows, so an object's
 * parms_id can be resolved to its level before anything is allocated for it. {@link
 * SealModulusChain} is the implementation for one CKKS parameter set.
 */
public interface KnownParameters {

  /** The level with this parms_id, or empty when it belongs to no level of these parameters. */
  Optional<SealLevel> level(ParmsId parmsId);

  /** The key level: all primes, where secret, public and key-switching keys live. */
  SealLevel keyLevel();

  /**
   * The first data level: where fresh ciphertexts live; key-switching keys have one digit per prime
   * of it.
   */
  SealLevel firstDataLevel();
}
