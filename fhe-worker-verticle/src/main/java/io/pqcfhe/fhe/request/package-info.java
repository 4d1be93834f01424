/**
 * Validation of the payloads of the {@code fhe.*} actions into typed immutable records ({@link
 * io.pqcfhe.fhe.request.FheRequests#parse}). Refusals are {@link io.pqcfhe.protocol.ProtocolException}s
 * whose details name the field by its JSON path and give a stable reason word (docs/fhe-expressions.md).
 * Checks that need a context (the slot count) are separate {@code requireFitsSlots} methods.
 */
package io.pqcfhe.fhe.request;
