package io.pqcfhe.client.fhe;

/** A ciphertext stored on the server: its id and what the server reported about it. */
public record FheCiphertext(String ciphertextId, int level, double scale, long sizeBytes) {}
