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
    /** The day of the last trade looked up: trades come in time order, so nearly every trade falls in it. */
    private volatile TradingDay lastDay;

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
        TradingDay day = lastDay;
        if (day == null || eventTimeMicros < day.startMicros() || eventTimeMicros >= day.endMicros()) {
            day = TradingDay.of(LocalDate.ofInstant(EventTime.toInstant(eventTimeMicros), exchangeZone), exchangeZone);
            lastDay = day;
        }
        return day.text();
    }

    /**
     * Applies a trade to the session and returns it: the same object changed in place, or a new session when the trade
     * opens a later day. Sums are computed before anything is changed, so a refused trade leaves the session as it was.
     */
    public DailyStats add(String symbol, Tick tick, DailyStats stats) {
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
        long volume = Math.addExact(stats.getVolume(), tick.getQuantity());
        long turnover = Math.addExact(stats.getTurnover(), FixedPoint.notional(price, tick.getQuantity()));
        boolean earliest = tick.getEventTimeMicros() < stats.getFirstEventTimeMicros();
        boolean latest = tick.getEventTimeMicros() >= stats.getLastEventTimeMicros();
        long reference = stats.getPreviousClose() != null ? stats.getPreviousClose() : earliest ? price : stats.getOpen();
        long changePpm = changePpm(latest ? price : stats.getLast(), reference);
        stats.setHigh(Math.max(stats.getHigh(), price));
        stats.setLow(Math.min(stats.getLow(), price));
        if (earliest) {
            stats.setFirstEventTimeMicros(tick.getEventTimeMicros());
            stats.setOpen(price);
        }
        if (latest) {
            stats.setLastEventTimeMicros(tick.getEventTimeMicros());
            stats.setLast(price);
            stats.setLastQuantity(tick.getQuantity());
            stats.setLastSide(tick.getSide());
            stats.setLastVenue(tick.getVenue());
        }
        stats.setVolume(volume);
        stats.setTurnover(turnover);
        stats.setTradeCount(stats.getTradeCount() + 1);
        stats.setChangePpm(changePpm);
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
        long difference = last - reference;
        if (Math.abs(difference) <= Long.MAX_VALUE / 1_000_000) {
            return difference * 1_000_000 / reference; // truncates toward zero, as the exact path below
        }
        return BigInteger.valueOf(last - reference).multiply(BigInteger.valueOf(1_000_000))
                .divide(BigInteger.valueOf(reference)).longValueExact();
    }

    /** A calendar day in the exchange's zone as an event-time range [start, end), with its ISO date. */
    private record TradingDay(long startMicros, long endMicros, String text) {

        static TradingDay of(LocalDate date, ZoneId zone) {
            return new TradingDay(EventTime.toMicros(date.atStartOfDay(zone).toInstant()),
                    EventTime.toMicros(date.plusDays(1).atStartOfDay(zone).toInstant()), date.toString());
        }
    }
}
