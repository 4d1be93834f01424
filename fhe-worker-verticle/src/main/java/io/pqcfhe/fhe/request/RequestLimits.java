package io.pqcfhe.fhe.request;

import io.pqcfhe.fhe.expression.ExpressionLimits;
import java.util.Objects;

/**
 * Bounds applied while validating payloads, before anything is allocated for them.
 *
 * @param maxSealObjectBytes the largest decoded SEAL object (ciphertext or key) accepted
 * @param expressionLimits the bounds of {@code polynomial} expressions
 */
public record RequestLimits(int maxSealObjectBytes, ExpressionLimits expressionLimits) {

  /** The most slots any supported context has (N = 32768). */
  public static final int MAX_SLOTS = 16384;

  /** Variables of a {@code polynomial}, ids in {@code operands} or {@code ciphertext_ids}. */
  public static final int MAX_IDS = 1024;

  /** 48 MiB: what a 64 MiB message can carry in base64. */
  public static final RequestLimits DEFAULT = new RequestLimits(48 << 20, ExpressionLimits.DEFAULT);

  public RequestLimits {
    Objects.requireNonNull(expressionLimits, "expressionLimits");
    if (maxSealObjectBytes < 1) {
      throw new IllegalArgumentException("maxSealObjectBytes must be positive");
    }
  }
}
