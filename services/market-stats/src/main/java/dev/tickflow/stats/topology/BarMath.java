package dev.tickflow.stats.topology;

import dev.tickflow.model.Bar;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.Instrument;
import dev.tickflow.model.Tick;

/**
 * How ticks make a bar and bars make a longer bar. Open and close follow event time, not arrival: an out-of-order tick
 * older than the bar's first becomes its open, and only a tick at or after the latest event time moves the close
 * (equal times: the later arrival wins the close, the earlier keeps the open). Sums are exact and throw on overflow.
 */
public final class BarMath {

    private BarMath() {
    }

    /** The aggregate before any tick: no trades. */
    public static Bar empty() {
        return Bar.newBuilder().setSymbol("").setIntervalSeconds(0).setWindowStartMicros(0).setWindowEndMicros(0)
                .setOpen(0).setHigh(0).setLow(0).setClose(0).setVolume(0).setTurnover(0).setVwap(0).setTradeCount(0)
                .setFirstEventTimeMicros(0).setLastEventTimeMicros(0).setClosed(false).setEnriched(true)
                .setCurrency(null).setSector(null).build();
    }

    /**
     * Throws what {@link #addTick} would throw for this trade, without changing anything.
     *
     * @param bar the bar the trade would go to, or null for a bar it would open
     */
    public static void checkAddable(Tick tick, Bar bar) {
        long notional = FixedPoint.notional(tick.getPrice(), tick.getQuantity());
        boolean first = bar == null || bar.getTradeCount() == 0;
        long volume = first ? tick.getQuantity() : Math.addExact(bar.getVolume(), tick.getQuantity());
        long turnover = first ? notional : Math.addExact(bar.getTurnover(), notional);
        FixedPoint.divideHalfEven(turnover, volume);
    }

    /**
     * Adds a trade to a bar in place. Everything that can fail (an overflowing sum) is computed before the bar is touched:
     * the bar is kept in memory between ticks, so a refused tick must leave it as it was.
     *
     * @param instrument the trade's reference data, or null while it is not known: the bar is then marked unenriched
     */
    public static Bar addTick(String symbol, Tick tick, Instrument instrument, Bar bar) {
        long price = tick.getPrice();
        long time = tick.getEventTimeMicros();
        long notional = FixedPoint.notional(price, tick.getQuantity());
        boolean first = bar.getTradeCount() == 0;
        long volume = first ? tick.getQuantity() : Math.addExact(bar.getVolume(), tick.getQuantity());
        long turnover = first ? notional : Math.addExact(bar.getTurnover(), notional);
        long vwap = FixedPoint.divideHalfEven(turnover, volume);
        boolean enriched = instrument != null;
        bar.setSymbol(symbol);
        if (first) {
            bar.setOpen(price);
            bar.setHigh(price);
            bar.setLow(price);
            bar.setClose(price);
            bar.setFirstEventTimeMicros(time);
            bar.setLastEventTimeMicros(time);
            bar.setEnriched(enriched);
        } else {
            bar.setHigh(Math.max(bar.getHigh(), price));
            bar.setLow(Math.min(bar.getLow(), price));
            if (time < bar.getFirstEventTimeMicros()) {
                bar.setFirstEventTimeMicros(time);
                bar.setOpen(price);
            }
            if (time >= bar.getLastEventTimeMicros()) {
                bar.setLastEventTimeMicros(time);
                bar.setClose(price);
            }
            bar.setEnriched(bar.getEnriched() && enriched);
        }
        bar.setVolume(volume);
        bar.setTurnover(turnover);
        bar.setTradeCount(bar.getTradeCount() + 1);
        enrich(bar, instrument);
        bar.setVwap(vwap);
        return bar;
    }

    /** Folds a closed shorter bar into a longer one (5-minute from 1-minute, 1-hour from 5-minute). */
    public static Bar addBar(String symbol, Bar part, Bar bar) {
        bar.setSymbol(symbol);
        if (bar.getTradeCount() == 0) {
            bar.setOpen(part.getOpen());
            bar.setHigh(part.getHigh());
            bar.setLow(part.getLow());
            bar.setClose(part.getClose());
            bar.setFirstEventTimeMicros(part.getFirstEventTimeMicros());
            bar.setLastEventTimeMicros(part.getLastEventTimeMicros());
            bar.setVolume(part.getVolume());
            bar.setTurnover(part.getTurnover());
            bar.setEnriched(part.getEnriched());
        } else {
            bar.setHigh(Math.max(bar.getHigh(), part.getHigh()));
            bar.setLow(Math.min(bar.getLow(), part.getLow()));
            if (part.getFirstEventTimeMicros() < bar.getFirstEventTimeMicros()) {
                bar.setFirstEventTimeMicros(part.getFirstEventTimeMicros());
                bar.setOpen(part.getOpen());
            }
            if (part.getLastEventTimeMicros() >= bar.getLastEventTimeMicros()) {
                bar.setLastEventTimeMicros(part.getLastEventTimeMicros());
                bar.setClose(part.getClose());
            }
            bar.setVolume(Math.addExact(bar.getVolume(), part.getVolume()));
            bar.setTurnover(Math.addExact(bar.getTurnover(), part.getTurnover()));
            bar.setEnriched(bar.getEnriched() && part.getEnriched());
        }
        bar.setTradeCount(bar.getTradeCount() + part.getTradeCount());
        if (part.getCurrency() != null) {
            bar.setCurrency(part.getCurrency());
            bar.setSector(part.getSector());
        }
        bar.setVwap(FixedPoint.divideHalfEven(bar.getTurnover(), bar.getVolume()));
        return bar;
    }

    private static void enrich(Bar bar, Instrument instrument) {
        if (instrument != null) {
            bar.setCurrency(instrument.getCurrency());
            bar.setSector(instrument.getSector());
        }
    }
}
