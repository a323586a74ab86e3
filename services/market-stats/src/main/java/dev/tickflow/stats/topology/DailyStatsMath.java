package dev.tickflow.stats.topology;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.ZoneId;

import dev.tickflow.model.DailyStats;
import dev.tickflow.model.EventTime;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.Tick;
import dev.tickflow.stats.metrics.StatsMetrics;

/**
 * One symbol's trading session so far, including its last trade (so quotes need no store of their own). The session
 * is the calendar day of the trade's event time in the exchange's zone: the first trade of a later day rolls the
 * session over (yesterday's last becomes the previous close); a trade of an earlier day than the current session is
 * too late to change it and is counted, not applied.
 */
public final class DailyStatsMath {

    private final ZoneId exchangeZone;
    private final StatsMetrics metrics;

    public DailyStatsMath(ZoneId exchangeZone, StatsMetrics metrics) {
        this.exchangeZone = exchangeZone;
        this.metrics = metrics;
    }

    public static DailyStats empty() {
        return DailyStats.newBuilder().setSymbol("").setTradingDate("").setOpen(0).setHigh(0).setLow(0).setLast(0)
                .setPreviousClose(null).setChangePpm(0).setVolume(0).setTurnover(0).setTradeCount(0).setLastEventTimeMicros(0)
                .setFirstEventTimeMicros(0).setLastQuantity(0).setLastSide(null).setLastVenue(null).build();
    }

    public static boolean isEmpty(DailyStats stats) {
        return stats == null || stats.getTradeCount() == 0;
    }

    public String tradingDate(long eventTimeMicros) {
        return LocalDate.ofInstant(EventTime.toInstant(eventTimeMicros), exchangeZone).toString();
    }

    public DailyStats add(String symbol, EnrichedTick enriched, DailyStats stats) {
        Tick tick = enriched.tick();
        String date = tradingDate(tick.getEventTimeMicros());
        int order = isEmpty(stats) ? 1 : date.compareTo(stats.getTradingDate());
        if (order < 0) {
            metrics.lateTickDropped("daily");
            return stats;
        }
        if (order > 0) {
            Long previousClose = isEmpty(stats) ? null : stats.getLast();
            return open(symbol, tick, date, previousClose);
        }
        long price = tick.getPrice();
        stats.setHigh(Math.max(stats.getHigh(), price));
        stats.setLow(Math.min(stats.getLow(), price));
        if (tick.getEventTimeMicros() < stats.getFirstEventTimeMicros()) {
            stats.setFirstEventTimeMicros(tick.getEventTimeMicros());
            stats.setOpen(price);
        }
        if (tick.getEventTimeMicros() >= stats.getLastEventTimeMicros()) {
            stats.setLastEventTimeMicros(tick.getEventTimeMicros());
            stats.setLast(price);
            stats.setLastQuantity(tick.getQuantity());
            stats.setLastSide(tick.getSide());
            stats.setLastVenue(tick.getVenue());
        }
        stats.setVolume(Math.addExact(stats.getVolume(), tick.getQuantity()));
        stats.setTurnover(Math.addExact(stats.getTurnover(), FixedPoint.notional(price, tick.getQuantity())));
        stats.setTradeCount(stats.getTradeCount() + 1);
        stats.setChangePpm(changePpm(stats.getLast(), reference(stats)));
        return stats;
    }

    private static DailyStats open(String symbol, Tick tick, String date, Long previousClose) {
        long price = tick.getPrice();
        DailyStats stats = DailyStats.newBuilder().setSymbol(symbol).setTradingDate(date).setOpen(price).setHigh(price)
                .setLow(price).setLast(price).setPreviousClose(previousClose).setChangePpm(0).setVolume(tick.getQuantity())
                .setTurnover(FixedPoint.notional(price, tick.getQuantity())).setTradeCount(1)
                .setLastEventTimeMicros(tick.getEventTimeMicros()).setFirstEventTimeMicros(tick.getEventTimeMicros())
                .setLastQuantity(tick.getQuantity()).setLastSide(tick.getSide()).setLastVenue(tick.getVenue()).build();
        stats.setChangePpm(changePpm(price, reference(stats)));
        return stats;
    }

    /** The price a day's change is measured from: the previous session's close, or this session's open on the first day. */
    public static long reference(DailyStats stats) {
        return stats.getPreviousClose() != null ? stats.getPreviousClose() : stats.getOpen();
    }

    /** (last - reference) / reference in parts per million, truncated toward zero; exact for any prices. */
    public static long changePpm(long last, long reference) {
        if (reference == 0) {
            return 0;
        }
        return BigInteger.valueOf(last - reference).multiply(BigInteger.valueOf(1_000_000))
                .divide(BigInteger.valueOf(reference)).longValueExact();
    }
}
