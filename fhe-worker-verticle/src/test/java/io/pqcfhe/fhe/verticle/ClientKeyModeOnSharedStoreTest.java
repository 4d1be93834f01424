package io.pqcfhe.fhe.verticle;

/** {@link ClientKeyModeTest} with the state in shared maps, served by two sets of workers in turn. */
class ClientKeyModeOnSharedStoreTest extends ClientKeyModeTest {
  @Override
  WorkerBus.Store store() {
    return WorkerBus.Store.SHARED;
  }
}
