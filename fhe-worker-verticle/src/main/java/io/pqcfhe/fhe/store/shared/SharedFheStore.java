package io.pqcfhe.fhe.store.shared;

import io.pqcfhe.ckks.rlwe.SecretKey;
import io.pqcfhe.fhe.store.FheContext;
import io.pqcfhe.fhe.store.FheStore;
import io.pqcfhe.fhe.store.Quotas;
import io.pqcfhe.fhe.store.StoreErrors;
import io.pqcfhe.fhe.store.StoredCiphertext;
import io.pqcfhe.fhe.store.shared.ContextCodec.LoadedContext;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The store of a cluster: every session's state lives in the {@link SharedState} maps, so any worker can
 * serve any session and what a worker wrote outlives it. Each worker keeps deserialized copies in bounded
 * caches; a compute on cached contexts and operands costs, beyond the in-memory path, the result's write:
 * one compare-and-set of the session record and one write of the ciphertext.
 *
 * <p><b>Keys.</b> sessions: {@code sessionId}; contexts and ciphertexts: {@code sessionId/id}. A lookup
 * builds its keys from the asking session's id only, so another session's id and an unknown one take the
 * same path and fail the same way ({@link StoreErrors}).
 *
 * <p><b>Session record.</b> The source of truth for what a session holds ({@link SessionRecord}), changed
 * only by compare-and-set, which makes quotas cluster-wide and atomic with insertion. Inserts reserve in the
 * record first and then write the entry; removals remove from the record first and then delete entries: a
 * crash leaves at most an id without entry (an insert) or an entry no longer listed (a removal), never an
 * entry a lookup would serve. A worker remembers the last record it saw; a decision taken on that copy
 * stands only when its compare-and-set succeeds (which proves it current), a refusal only after a re-read.
 *
 * <p><b>Caches.</b> Contexts and ciphertexts, LRU by bytes; removals anywhere reach them through the maps'
 * {@code onRemoved} events, and a worker's own removals and session ends (every worker hears of those)
 * drop them at once. A copy loaded while its entry was being removed is caught by re-reading the record
 * after caching. An evicted context may still be in use by a request on another thread, so eviction does not
 * zeroize it: its secret key is kept aside and zeroized with the other copies when the context is released or
 * its session ends.
 *
 * <p>Thread-safe.
 */
public final class SharedFheStore implements FheStore, AutoCloseable {
  /** How long an ended session is remembered, to refuse requests that were in flight when it ended. */
  static final Duration ENDED_MEMORY = Duration.ofMinutes(10);

  private static final int MAX_ATTEMPTS = 1000;
  private static final byte[] ENDED = new SessionRecord(true, Map.of(), Map.of()).encode();
  private static final long RECORD_CACHE_BYTES = 64L << 20;

  private final SharedState state;
  private final Quotas quotas;
  private final SecretKeySealer sealer;
  private final ContextCodec contextCodec;
  private final WeightedLruCache<LoadedContext> contexts;
  private final WeightedLruCache<CachedCiphertext> ciphertexts;
  private final WeightedLruCache<Snapshot> records =
      new WeightedLruCache<>(RECORD_CACHE_BYTES, s -> 64L + (s.raw() == null ? 0 : s.raw().length));
  /** Contexts being loaded, by key: a second request for one waits for the first load. */
  private final Map<String, CompletableFuture<LoadedContext>> loading = new ConcurrentHashMap<>();
  /** Secret keys of evicted context copies, by context key: zeroized when the context goes. */
  private final Map<String, List<SecretKey>> retired = new ConcurrentHashMap<>();

  /**
   * How much of this worker's memory the caches may take.
   *
   * @param contextBytes deserialized contexts (their keys' bytes)
   * @param ciphertextBytes deserialized ciphertexts
   */
  public record CacheBudget(long contextBytes, long ciphertextBytes) {
    public CacheBudget {
      if (contextBytes < 0 || ciphertextBytes < 0) {
        throw new IllegalArgumentException("cache budgets must not be negative");
      }
    }

    /** A quarter of the heap for contexts, an eighth for ciphertexts. */
    public static CacheBudget ofHeap(long maxHeapBytes) {
      return new CacheBudget(maxHeapBytes / 4, maxHeapBytes / 8);
    }
  }

  /** A ciphertext as a worker caches it. */
  private record CachedCiphertext(String contextId, StoredCiphertext ciphertext) {}

  /** A session record as read (raw bytes, the compare-and-set's expected value; null when absent). */
  private record Snapshot(byte[] raw, SessionRecord record) {}

  /** A session record before and after a successful change. */
  private record Change(SessionRecord before, SessionRecord after) {}

