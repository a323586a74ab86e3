package dev.tickflow.matching.engine;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The exchange's trading day: it ends at the daily close in the exchange's time zone, so a DAY order entered after the
 * close belongs to the next day's session. Session dates are ISO dates, which compare as strings.
 */
public record TradingSession(ZoneId zone, LocalTime close) {

    /** The date of the session that is open (or next to open) at this instant. */
    public String sessionDate(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        return (local.toLocalTime().isBefore(close) ? local.toLocalDate() : local.toLocalDate().plusDays(1)).toString();
    }
}
