package io.pqcfhe.fhe.verticle;

/** {@link ConcurrentSessionsTest} with the state in shared maps, served by two sets of workers in turn. */
class ConcurrentSessionsOnSharedStoreTest extends ConcurrentSessionsTest {
  @Override
  WorkerBus.Store store() {
    return WorkerBus.Store.SHARED;
  }
}
