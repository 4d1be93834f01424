package io.pqcfhe.fhe.verticle;

/** {@link ServerKeyModeTest} with the state in shared maps, served by two sets of workers in turn. */
class ServerKeyModeOnSharedStoreTest extends ServerKeyModeTest {
  @Override
  WorkerBus.Store store() {
    return WorkerBus.Store.SHARED;
  }
}
