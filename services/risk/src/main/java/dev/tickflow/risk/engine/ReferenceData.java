package dev.tickflow.risk.engine;

import java.util.Map;

import dev.tickflow.model.DailyStats;
import dev.tickflow.model.Instrument;
import dev.tickflow.model.RiskLimits;

/**
 * What risk reads besides its inputs: limits per account, each symbol's last trade and instruments, as the compacted
 * topics say now. Decisions that depend on them are recorded in their outputs, and a replay follows the record.
 */
public record ReferenceData(Map<String, RiskLimits> limits, Map<String, DailyStats> sessions, Map<String, Instrument> instruments) {

    /** The symbol's last trade, micro-units; null when none is known. */
    public Long lastPrice(String symbol) {
        DailyStats session = sessions.get(symbol);
        return session == null || session.getTradeCount() == 0 ? null : session.getLast();
    }

    public static ReferenceData empty() {
        return new ReferenceData(Map.of(), Map.of(), Map.of());
    }
}