  private SharedFheStore(
      SharedState state, byte[] stateKey, Quotas quotas, long maxSealObjectBytes, CacheBudget budget, SecureRandom random) {
    this.state = Objects.requireNonNull(state, "state");
    this.quotas = Objects.requireNonNull(quotas, "quotas");
    this.sealer = new SecretKeySealer(stateKey, random);
    this.contextCodec =
        new ContextCodec(sealer, maxSealObjectBytes, Math.max(maxSealObjectBytes, quotas.maxBytes()), random);
    this.contexts = new WeightedLruCache<>(budget.contextBytes(), c -> c.context().sizeBytes());
    this.ciphertexts = new WeightedLruCache<>(budget.ciphertextBytes(), c -> c.ciphertext().sizeBytes());
  }

  /**
   * A store over the cluster's maps; registers the listeners that keep its caches current.
   *
   * @param stateKey the 32-byte cluster state key that seals secret keys; copied (wiped by {@link #close()})
   * @param maxSealObjectBytes the request limit on a client's SEAL object
   */
  public static SharedFheStore open(
      SharedState state, byte[] stateKey, Quotas quotas, long maxSealObjectBytes, CacheBudget budget, SecureRandom random) {
    SharedFheStore store = new SharedFheStore(state, stateKey, quotas, maxSealObjectBytes, budget, random);
    state.contexts().onRemoved(store::dropContext);
    state.ciphertexts().onRemoved(store.ciphertexts::remove);
    state.sessions().onRemoved(store.records::remove);
    return store;
  }

  // ------------------------------------------------------------------------------ FheStore

  @Override
  public void requireRoom(String sessionId, int moreContexts, int moreCiphertexts, long moreBytes) {
    Snapshot cached = records.get(sessionId);
    if (cached != null) {
      try {
        cached.record().requireRoom(quotas, moreContexts, moreCiphertexts, moreBytes);
        return;
      } catch (RuntimeException stale) {
        // The copy may be stale: refuse only on the current record.
      }
    }
    read(sessionId).record().requireRoom(quotas, moreContexts, moreCiphertexts, moreBytes);
  }

  @Override
  public FheContext addContext(String sessionId, String contextId, FheContext context) {
    String key = key(sessionId, contextId);
    Change change;
    try {
      change =
          update(sessionId, r -> {
            if (r.ended()) {
              throw StoreErrors.unknownContext();
            }
            if (r.contexts().containsKey(contextId)) {
              return r; // reserved by an earlier run of the same operation
            }
            r.requireRoom(quotas, 1, 0, context.sizeBytes());
            return r.withContext(contextId, context.sizeBytes());
          });
    } catch (RuntimeException e) {
      context.destroy();
      throw e;
    }
    boolean stored;
    try {
      stored = state.contexts().putIfAbsent(key, contextCodec.encode(context, key));
    } catch (RuntimeException e) {
      context.destroy();
      if (!change.before().contexts().containsKey(contextId)) {
        giveBack(sessionId, contextId);
      }
      throw e;
    }
    if (!stored) {
      // An earlier run of the same operation stored its context under this id: that one is the answer.
      context.destroy();
      return context(sessionId, contextId);
    }
    cache(new LoadedContext(key, context, contextCodec.storedObjects(context.parameters())));
    SessionRecord now = read(sessionId).record();
    if (now.ended() || !now.contexts().containsKey(contextId)) {
      // The session ended while the context was being written: leave nothing behind.
      state.contexts().delete(key);
      dropContext(key);
      throw StoreErrors.unknownContext();
    }
    return context;
  }

  @Override
  public FheContext context(String sessionId, String contextId) {
    return loadedContext(sessionId, contextId).context();
  }

  @Override
  public void addCiphertext(String sessionId, String contextId, String ciphertextId, StoredCiphertext ciphertext) {
    LoadedContext context = loadedContext(sessionId, contextId);
    // Encoded before reserving, so that the reservation and the write follow each other closely.
    byte[] value = CiphertextCodec.encode(contextId, ciphertext, context.stored());
    update(sessionId, r -> {
      if (r.ended() || !r.contexts().containsKey(contextId)) {
        throw StoreErrors.unknownContext();
      }
      if (r.ciphertexts().containsKey(ciphertextId)) {
        return r; // reserved by an earlier run of the same operation: counted once
      }
      r.requireRoom(quotas, 0, 1, ciphertext.sizeBytes());
      return r.withCiphertext(ciphertextId, contextId, ciphertext.sizeBytes());
    });
    String key = key(sessionId, ciphertextId);
    state.ciphertexts().set(key, value);
    ciphertexts.put(key, new CachedCiphertext(contextId, ciphertext));
  }

