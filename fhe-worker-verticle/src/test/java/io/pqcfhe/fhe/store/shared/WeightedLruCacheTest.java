package io.pqcfhe.fhe.store.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class WeightedLruCacheTest {
  private final WeightedLruCache<String> cache = new WeightedLruCache<>(10, String::length);

  @Test
  void evictsTheLeastRecentlyUsedPastTheBudget() {
    assertEquals(List.of(), cache.put("a", "aaaa"));
    assertEquals(List.of(), cache.put("b", "bbbb"));
    cache.get("a"); // b is now the least recently used
    assertEquals(List.of("bbbb"), cache.put("c", "cccc"));
    assertNull(cache.get("b"));
    assertEquals("aaaa", cache.get("a"));
    assertEquals(8, cache.usedBytes());
  }

  @Test
  void reportsWhatItReplacedAndKeepsNothingHeavierThanTheBudget() {
    cache.put("a", "aaaa");
    assertEquals(List.of("aaaa"), cache.put("a", "AAAAA"));
    assertEquals(5, cache.usedBytes());
    assertEquals(List.of("AAAAA", "x".repeat(11)), cache.put("a", "x".repeat(11)));
    assertNull(cache.get("a"));
    assertEquals(0, cache.usedBytes());
  }

  @Test
  void removesBySessionPrefix() {
    cache.put("s1/ctx-1", "1");
    cache.put("s1/ct-2", "2");
    cache.put("s10/ct-3", "3");
    assertEquals(List.of("1", "2"), cache.removeByPrefix("s1/"));
    assertEquals("3", cache.get("s10/ct-3"));
    assertEquals(1, cache.usedBytes());
  }
}
