package io.pqcfhe.protocol;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;

/** Registers the codecs of the protocol's event-bus records, once per Vert.x instance. */
public final class ProtocolCodecs {
  private ProtocolCodecs() {}

  public static void register(EventBus eventBus) {
    eventBus.registerDefaultCodec(ActionRequest.class, new ActionRequest.Codec());
    eventBus.registerDefaultCodec(ActionReply.class, new ActionReply.Codec());
    eventBus.registerDefaultCodec(ClientEvent.class, new ClientEvent.Codec());
    eventBus.registerDefaultCodec(SessionInfo.class, new SessionInfoCodec());
  }

  /**
   * Registers the codecs this event bus does not have yet, so that every verticle needing them can call it
   * whatever the deployment order (and whether or not the launcher registered them first).
   */
  public static synchronized void ensureRegistered(EventBus eventBus) {
    registerIfAbsent(eventBus, ActionRequest.class, new ActionRequest.Codec());
    registerIfAbsent(eventBus, ActionReply.class, new ActionReply.Codec());
    registerIfAbsent(eventBus, ClientEvent.class, new ClientEvent.Codec());
    registerIfAbsent(eventBus, SessionInfo.class, new SessionInfoCodec());
  }

  private static <T> void registerIfAbsent(EventBus eventBus, Class<T> type, MessageCodec<T, T> codec) {
    try {
      eventBus.registerDefaultCodec(type, codec);
    } catch (IllegalStateException alreadyRegistered) {
      // Registered before: by the launcher or another verticle of this Vert.x instance.
    }
  }

  private static final class SessionInfoCodec extends JsonRecordCodec<SessionInfo> {
    SessionInfoCodec() {
      super("pqcfhe.SessionInfo", SessionInfo::toJson, SessionInfo::fromJson);
    }
  }
}
