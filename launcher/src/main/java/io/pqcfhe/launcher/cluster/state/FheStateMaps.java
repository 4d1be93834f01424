package io.pqcfhe.launcher.cluster.state;

import com.hazelcast.core.HazelcastInstance;
import io.pqcfhe.fhe.store.shared.SharedState;
import java.util.List;

/**
 * The Hazelcast maps holding the FHE state of a cluster: every FHE worker reads and writes them, so that a
 * session's contexts and ciphertexts outlive the worker that made them. Their configuration (at least one
 * synchronous backup, binary values, no eviction) is enforced by {@code HazelcastConfigs}.
 */
public final class FheStateMaps {
  public static final String SESSIONS = "pqcfhe.fhe.sessions";
  public static final String CONTEXTS = "pqcfhe.fhe.contexts";
  public static final String CIPHERTEXTS = "pqcfhe.fhe.ciphertexts";
  public static final String ANSWERS = "pqcfhe.fhe.answers";
  public static final List<String> NAMES = List.of(SESSIONS, CONTEXTS, CIPHERTEXTS, ANSWERS);

  private FheStateMaps() {}

  /** The four maps of this member's cluster. */
  public static SharedState open(HazelcastInstance hazelcast) {
    return new SharedState(
        new HazelcastSharedMap(hazelcast.getMap(SESSIONS)),
        new HazelcastSharedMap(hazelcast.getMap(CONTEXTS)),
        new HazelcastSharedMap(hazelcast.getMap(CIPHERTEXTS)),
        new HazelcastSharedMap(hazelcast.getMap(ANSWERS)));
  }
}
