package io.pqcfhe.protocol;

import io.vertx.core.eventbus.EventBus;

/** Registers the codecs of the protocol's event-bus records, once per Vert.x instance. */
public final class ProtocolCodecs {
  private ProtocolCodecs() {}

  public static void register(EventBus eventBus) {
    eventBus.registerDefaultCodec(ActionRequest.class, new ActionRequest.Codec());
    eventBus.registerDefaultCodec(ActionReply.class, new ActionReply.Codec());
    eventBus.registerDefaultCodec(ClientEvent.class, new ClientEvent.Codec());
    eventBus.registerDefaultCodec(SessionInfo.class, new SessionInfoCodec());
  }

  private static final class SessionInfoCodec extends JsonRecordCodec<SessionInfo> {
    SessionInfoCodec() {
      super("pqcfhe.SessionInfo", SessionInfo::toJson, SessionInfo::fromJson);
    }
  }
}
