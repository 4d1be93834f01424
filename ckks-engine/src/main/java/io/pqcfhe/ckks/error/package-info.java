/**
 * Refusals of the CKKS engine. Each exception carries a stable reason code: {@code
 * level_exhausted}, {@code scale_overflow}, {@code scale_mismatch}, {@code missing_relin_keys},
 * {@code missing_galois_key}, {@code missing_public_key}. Invalid arguments (shapes, sizes,
 * parameter fields) are {@link java.lang.IllegalArgumentException}s naming the field.
 */
package io.pqcfhe.ckks.error;
