package io.pqcfhe.client.fhe;

import java.util.List;
import java.util.Optional;

/**
 * The answer of {@code fhe.compute}. {@code sealBytes} is present when the ciphertext was asked for; it
 * then loaded and validated against the context's parameters.
 */
public record ComputeResult(
    FheCiphertext result,
    List<String> operationsPerformed,
    int remainingDepth,
    int noiseBudget,
    double computationTimeMs,
    Optional<byte[]> sealBytes) {

  public ComputeResult {
    operationsPerformed = List.copyOf(operationsPerformed);
    sealBytes = sealBytes.map(byte[]::clone);
  }

  @Override
  public Optional<byte[]> sealBytes() {
    return sealBytes.map(byte[]::clone);
  }
}
