package io.pqcfhe.fhe.verticle;

/** {@link PrecisionHonestyTest} with the state in shared maps, served by two sets of workers in turn. */
class PrecisionHonestyOnSharedStoreTest extends PrecisionHonestyTest {
  @Override
  WorkerBus.Store store() {
    return WorkerBus.Store.SHARED;
  }
}
