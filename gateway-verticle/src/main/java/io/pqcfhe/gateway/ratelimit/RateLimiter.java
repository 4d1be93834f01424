package io.pqcfhe.gateway.ratelimit;

import io.pqcfhe.protocol.RateBucket;
import io.vertx.core.Future;

/**
 * Limits per client id (§7), shared by all connections of that id. Asynchronous so that a limiter shared
 * between gateways (a cluster-wide store) fits behind the same interface as the in-memory one.
 */
public interface RateLimiter {

  /**
   * Counts one attempt by {@code clientId} in {@code bucket} (refused attempts count too) and decides.
   * {@code remoteAddress} matters only for adaptive tightening.
   */
  Future<RateDecision> acquire(String clientId, String remoteAddress, RateBucket bucket);

  /**
   * An authentication failure (bad token at upgrade, wrong confirm hash, tag failure): enough of them
   * within the adaptive window halve the limits of that client id and of that address.
   */
  void recordFailure(String clientId, String remoteAddress);
}
