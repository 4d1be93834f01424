package io.pqcfhe.fhe.store;

import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The node-local store: one {@link SessionState} per session, each guarded by its own lock, so sessions
 * never wait for each other.
 */
public final class InMemoryFheStore implements FheStore {
  /** How long an ended session id is remembered, to refuse requests that were in flight when it ended. */
  private static final long ENDED_MEMORY_NANOS = TimeUnit.MINUTES.toNanos(10);

  private final Map<String, SessionState> sessions = new ConcurrentHashMap<>();
  private final Map<String, Long> ended = new ConcurrentHashMap<>();
  private final AtomicInteger activeContexts = new AtomicInteger();
  private final Quotas quotas;

  public InMemoryFheStore(Quotas quotas) {
    this.quotas = Objects.requireNonNull(quotas, "quotas");
  }

  @Override
  public void requireRoom(String sessionId, int contexts, int ciphertexts, long bytes) {
    SessionState state = sessions.get(sessionId);
    if (state == null) {
      quotas.requireRoom(0, 0, 0, contexts, ciphertexts, bytes);
    } else {
      state.requireRoom(contexts, ciphertexts, bytes);
    }
  }

  @Override
  public FheContext addContext(String sessionId, String contextId, FheContext context) {
    SessionState state = sessions.computeIfAbsent(sessionId, s -> new SessionState(quotas));
    FheContext stored;
    try {
      stored = state.addContext(contextId, context, () -> ended.containsKey(sessionId));
    } catch (RuntimeException e) {
      context.destroy();
      if (ended.containsKey(sessionId)) {
        sessions.remove(sessionId, state);
      }
      throw e;
    }
    if (stored == context) {
      activeContexts.incrementAndGet();
    } else {
      context.destroy();
    }
    return stored;
  }

  @Override
  public FheContext context(String sessionId, String contextId) {
    return state(sessionId).context(contextId);
  }

  @Override
  public void addCiphertext(String sessionId, String contextId, String ciphertextId, StoredCiphertext ciphertext) {
    state(sessionId).addCiphertext(contextId, ciphertextId, ciphertext);
  }

  @Override
  public StoredCiphertext ciphertext(String sessionId, String contextId, String ciphertextId) {
    return state(sessionId).ciphertext(contextId, ciphertextId);
  }

  @Override
  public int releaseCiphertexts(String sessionId, String contextId, Collection<String> ciphertextIds) {
    return state(sessionId).releaseCiphertexts(contextId, ciphertextIds);
  }

  @Override
  public int releaseContext(String sessionId, String contextId) {
    int freed = state(sessionId).releaseContext(contextId);
    activeContexts.decrementAndGet();
    return freed;
  }

  @Override
  public void endSession(String sessionId) {
    long now = System.nanoTime();
    ended.put(sessionId, now);
    ended.values().removeIf(at -> now - at > ENDED_MEMORY_NANOS);
    SessionState state = sessions.remove(sessionId);
    if (state != null) {
      activeContexts.addAndGet(-state.destroyAll());
    }
  }

  @Override
  public int activeContexts() {
    return activeContexts.get();
  }

  /** An absent session is looked up like a present one with no entries: same refusal, same path. */
  private SessionState state(String sessionId) {
    SessionState state = sessions.get(sessionId);
    return state == null ? SessionState.EMPTY : state;
  }

  /** One session's entries and usage; every method holds the session's lock. */
  private static final class SessionState {
    static final SessionState EMPTY = new SessionState(null);

    private final Quotas quotas;
    private final Map<String, FheContext> contexts = new HashMap<>();
    private final Map<String, Entry> ciphertexts = new HashMap<>();
    private long bytes;
    private boolean closed;

    private record Entry(String contextId, StoredCiphertext ciphertext) {}

    SessionState(Quotas quotas) {
      this.quotas = quotas;
    }

    synchronized void requireRoom(int moreContexts, int moreCiphertexts, long moreBytes) {
      quotas.requireRoom(contexts.size(), ciphertexts.size(), bytes, moreContexts, moreCiphertexts, moreBytes);
    }

    /**
     * Refuses (as for an unknown context) when the session has ended: a setup that was in flight when the
     * session ended must not leave a context behind.
     */
    synchronized FheContext addContext(String id, FheContext context, BooleanSupplier sessionEnded) {
      if (closed || sessionEnded.getAsBoolean()) {
        throw StoreErrors.unknownContext();
      }
      FheContext earlier = contexts.get(id);
      if (earlier != null) {
        return earlier;
      }
      requireRoom(1, 0, context.sizeBytes());
      contexts.put(id, context);
      bytes += context.sizeBytes();
      return context;
    }

    synchronized FheContext context(String contextId) {
      FheContext context = contexts.get(contextId);
      if (context == null) {
        throw StoreErrors.unknownContext();
      }
      return context;
    }

    synchronized void addCiphertext(String contextId, String id, StoredCiphertext ciphertext) {
      context(contextId);
      Entry earlier = ciphertexts.get(id);
      long earlierBytes = earlier == null ? 0 : earlier.ciphertext().sizeBytes();
      quotas.requireRoom(contexts.size(), ciphertexts.size() - (earlier == null ? 0 : 1), bytes - earlierBytes, 0, 1, ciphertext.sizeBytes());
      ciphertexts.put(id, new Entry(contextId, ciphertext));
      bytes += ciphertext.sizeBytes() - earlierBytes;
    }

    synchronized StoredCiphertext ciphertext(String contextId, String ciphertextId) {
      context(contextId);
      Entry entry = ciphertexts.get(ciphertextId);
      if (entry == null) {
        throw StoreErrors.unknownCiphertext();
      }
      if (!entry.contextId().equals(contextId)) {
        throw StoreErrors.contextMismatch();
      }
      return entry.ciphertext();
    }

    synchronized int releaseCiphertexts(String contextId, Collection<String> ids) {
      context(contextId);
      int freed = 0;
      for (String id : ids) {
        Entry entry = ciphertexts.get(id);
        if (entry != null && entry.contextId().equals(contextId)) {
          ciphertexts.remove(id);
          bytes -= entry.ciphertext().sizeBytes();
          freed++;
        }
      }
      return freed;
    }

    synchronized int releaseContext(String contextId) {
      FheContext context = context(contextId);
      int freed = 0;
      for (Iterator<Entry> it = ciphertexts.values().iterator(); it.hasNext(); ) {
        Entry entry = it.next();
        if (entry.contextId().equals(contextId)) {
          it.remove();
          bytes -= entry.ciphertext().sizeBytes();
          freed++;
        }
      }
      contexts.remove(contextId);
      bytes -= context.sizeBytes();
      context.destroy();
      return freed;
    }

    /** Destroys every context (zeroizing secret keys) and drops every ciphertext; returns the contexts freed. */
    synchronized int destroyAll() {
      closed = true;
      int count = contexts.size();
      contexts.values().forEach(FheContext::destroy);
      contexts.clear();
      ciphertexts.clear();
      bytes = 0;
      return count;
    }
  }
}
