package io.pqcfhe.gateway.connection;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway's concurrent connection budget (§1: beyond it, upgrades get 503). A slot is reserved before
 * the upgrade and released when the WebSocket ends or the upgrade fails.
 */
public final class ConnectionSlots {
  private final int max;
  private final AtomicInteger used = new AtomicInteger();

  public ConnectionSlots(int max) {
    this.max = max;
  }

  public boolean tryReserve() {
    while (true) {
      int current = used.get();
      if (current >= max) {
        return false;
      }
      if (used.compareAndSet(current, current + 1)) {
        return true;
      }
    }
  }

  public void release() {
    used.decrementAndGet();
  }
}
