package dev.tickflow.stats.topology;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.tickflow.model.DailyStats;
import dev.tickflow.model.MoverEntry;
import dev.tickflow.model.Movers;

/**
 * Top gainers and losers of the latest session. Only symbols of the newest trading date present take part (a symbol
 * that has not traded today is not today's mover). Gainers rose, losers fell; ordering is by the exact change
 * (compared by cross-multiplication, not the truncated ppm), then by symbol, so equal moves rank the same way every time.
 */
public final class MoverRanking {

    /** Largest rise first; equal rises by symbol. */
    static final Comparator<DailyStats> BY_GAIN = MoverRanking::compareChange;

    private MoverRanking() {
    }

    public static Movers rank(Iterable<DailyStats> sessions, int size, long asOfMicros) {
        String latestDate = "";
        List<DailyStats> all = new ArrayList<>();
        for (DailyStats stats : sessions) {
            all.add(stats);
            if (stats.getTradingDate().compareTo(latestDate) > 0) {
                latestDate = stats.getTradingDate();
            }
        }
        String date = latestDate;
        List<DailyStats> today = all.stream().filter(stats -> stats.getTradingDate().equals(date)).toList();
        List<MoverEntry> gainers = today.stream().filter(stats -> sign(stats) > 0)
                .sorted(BY_GAIN.reversed().thenComparing(DailyStats::getSymbol)).limit(size).map(MoverRanking::entry).toList();
        List<MoverEntry> losers = today.stream().filter(stats -> sign(stats) < 0)
                .sorted(BY_GAIN.thenComparing(DailyStats::getSymbol)).limit(size).map(MoverRanking::entry).toList();
        return new Movers(date, asOfMicros, gainers, losers);
    }

    private static int sign(DailyStats stats) {
        return Long.signum(stats.getLast() - DailyStatsMath.reference(stats));
    }

    /** (lastA - refA) / refA compared with (lastB - refB) / refB, exactly: references are positive prices. */
    private static int compareChange(DailyStats a, DailyStats b) {
        BigInteger left = BigInteger.valueOf(a.getLast() - DailyStatsMath.reference(a))
                .multiply(BigInteger.valueOf(DailyStatsMath.reference(b)));
        BigInteger right = BigInteger.valueOf(b.getLast() - DailyStatsMath.reference(b))
                .multiply(BigInteger.valueOf(DailyStatsMath.reference(a)));
        return left.compareTo(right);
    }

    private static MoverEntry entry(DailyStats stats) {
        return new MoverEntry(stats.getSymbol(), stats.getLast(), DailyStatsMath.reference(stats), stats.getChangePpm(),
                stats.getVolume());
    }
}
