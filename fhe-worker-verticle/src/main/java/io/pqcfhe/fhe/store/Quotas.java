package io.pqcfhe.fhe.store;

/**
 * Per-session limits on what the FHE service holds (PROTOCOL §6): past them, {@code RATE_LIMIT_EXCEEDED}
 * with {@code details.reason} {@code quota}.
 *
 * @param maxContexts contexts alive at once
 * @param maxCiphertexts ciphertexts stored at once (all contexts of the session)
 * @param maxBytes memory of keys and ciphertexts together
 */
public record Quotas(int maxContexts, int maxCiphertexts, long maxBytes) {

  /**
   * 4 contexts, 1024 ciphertexts, 2 GiB: room for the default key set of N = 16384 (about 230 MiB) several
   * times over, and for a thousand fresh ciphertexts of N = 8192 (384 KiB each).
   */
  public static final Quotas DEFAULT = new Quotas(4, 1024, 2L << 30);

  public Quotas {
    if (maxContexts < 1 || maxCiphertexts < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("quotas must be positive");
    }
  }

  /**
   * Refuses ({@code RATE_LIMIT_EXCEEDED}, reason {@code quota}) when a session holding {@code contexts},
   * {@code ciphertexts} and {@code bytes} could not take the given more.
   */
  public void requireRoom(int contexts, int ciphertexts, long bytes, int moreContexts, int moreCiphertexts, long moreBytes) {
    if (contexts + moreContexts > maxContexts) {
      throw StoreErrors.quota("contexts", maxContexts);
    }
    if (ciphertexts + moreCiphertexts > maxCiphertexts) {
      throw StoreErrors.quota("ciphertexts", maxCiphertexts);
    }
    if (moreBytes > maxBytes - bytes) {
      throw StoreErrors.quota("bytes", maxBytes);
    }
  }
}
