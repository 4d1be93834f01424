package io.pqcfhe.client.fhe;

import java.util.Optional;

/**
 * A context as {@code fhe.setup} answered it, after the client checked that its {@code parms_id} is the one
 * of the parameters it asked for. Absent keys have an empty id.
 */
public record FheContextHandle(
    String contextId,
    KeyMode keyMode,
    FheParameters parameters,
    String parmsId,
    int slotCount,
    int maxDepth,
    Optional<String> publicKeyId,
    Optional<String> relinKeyId,
    Optional<String> galoisKeyId) {}
