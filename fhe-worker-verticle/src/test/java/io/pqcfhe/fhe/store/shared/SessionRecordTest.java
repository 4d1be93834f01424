package io.pqcfhe.fhe.store.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionRecordTest {
  private final SessionRecord record =
      SessionRecord.EMPTY
          .withContext("ctx-1", 1000)
          .withContext("ctx-2", 2000)
          .withCiphertext("ct-1", "ctx-2", 30)
          .withCiphertext("ct-2", "ctx-1", 40)
          .withCiphertext("ct-3", "ctx-2", 50);

  @Test
  void roundTrips() {
    assertEquals(record, SessionRecord.decode(record.encode()));
    assertEquals(record.end(), SessionRecord.decode(record.end().encode()));
    assertEquals(SessionRecord.EMPTY, SessionRecord.decode(SessionRecord.EMPTY.encode()));
    assertEquals(3120, record.bytes());
  }

  @Test
  void removalsTakeOnlyWhatTheyName() {
    assertEquals(List.of("ct-1", "ct-3"), record.ciphertextsOf("ctx-2"));
    SessionRecord without = record.withoutCiphertexts("ctx-2", List.of("ct-1", "ct-2", "ct-9"));
    assertEquals(List.of("ct-2", "ct-3"), List.copyOf(without.ciphertexts().keySet()));
    assertTrue(record.withoutCiphertexts("ctx-1", List.of("ct-1")) == record, "nothing to change: the same record");
    SessionRecord noContext = record.withoutContext("ctx-2");
    assertEquals(List.of("ctx-1"), List.copyOf(noContext.contexts().keySet()));
    assertEquals(List.of("ct-2"), List.copyOf(noContext.ciphertexts().keySet()));
    assertTrue(record.end().ended());
    assertFalse(record.end().endedAndEmpty());
  }

  @Test
  void refusesWhatItDidNotWrite() {
    byte[] bytes = record.encode();
    for (int cut : new int[] {0, 1, bytes.length / 2, bytes.length - 1}) {
      byte[] truncated = Arrays.copyOf(bytes, cut);
      assertThrows(IllegalStateException.class, () -> SessionRecord.decode(truncated), "cut at " + cut);
    }
    byte[] version = bytes.clone();
    version[0] = 2;
    assertThrows(IllegalStateException.class, () -> SessionRecord.decode(version));
    byte[] trailing = Arrays.copyOf(bytes, bytes.length + 1);
    assertThrows(IllegalStateException.class, () -> SessionRecord.decode(trailing));
    byte[] hugeCount = bytes.clone();
    hugeCount[2] = 0x7f;
    assertThrows(IllegalStateException.class, () -> SessionRecord.decode(hugeCount));
  }
}
