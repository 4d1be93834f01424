/**
 * The HomomorphicEncryption.org security table (SEAL's {@code hestdparms.h}) for 128/192/256 bits.
 */
package io.pqcfhe.ckks.security;
