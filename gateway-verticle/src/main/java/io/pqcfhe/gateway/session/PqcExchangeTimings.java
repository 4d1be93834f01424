package io.pqcfhe.gateway.session;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Start times of a session's key exchanges awaiting their confirm, so that the exchange duration metric
 * covers {@code pqc.initiate} through {@code pqc.confirm}. At most a few per session: older ones fall out.
 */
public final class PqcExchangeTimings {
  private static final int MAX_PENDING = 8;

  private final Map<String, Started> pending =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Started> eldest) {
          return size() > MAX_PENDING;
        }
      };

  public void started(String keyId, String algorithm, long startNanos) {
    pending.put(keyId, new Started(algorithm, startNanos));
  }

  public Optional<Started> confirmed(String keyId) {
    return Optional.ofNullable(pending.remove(keyId));
  }

  public record Started(String algorithm, long startNanos) {}
}
