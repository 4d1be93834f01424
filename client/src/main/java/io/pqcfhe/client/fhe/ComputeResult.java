package io.pqcfhe.client.fhe;

import java.util.List;
import java.util.Optional;

/**
 * The answer of {@code fhe.compute}. {@code sealBytes} is present when the ciphertext was asked for; it
 * was then loaded and validated against the context's parameters.
 *
 * <p>A class rather than a record so that only {@link FheSession} makes one: it hands over the array it
 * has just decoded, which nothing else references, so the constructor need not copy hundreds of kilobytes
 * as a record's public constructor would have to. Callers get a copy of their own.
 */
public final class ComputeResult {
  private final FheCiphertext result;
  private final List<String> operationsPerformed;
  private final int remainingDepth;
  private final int noiseBudget;
  private final double computationTimeMs;
  private final byte[] sealBytes;

  /** Takes {@code sealBytes} (null when absent) as it is: the caller gives it up. */
  ComputeResult(
      FheCiphertext result,
      List<String> operationsPerformed,
      int remainingDepth,
      int noiseBudget,
      double computationTimeMs,
      byte[] sealBytes) {
    this.result = result;
    this.operationsPerformed = List.copyOf(operationsPerformed);
    this.remainingDepth = remainingDepth;
    this.noiseBudget = noiseBudget;
    this.computationTimeMs = computationTimeMs;
    this.sealBytes = sealBytes;
  }

  public FheCiphertext result() {
    return result;
  }

  public List<String> operationsPerformed() {
    return operationsPerformed;
  }

  public int remainingDepth() {
    return remainingDepth;
  }

  public int noiseBudget() {
    return noiseBudget;
  }

  public double computationTimeMs() {
    return computationTimeMs;
  }

  /** The result's SEAL bytes, a fresh copy on every call. */
  public Optional<byte[]> sealBytes() {
    return Optional.ofNullable(sealBytes).map(byte[]::clone);
  }

  @Override
  public String toString() {
    return "ComputeResult[" + result + ", operations " + operationsPerformed + ", remaining depth " + remainingDepth
        + ", noise budget " + noiseBudget + ", " + computationTimeMs + " ms"
        + (sealBytes == null ? "" : ", " + sealBytes.length + " SEAL bytes") + "]";
  }
}
