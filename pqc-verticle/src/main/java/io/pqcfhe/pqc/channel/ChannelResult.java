package io.pqcfhe.pqc.channel;

import io.pqcfhe.protocol.ActionReply;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * What handling a channel request produced, for the verticle to carry out in this order: the reply (with
 * the requester's own events), events for other sessions, and an inner request to hand to the
 * requester's gateway. A relay also carries its plaintext ({@code peerRelay}) for the recipient's sessions on
 * other gateway nodes of a cluster.
 */
public record ChannelResult(ActionReply reply, List<Outbound> outbound, Optional<JsonObject> innerRequest,
    Optional<PeerRelay> peerRelay) {

  public ChannelResult {
    outbound = List.copyOf(outbound);
  }

  public ChannelResult(ActionReply reply, List<Outbound> outbound, Optional<JsonObject> innerRequest) {
    this(reply, outbound, innerRequest, Optional.empty());
  }

  public static ChannelResult of(ActionReply reply) {
    return new ChannelResult(reply, List.of(), Optional.empty());
  }
}
