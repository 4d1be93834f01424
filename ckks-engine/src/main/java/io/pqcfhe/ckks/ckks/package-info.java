/**
 * The CKKS scheme: {@link io.pqcfhe.ckks.ckks.CkksContext} (parameters plus precomputed tables,
 * built once and shared), {@link io.pqcfhe.ckks.ckks.CkksEncoder} (SEAL's slot order) and {@link
 * io.pqcfhe.ckks.ckks.CkksEvaluator} (homomorphic operations with automatic level and scale
 * alignment), and {@link io.pqcfhe.ckks.ckks.PrecisionStats} for reporting precision in bits.
 */
package io.pqcfhe.ckks.ckks;
