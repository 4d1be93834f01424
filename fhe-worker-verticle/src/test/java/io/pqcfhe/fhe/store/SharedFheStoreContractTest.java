package io.pqcfhe.fhe.store;

import io.pqcfhe.fhe.request.RequestLimits;
import io.pqcfhe.fhe.store.shared.LocalSharedMap;
import io.pqcfhe.fhe.store.shared.SharedFheStore;
import java.security.SecureRandom;

/** {@link InMemoryFheStoreTest}'s promises, kept by the shared store (one worker over its maps). */
class SharedFheStoreContractTest extends InMemoryFheStoreTest {
  @Override
  FheStore newStore(Quotas quotas) {
    SecureRandom random = new SecureRandom();
    byte[] stateKey = new byte[32];
    random.nextBytes(stateKey);
    return SharedFheStore.open(
        LocalSharedMap.state(),
        stateKey,
        quotas,
        RequestLimits.DEFAULT.maxSealObjectBytes(),
        new SharedFheStore.CacheBudget(1L << 30, 1L << 28),
        random);
  }
}
