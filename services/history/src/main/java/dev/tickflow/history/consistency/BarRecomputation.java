package dev.tickflow.history.consistency;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.tickflow.model.FixedPoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The batch layer's check of the streaming one: 1-minute bars recomputed in SQL from the stored raw ticks, with the
 * rules the stream applies, and compared field by field with the bars the stream emitted.
 *
 * <p>The rules, as market-stats applies them: a tick belongs to the minute of its event time; open is the price with the
 * earliest event time and close the one with the latest (ties: the first, respectively the last, in log order); a
 * tick is counted only if it reached its partition while the stream time there (the latest event time of the
 * partition so far) was still before the minute's end plus the grace. The stream time is recomputed from the ticks of
 * the same partitions within an hour of the range: a tick further in the future than that would be refused by the
 * feed anyway.
 */
@ApplicationScoped
public class BarRecomputation {

    private static final String EPOCH = "TIMESTAMPTZ '1970-01-01 00:00:00+00'";
    private static final String RECOMPUTE = "WITH scoped AS (SELECT symbol, event_time, kafka_partition, kafka_offset, price, quantity, "
            + "max(event_time) OVER (PARTITION BY kafka_partition ORDER BY kafka_offset) AS stream_time FROM history.tick "
            + "WHERE kafka_partition IN (SELECT DISTINCT kafka_partition FROM history.tick WHERE symbol = $1) "
            + "AND event_time >= $2::timestamptz - interval '1 hour' AND event_time < $3::timestamptz + interval '1 hour'), "
            + "counted AS (SELECT date_bin('60 seconds', event_time, " + EPOCH + ") AS window_start, * FROM scoped "
            + "WHERE symbol = $1 AND event_time >= $2 AND event_time < $3 "
            + "AND stream_time < date_bin('60 seconds', event_time, " + EPOCH + ") + interval '60 seconds' + make_interval(secs => $4)) "
            + "SELECT window_start, (array_agg(price ORDER BY event_time, kafka_offset))[1] AS open, max(price) AS high, "
            + "min(price) AS low, (array_agg(price ORDER BY event_time DESC, kafka_offset DESC))[1] AS close, "
            + "sum(quantity)::bigint AS volume, sum(price::numeric * quantity)::bigint AS turnover, count(*) AS trade_count "
            + "FROM counted GROUP BY window_start ORDER BY window_start";
    private static final String STREAMED = "SELECT window_start, open, high, low, close, volume, turnover, trade_count FROM history.bar_1m "
            + "WHERE symbol = $1 AND window_start >= $2 AND window_start < $3 "
            + "ORDER BY window_start";
    private static final String[] FIELDS = {"open", "high", "low", "close", "volume", "turnover", "trade_count"};

    private final Pool client;
    private final Duration grace;
    private final Counter mismatches;
    private volatile ConsistencyReport latest;

    BarRecomputation(Pool client, @ConfigProperty(name = "tickflow.history.grace", defaultValue = "10s") Duration grace,
            MeterRegistry registry) {
        this.client = client;
        this.grace = grace;
        this.mismatches = registry.counter("tickflow.history.consistency.mismatches");
    }

    public Uni<ConsistencyReport> recompute(String symbol, Instant from, Instant to) {
        OffsetDateTime start = OffsetDateTime.ofInstant(from, ZoneOffset.UTC);
        OffsetDateTime end = OffsetDateTime.ofInstant(to, ZoneOffset.UTC);
        Uni<Map<Instant, long[]>> recomputed = client.preparedQuery(RECOMPUTE)
                .execute(Tuple.of(symbol, start, end, (double) grace.toMillis() / 1_000)).map(BarRecomputation::byWindow);
        Uni<Map<Instant, long[]>> streamed = client.preparedQuery(STREAMED).execute(Tuple.of(symbol, start, end))
                .map(BarRecomputation::byWindow);
        return Uni.combine().all().unis(recomputed, streamed).asTuple().map(both -> {
            ConsistencyReport report = compare(symbol, from, to, both.getItem1(), both.getItem2());
            mismatches.increment(report.differences().size());
            latest = report;
            return report;
        });
    }

    public ConsistencyReport latest() {
        return latest;
    }

    private static Map<Instant, long[]> byWindow(Iterable<Row> rows) {
        Map<Instant, long[]> bars = new TreeMap<>();
        for (Row row : rows) {
            long[] values = new long[FIELDS.length];
            for (int i = 0; i < FIELDS.length; i++) {
                values[i] = row.getLong(FIELDS[i]);
            }
            bars.put(row.getOffsetDateTime("window_start").toInstant(), values);
        }
        return bars;
    }

    private static ConsistencyReport compare(String symbol, Instant from, Instant to, Map<Instant, long[]> recomputed,
            Map<Instant, long[]> streamed) {
        List<ConsistencyReport.Difference> differences = new ArrayList<>();
        TreeMap<Instant, Boolean> windows = new TreeMap<>();
        recomputed.keySet().forEach(window -> windows.put(window, true));
        streamed.keySet().forEach(window -> windows.put(window, true));
        for (Instant window : windows.keySet()) {
            long[] batch = recomputed.get(window);
            long[] stream = streamed.get(window);
            if (batch == null || stream == null) {
                differences.add(new ConsistencyReport.Difference(window.toString(), "bar", batch == null ? "none" : "present",
                        stream == null ? "none" : "present"));
                continue;
            }
            for (int i = 0; i < FIELDS.length; i++) {
                if (batch[i] != stream[i]) {
                    boolean money = i < 4 || FIELDS[i].equals("turnover");
                    differences.add(new ConsistencyReport.Difference(window.toString(), FIELDS[i],
                            money ? FixedPoint.format(batch[i]) : Long.toString(batch[i]),
                            money ? FixedPoint.format(stream[i]) : Long.toString(stream[i])));
                }
            }
        }
        return new ConsistencyReport(symbol, from.toString(), to.toString(), windows.size(), differences, Instant.now().toString());
    }
}
