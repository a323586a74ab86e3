package dev.tickflow.stats.query;

import java.util.List;

import dev.tickflow.model.Bar;
import dev.tickflow.model.DailyStats;
import dev.tickflow.model.EventTime;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.Instrument;
import dev.tickflow.model.MoverEntry;
import dev.tickflow.model.Movers;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** What the REST API returns. Prices and money are exact decimal strings; times are ISO-8601 instants. */
public final class Views {

    private Views() {
    }

    /** One bar. */
    @RegisterForReflection
    public record BarView(String symbol, String interval, String start, String end, String open, String high, String low,
            String close, long volume, String vwap, String turnover, long trades, boolean closed, boolean enriched,
            String currency, String sector) {

        static BarView of(Bar bar, String interval, long startMillis, long endMillis) {
            return new BarView(bar.getSymbol(), interval, java.time.Instant.ofEpochMilli(startMillis).toString(),
                    java.time.Instant.ofEpochMilli(endMillis).toString(), FixedPoint.format(bar.getOpen()),
                    FixedPoint.format(bar.getHigh()), FixedPoint.format(bar.getLow()), FixedPoint.format(bar.getClose()),
                    bar.getVolume(), FixedPoint.format(bar.getVwap()), FixedPoint.format(bar.getTurnover()), bar.getTradeCount(),
                    bar.getClosed(), bar.getEnriched(), bar.getCurrency(), bar.getSector());
        }
    }

    /** A symbol's session so far. */
    @RegisterForReflection
    public record SessionView(String symbol, String tradingDate, String open, String high, String low, String last,
            String previousClose, String changePercent, long volume, String turnover, long trades, String lastTradeAt) {

        static SessionView of(DailyStats stats) {
            return new SessionView(stats.getSymbol(), stats.getTradingDate(), FixedPoint.format(stats.getOpen()),
                    FixedPoint.format(stats.getHigh()), FixedPoint.format(stats.getLow()), FixedPoint.format(stats.getLast()),
                    stats.getPreviousClose() == null ? null : FixedPoint.format(stats.getPreviousClose()),
                    percent(stats.getChangePpm()), stats.getVolume(), FixedPoint.format(stats.getTurnover()),
                    stats.getTradeCount(), EventTime.toInstant(stats.getLastEventTimeMicros()).toString());
        }
    }

    /** The latest trade (by event time) of the session. */
    @RegisterForReflection
    public record TradeView(String price, long quantity, String side, String venue, String at) {

        static TradeView of(DailyStats session) {
            return new TradeView(FixedPoint.format(session.getLast()), session.getLastQuantity(),
                    session.getLastSide() == null ? null : session.getLastSide().name(), session.getLastVenue(),
                    EventTime.toInstant(session.getLastEventTimeMicros()).toString());
        }
    }

    /** GET /symbols/{symbol}/quote. */
    @RegisterForReflection
    public record QuoteView(String symbol, String name, String currency, String sector, TradeView lastTrade,
            SessionView session) {
    }

    /** One line of GET /symbols. */
    @RegisterForReflection
    public record SymbolView(String symbol, String name, String sector, String last, String changePercent, long volume,
            String tradingDate) {

        static SymbolView of(DailyStats stats, Instrument instrument) {
            return new SymbolView(stats.getSymbol(), instrument == null ? null : instrument.getName(),
                    instrument == null ? null : instrument.getSector(), FixedPoint.format(stats.getLast()),
                    percent(stats.getChangePpm()), stats.getVolume(), stats.getTradingDate());
        }
    }

    /** One mover. */
    @RegisterForReflection
    public record MoverView(String symbol, String last, String reference, String changePercent, long volume) {

        static MoverView of(MoverEntry entry) {
            return new MoverView(entry.getSymbol(), FixedPoint.format(entry.getLast()), FixedPoint.format(entry.getReferencePrice()),
                    percent(entry.getChangePpm()), entry.getVolume());
        }
    }

    /** GET /movers. */
    @RegisterForReflection
    public record MoversView(String tradingDate, String asOf, List<MoverView> gainers, List<MoverView> losers) {

        static MoversView of(Movers movers) {
            return new MoversView(movers.getTradingDate(), EventTime.toInstant(movers.getAsOfMicros()).toString(),
                    movers.getGainers().stream().map(MoverView::of).toList(), movers.getLosers().stream().map(MoverView::of).toList());
        }
    }

    /** Parts per million as a percentage with four decimals: 12,345 ppm is "1.2345". */
    static String percent(long ppm) {
        return java.math.BigDecimal.valueOf(ppm, 4).toPlainString();
    }
}
