package io.pqcfhe.fhe.verticle;

/** {@link RefusalsTest} with the state in shared maps, served by two sets of workers in turn. */
class RefusalsOnSharedStoreTest extends RefusalsTest {
  @Override
  WorkerBus.Store store() {
    return WorkerBus.Store.SHARED;
  }
}
