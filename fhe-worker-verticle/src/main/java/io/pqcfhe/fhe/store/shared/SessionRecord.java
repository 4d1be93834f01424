package io.pqcfhe.fhe.store.shared;

import io.pqcfhe.fhe.store.Quotas;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a session holds, kept in the sessions map: its contexts and ciphertexts with their sizes (the quotas
 * are checked against it, cluster-wide) and whether the session ended. Immutable: every change is a new
 * record, written by compare-and-set.
 *
 * <p>Encoding (version 1, big-endian): version byte, ended byte, context count (int), per context its id
 * (length-prefixed UTF-8) and size (long); ciphertext count (int), per ciphertext its id, the index of its
 * context in the list before, and its size.
 *
 * @param contexts context id → bytes its keys take, in insertion order
 * @param ciphertexts ciphertext id → its context and bytes, in insertion order
 */
record SessionRecord(boolean ended, Map<String, Long> contexts, Map<String, Ciphertext> ciphertexts) {

  private static final byte VERSION = 1;
  /** Far above any quota: refuses a corrupt count before allocating for it. */
  private static final int MAX_ENTRIES = 1 << 20;

  static final SessionRecord EMPTY = new SessionRecord(false, Map.of(), Map.of());

  record Ciphertext(String contextId, long sizeBytes) {}

  SessionRecord {
    contexts = Collections.unmodifiableMap(contexts);
    ciphertexts = Collections.unmodifiableMap(ciphertexts);
  }

  long bytes() {
    long total = 0;
    for (long size : contexts.values()) {
      total += size;
    }
    for (Ciphertext ciphertext : ciphertexts.values()) {
      total += ciphertext.sizeBytes();
    }
    return total;
  }

  /** Refuses, as {@link Quotas#requireRoom} does, when the session could not take that much more. */
  void requireRoom(Quotas quotas, int moreContexts, int moreCiphertexts, long moreBytes) {
    quotas.requireRoom(contexts.size(), ciphertexts.size(), bytes(), moreContexts, moreCiphertexts, moreBytes);
  }

  SessionRecord withContext(String contextId, long sizeBytes) {
    Map<String, Long> next = new LinkedHashMap<>(contexts);
    next.put(contextId, sizeBytes);
    return new SessionRecord(ended, next, ciphertexts);
  }

  SessionRecord withCiphertext(String ciphertextId, String contextId, long sizeBytes) {
    Map<String, Ciphertext> next = new LinkedHashMap<>(ciphertexts);
    next.put(ciphertextId, new Ciphertext(contextId, sizeBytes));
    return new SessionRecord(ended, contexts, next);
  }

  /** Without the named ciphertexts of the context (other ids are ignored). */
  SessionRecord withoutCiphertexts(String contextId, Collection<String> ciphertextIds) {
    Map<String, Ciphertext> next = new LinkedHashMap<>(ciphertexts);
    for (String id : ciphertextIds) {
      Ciphertext entry = next.get(id);
      if (entry != null && entry.contextId().equals(contextId)) {
        next.remove(id);
      }
    }
    return next.size() == ciphertexts.size() ? this : new SessionRecord(ended, contexts, next);
  }

  /** Without the context and its ciphertexts. */
  SessionRecord withoutContext(String contextId) {
    Map<String, Long> nextContexts = new LinkedHashMap<>(contexts);
    nextContexts.remove(contextId);
    Map<String, Ciphertext> nextCiphertexts = new LinkedHashMap<>(ciphertexts);
    nextCiphertexts.values().removeIf(c -> c.contextId().equals(contextId));
    return new SessionRecord(ended, nextContexts, nextCiphertexts);
  }

  /** The ids of the context's ciphertexts. */
  List<String> ciphertextsOf(String contextId) {
    List<String> ids = new ArrayList<>();
    ciphertexts.forEach((id, c) -> {
      if (c.contextId().equals(contextId)) {
        ids.add(id);
      }
    });
    return ids;
  }

  /** Ended, still listing what it held until its entries are deleted. */
  SessionRecord end() {
    return new SessionRecord(true, contexts, ciphertexts);
  }

  boolean endedAndEmpty() {
    return ended && contexts.isEmpty() && ciphertexts.isEmpty();
  }

  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + 64 * (contexts.size() + ciphertexts.size()));
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeBoolean(ended);
      out.writeInt(contexts.size());
      Map<String, Integer> index = new LinkedHashMap<>();
      for (Map.Entry<String, Long> context : contexts.entrySet()) {
        index.put(context.getKey(), index.size());
        Encoding.writeString(out, context.getKey());
        out.writeLong(context.getValue());
      }
      out.writeInt(ciphertexts.size());
      for (Map.Entry<String, Ciphertext> ciphertext : ciphertexts.entrySet()) {
        Encoding.writeString(out, ciphertext.getKey());
        out.writeInt(index.get(ciphertext.getValue().contextId()));
        out.writeLong(ciphertext.getValue().sizeBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** @throws IllegalStateException when the bytes are not a record of a known version */
  static SessionRecord decode(byte[] bytes) {
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      if (in.get() != VERSION) {
        throw corrupt();
      }
      boolean ended = in.get() != 0;
      int contextCount = count(in);
      Map<String, Long> contexts = new LinkedHashMap<>();
      List<String> order = new ArrayList<>(contextCount);
      for (int i = 0; i < contextCount; i++) {
        String id = Encoding.readString(in);
        contexts.put(id, in.getLong());
        order.add(id);
      }
      int ciphertextCount = count(in);
      Map<String, Ciphertext> ciphertexts = new LinkedHashMap<>();
      for (int i = 0; i < ciphertextCount; i++) {
        String id = Encoding.readString(in);
        int context = in.getInt();
        if (context < 0 || context >= order.size()) {
          throw corrupt();
        }
        ciphertexts.put(id, new Ciphertext(order.get(context), in.getLong()));
      }
      if (in.hasRemaining()) {
        throw corrupt();
      }
      return new SessionRecord(ended, contexts, ciphertexts);
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw corrupt();
    }
  }

  private static int count(ByteBuffer in) {
    int count = in.getInt();
    if (count < 0 || count > MAX_ENTRIES) {
      throw corrupt();
    }
    return count;
  }

  private static IllegalStateException corrupt() {
    return new IllegalStateException("corrupt session record");
  }
}
