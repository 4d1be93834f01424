package io.pqcfhe.client;

/**
 * The server's answer to a {@code secure.send}: whether the message reached anyone, and the client
 * sequence number it accepted.
 */
public record SecureDelivery(boolean delivered, long serverSequence) {}