  @Override
  public StoredCiphertext ciphertext(String sessionId, String contextId, String ciphertextId) {
    LoadedContext context = loadedContext(sessionId, contextId);
    String key = key(sessionId, ciphertextId);
    CachedCiphertext cached = ciphertexts.get(key);
    if (cached != null) {
      if (!cached.contextId().equals(contextId)) {
        throw StoreErrors.contextMismatch();
      }
      return cached.ciphertext();
    }
    requireListed(read(sessionId).record(), contextId, ciphertextId);
    byte[] value = state.ciphertexts().get(key).orElseThrow(StoreErrors::unknownCiphertext);
    CiphertextCodec.Entry entry = CiphertextCodec.decode(value, context.stored());
    if (!entry.contextId().equals(contextId)) {
      throw new IllegalStateException("corrupt ciphertext record");
    }
    ciphertexts.put(key, new CachedCiphertext(contextId, entry.ciphertext()));
    SessionRecord now = read(sessionId).record();
    if (now.ended() || !now.ciphertexts().containsKey(ciphertextId)) {
      ciphertexts.remove(key); // released while it was being loaded
      throw StoreErrors.unknownCiphertext();
    }
    return entry.ciphertext();
  }

  @Override
  public int releaseCiphertexts(String sessionId, String contextId, Collection<String> ciphertextIds) {
    Change change =
        update(sessionId, r -> {
          if (r.ended() || !r.contexts().containsKey(contextId)) {
            throw StoreErrors.unknownContext();
          }
          return r.withoutCiphertexts(contextId, ciphertextIds);
        });
    int freed = 0;
    for (String id : new LinkedHashSet<>(ciphertextIds)) {
      if (change.before().ciphertexts().containsKey(id) && !change.after().ciphertexts().containsKey(id)) {
        deleteCiphertext(key(sessionId, id));
        freed++;
      }
    }
    return freed;
  }

  @Override
  public int releaseContext(String sessionId, String contextId) {
    Change change =
        update(sessionId, r -> {
          if (r.ended() || !r.contexts().containsKey(contextId)) {
            throw StoreErrors.unknownContext();
          }
          return r.withoutContext(contextId);
        });
    List<String> freed = change.before().ciphertextsOf(contextId);
    for (String id : freed) {
      deleteCiphertext(key(sessionId, id));
    }
    String key = key(sessionId, contextId);
    state.contexts().delete(key);
    dropContext(key);
    return freed.size();
  }

  /**
   * Marks the session ended (kept {@link #ENDED_MEMORY}), deletes its entries, and drops and zeroizes this
   * worker's copies. Every worker is told of a session end and calls this: the first does the work, the
   * others find it done; one that crashed half-way is completed by the next.
   */
  @Override
  public void endSession(String sessionId) {
    Snapshot current = read(sessionId);
    if (current.raw() == null || !current.record().endedAndEmpty()) {
      SessionRecord ended = update(sessionId, r -> r.ended() ? r : r.end()).after();
      for (String id : ended.ciphertexts().keySet()) {
        state.ciphertexts().delete(key(sessionId, id));
      }
      for (String id : ended.contexts().keySet()) {
        state.contexts().delete(key(sessionId, id));
      }
      state.sessions().set(sessionId, ENDED, ENDED_MEMORY);
    }
    records.remove(sessionId);
    String prefix = sessionId + "/";
    ciphertexts.removeByPrefix(prefix);
    contexts.removeByPrefix(prefix).forEach(c -> c.context().destroy());
    retired.keySet().removeIf(key -> key.startsWith(prefix) && destroyRetired(key));
  }

  /** Contexts whose primary copy is on this node: summed over the nodes, each context is counted once. */
  @Override
  public int activeContexts() {
    return state.contexts().localSize();
  }

  /** Zeroizes this worker's copies of secret keys and the state key; the store must not be used afterwards. */
  @Override
  public void close() {
    contexts.removeAll().forEach(c -> c.context().destroy());
    retired.keySet().removeIf(this::destroyRetired);
    ciphertexts.removeAll();
    sealer.close();
  }

  // ------------------------------------------------------------------------------ internals

  /**
   * The map key of a session's entry. Ids come from clients and may hold any character; session ids are the
   * gateway's and hold no '/', so the first '/' of a key always ends its session id and no id of one session
   * can name an entry of another.
   */
  private static String key(String sessionId, String id) {
    if (sessionId.indexOf('/') >= 0) {
      throw new IllegalArgumentException("a session id must not contain '/'");
    }
    return sessionId + "/" + id;
  }

