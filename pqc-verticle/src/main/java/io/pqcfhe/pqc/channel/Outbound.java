package io.pqcfhe.pqc.channel;

import io.pqcfhe.protocol.Addresses;
import io.pqcfhe.protocol.ClientEvent;

/** An event for another session than the requester's, to send to that session's outbound address. */
public record Outbound(String sessionId, ClientEvent event) {
  public String address() {
    return Addresses.sessionOutbound(sessionId);
  }
}
