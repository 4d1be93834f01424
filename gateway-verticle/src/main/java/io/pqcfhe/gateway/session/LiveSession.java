package io.pqcfhe.gateway.session;

import io.pqcfhe.protocol.SessionInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The mutable state of one connected session: who it is, until when it lives, and which token caps that.
 * Confined to the event loop of its connection.
 */
public final class LiveSession {
  /** §3: {@code session.expiring} is sent once this little time remains. */
  public static final Duration EXPIRING_NOTICE = Duration.ofMinutes(5);

  private final SessionInfo info;
  private final String remoteAddress;
  private final PqcExchangeTimings pqcExchanges = new PqcExchangeTimings();
  private Optional<Instant> tokenExpiry;
  private Instant expiresAt;
  private Runnable onExpiryChange = () -> {};

  public LiveSession(SessionInfo info, String remoteAddress, Optional<Instant> tokenExpiry, Instant now, Duration lifetime) {
    this.info = info;
    this.remoteAddress = remoteAddress;
    this.tokenExpiry = tokenExpiry;
    this.expiresAt = expiry(now, lifetime, tokenExpiry);
  }

  public SessionInfo info() {
    return info;
  }

  public String remoteAddress() {
    return remoteAddress;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  /** Called after a refresh moved {@link #expiresAt()}: the connection re-arms its timers. */
  public void onExpiryChange(Runnable listener) {
    this.onExpiryChange = listener;
  }

  public PqcExchangeTimings pqcExchanges() {
    return pqcExchanges;
  }

  /**
   * {@code session.refresh} (§3): now + lifetime, capped at the token's {@code exp}; a fresh token, when
   * given, replaces the session's token for that cap.
   */
  public Instant refresh(Instant now, Duration lifetime, Optional<Optional<Instant>> freshTokenExpiry) {
    freshTokenExpiry.ifPresent(exp -> tokenExpiry = exp);
    expiresAt = expiry(now, lifetime, tokenExpiry);
    onExpiryChange.run();
    return expiresAt;
  }

  /** Delay until {@code session.expiring} is due (zero: at once). */
  public Duration untilExpiringNotice(Instant now) {
    Duration left = untilTimeout(now).minus(EXPIRING_NOTICE);
    return left.isNegative() ? Duration.ZERO : left;
  }

  public Duration untilTimeout(Instant now) {
    Duration left = Duration.between(now, expiresAt);
    return left.isNegative() ? Duration.ZERO : left;
  }

  static Instant expiry(Instant now, Duration lifetime, Optional<Instant> tokenExpiry) {
    Instant byLifetime = now.plus(lifetime);
    return tokenExpiry.filter(exp -> exp.isBefore(byLifetime)).orElse(byLifetime);
  }
}