  private LoadedContext loadedContext(String sessionId, String contextId) {
    String key = key(sessionId, contextId);
    LoadedContext cached = contexts.get(key);
    if (cached != null) {
      return cached;
    }
    // One load per context at a time: a context's keys can take hundreds of MiB.
    CompletableFuture<LoadedContext> mine = new CompletableFuture<>();
    CompletableFuture<LoadedContext> theirs = loading.putIfAbsent(key, mine);
    if (theirs != null) {
      return awaitLoad(theirs);
    }
    try {
      LoadedContext done = contexts.get(key); // a load may have finished between the two looks
      LoadedContext loaded = done != null ? done : load(sessionId, contextId, key);
      mine.complete(loaded);
      return loaded;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      loading.remove(key, mine);
    }
  }

  private static LoadedContext awaitLoad(CompletableFuture<LoadedContext> load) {
    try {
      return load.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private LoadedContext load(String sessionId, String contextId, String key) {
    SessionRecord record = read(sessionId).record();
    if (record.ended() || !record.contexts().containsKey(contextId)) {
      throw StoreErrors.unknownContext();
    }
    byte[] value = state.contexts().get(key).orElseThrow(StoreErrors::unknownContext);
    LoadedContext loaded = contextCodec.decode(value, key);
    cache(loaded);
    SessionRecord now = read(sessionId).record();
    if (now.ended() || !now.contexts().containsKey(contextId)) {
      dropContext(key); // released while it was being loaded
      throw StoreErrors.unknownContext();
    }
    return loaded;
  }

  private static void requireListed(SessionRecord record, String contextId, String ciphertextId) {
    SessionRecord.Ciphertext listed = record.ended() ? null : record.ciphertexts().get(ciphertextId);
    if (listed == null) {
      throw StoreErrors.unknownCiphertext();
    }
    if (!listed.contextId().equals(contextId)) {
      throw StoreErrors.contextMismatch();
    }
  }

  private void cache(LoadedContext loaded) {
    for (LoadedContext out : contexts.put(loaded.location(), loaded)) {
      out.context().secretKey().ifPresent(sk -> retire(out.location(), sk));
    }
  }

  private void retire(String key, SecretKey secretKey) {
    retired.compute(key, (k, keys) -> {
      List<SecretKey> next = keys == null ? new ArrayList<>() : new ArrayList<>(keys);
      next.add(secretKey);
      return next;
    });
  }

  /** Drops this worker's copies of a context, zeroizing their secret keys (also on removal events). */
  private void dropContext(String key) {
    LoadedContext cached = contexts.remove(key);
    if (cached != null) {
      cached.context().destroy();
    }
    destroyRetired(key);
  }

  /** Zeroizes and forgets the retired secret keys of a context; true (for {@code removeIf}). */
  private boolean destroyRetired(String key) {
    List<SecretKey> keys = retired.remove(key);
    if (keys != null) {
      keys.forEach(SecretKey::destroy);
    }
    return true;
  }

  private void deleteCiphertext(String key) {
    state.ciphertexts().delete(key);
    ciphertexts.remove(key);
  }

  /** Best effort: gives back a context's reservation after its entry could not be written. */
  private void giveBack(String sessionId, String contextId) {
    try {
      update(sessionId, r -> r.withoutContext(contextId));
    } catch (RuntimeException ignored) {
      // The reservation stays accounted for (an id without entry), as after a crash.
    }
  }

  /** Reads the session's record (absent: the empty record) and remembers it. */
  private Snapshot read(String sessionId) {
    byte[] raw = state.sessions().get(sessionId).orElse(null);
    Snapshot snapshot = new Snapshot(raw, raw == null ? SessionRecord.EMPTY : SessionRecord.decode(raw));
    if (raw == null) {
      records.remove(sessionId);
    } else {
      records.put(sessionId, snapshot);
    }
    return snapshot;
  }

  /**
   * Applies {@code change} to the session record by compare-and-set, from the remembered copy first. A
   * result computed on that copy (a refusal, or "nothing to change") is trusted only after a re-read, since
   * the copy may be stale; a written one is current by construction.
   */
  private Change update(String sessionId, UnaryOperator<SessionRecord> change) {
    Snapshot current = records.get(sessionId);
    boolean fresh = current == null;
    if (fresh) {
      current = read(sessionId);
    }
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      SessionRecord next;
      try {
        next = change.apply(current.record());
      } catch (RuntimeException refusal) {
        if (fresh) {
          throw refusal;
        }
        current = read(sessionId);
        fresh = true;
        continue;
      }
      if (next == current.record()) {
        if (fresh) {
          return new Change(next, next);
        }
      } else {
        byte[] raw = next.encode();
        boolean written =
            current.raw() == null
                ? state.sessions().putIfAbsent(sessionId, raw)
                : state.sessions().replace(sessionId, current.raw(), raw);
        if (written) {
          records.put(sessionId, new Snapshot(raw, next));
          return new Change(current.record(), next);
        }
      }
      current = read(sessionId);
      fresh = true;
    }
    throw new IllegalStateException("the session record stayed contended");
  }
}
