package io.pqcfhe.fhe.service;

import io.pqcfhe.ckks.error.CkksException;
import io.pqcfhe.ckks.error.LevelExhaustedException;
import io.pqcfhe.ckks.error.MissingGaloisKeyException;
import io.pqcfhe.ckks.error.MissingPublicKeyException;
import io.pqcfhe.ckks.error.MissingRelinKeysException;
import io.pqcfhe.ckks.error.ScaleMismatchException;
import io.pqcfhe.ckks.error.ScaleOverflowException;
import io.pqcfhe.ckks.seal.SealFormatException;
import io.pqcfhe.protocol.ErrorCode;
import io.pqcfhe.protocol.ProtocolError;
import io.pqcfhe.protocol.ProtocolException;

/**
 * The one place where failures of the engine and the SEAL codec become the contract's errors. Messages are
 * fixed texts chosen here: an exception's own message never reaches a client.
 */
public final class EngineErrors {
  private EngineErrors() {}

  /** The contract's error for any failure of an {@code fhe.*} action. */
  public static ProtocolError toProtocolError(Throwable failure) {
    if (failure instanceof ProtocolException e) {
      return e.error();
    }
    if (failure instanceof SealFormatException e) {
      return ProtocolError.withReason(
          ErrorCode.FHE_CONTEXT_ERROR,
          e.reason().code(),
          e.reason() == SealFormatException.Reason.PARMS_MISMATCH
              ? "the SEAL object was made for other encryption parameters"
              : "the bytes are not a valid SEAL 4.1 object of the expected kind");
    }
    if (failure instanceof CkksException e) {
      return engineRefusal(e);
    }
    return ProtocolError.of(ErrorCode.SERVER_ERROR, "the FHE service failed to complete the request");
  }

  private static ProtocolError engineRefusal(CkksException e) {
    if (e instanceof MissingPublicKeyException) {
      return missingPublicKey();
    }
    if (e instanceof MissingRelinKeysException) {
      return missingRelinKeys();
    }
    if (e instanceof MissingGaloisKeyException) {
      return missingGaloisKey();
    }
    if (e instanceof LevelExhaustedException) {
      return ProtocolError.withReason(
          ErrorCode.NOISE_BUDGET_EXHAUSTED, "insufficient_level", "the ciphertext has no level left for this operation");
    }
    if (e instanceof ScaleOverflowException) {
      return ProtocolError.withReason(
          ErrorCode.NOISE_BUDGET_EXHAUSTED, "scale_overflow", "the result's scale would overflow the modulus of its level");
    }
    if (e instanceof ScaleMismatchException) {
      return ProtocolError.withReason(
          ErrorCode.FHE_COMPUTATION_ERROR, "scale_mismatch", "the operands' scales cannot be aligned at the levels left");
    }
    return ProtocolError.withReason(ErrorCode.FHE_COMPUTATION_ERROR, "computation_refused", "the operation was refused");
  }

  static ProtocolError missingPublicKey() {
    return ProtocolError.withReason(
        ErrorCode.FHE_COMPUTATION_ERROR, "missing_public_key", "encryption needs the context's public key");
  }

  static ProtocolError missingRelinKeys() {
    return ProtocolError.withReason(
        ErrorCode.FHE_COMPUTATION_ERROR, "missing_relin_keys", "this operation needs relinearization keys");
  }

  static ProtocolError missingGaloisKey() {
    return ProtocolError.withReason(
        ErrorCode.FHE_COMPUTATION_ERROR, "missing_galois_key", "no Galois keys make up this rotation");
  }
}
