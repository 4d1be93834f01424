package io.pqcfhe.pqc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The contract's time format: ISO-8601 UTC with {@code Z}, to the millisecond. */
public final class Timestamps {
  private Timestamps() {}

  public static String format(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS).toString();
  }
}
