package io.pqcfhe.gateway.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pqcfhe.protocol.Permission;
import io.pqcfhe.protocol.SessionInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LiveSessionTest {
  static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  static final SessionInfo INFO = new SessionInfo("sess-x", "c", "default", Permission.defaults(), "1.0");

  @Test
  void lifetimeCappedByTokenExpiry() {
    LiveSession capped = new LiveSession(INFO, "a", Optional.of(NOW.plusSeconds(600)), NOW, Duration.ofHours(1));
    assertEquals(NOW.plusSeconds(600), capped.expiresAt());
    LiveSession uncapped = new LiveSession(INFO, "a", Optional.empty(), NOW, Duration.ofHours(1));
    assertEquals(NOW.plusSeconds(3600), uncapped.expiresAt());
  }

  @Test
  void expiringNoticeFiveMinutesBeforeOrAtOnce() {
    LiveSession session = new LiveSession(INFO, "a", Optional.empty(), NOW, Duration.ofHours(1));
    assertEquals(Duration.ofMinutes(55), session.untilExpiringNotice(NOW));
    LiveSession shortOne = new LiveSession(INFO, "a", Optional.empty(), NOW, Duration.ofMinutes(2));
    assertEquals(Duration.ZERO, shortOne.untilExpiringNotice(NOW));
    assertEquals(Duration.ofMinutes(2), shortOne.untilTimeout(NOW));
  }

  @Test
  void refreshUsesAFreshTokenAndNotifies() {
    LiveSession session = new LiveSession(INFO, "a", Optional.of(NOW.plusSeconds(60)), NOW, Duration.ofHours(1));
    int[] notified = {0};
    session.onExpiryChange(() -> notified[0]++);
    Instant later = NOW.plusSeconds(30);
    assertEquals(NOW.plusSeconds(60), session.refresh(later, Duration.ofHours(1), Optional.empty()));
    assertEquals(later.plusSeconds(3600), session.refresh(later, Duration.ofHours(1), Optional.of(Optional.empty())));
    assertEquals(NOW.plusSeconds(900), session.refresh(later, Duration.ofHours(1), Optional.of(Optional.of(NOW.plusSeconds(900)))));
    assertEquals(3, notified[0]);
  }
}
