/**
 * CKKS parameters as SEAL 4.1 builds them: {@link io.pqcfhe.ckks.params.CoeffModulus} chooses the
 * primes exactly as {@code CoeffModulus::Create}; {@link io.pqcfhe.ckks.params.CkksParameters}
 * validates degree, primes, scale and the HE-standard bound once and is immutable. Levels are SEAL
 * chain indices. Depends only on {@code security}: the lowest layer with it.
 */
package io.pqcfhe.ckks.params;
