package dev.tickflow.stats.topology;

import java.time.Duration;
import java.util.Map;

import dev.tickflow.model.Bar;
import dev.tickflow.model.DailyStats;
import dev.tickflow.model.Movers;
import dev.tickflow.model.Tick;
import dev.tickflow.model.serde.AvroSerde;
import dev.tickflow.model.serde.RecordType;
import dev.tickflow.model.serde.RecordTypes;
import dev.tickflow.model.topic.TopicNames;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.stats.StatsConfig;
import dev.tickflow.stats.indicators.IndicatorCalculator;
import dev.tickflow.stats.indicators.IndicatorProcessor;
import dev.tickflow.stats.indicators.IndicatorState;
import dev.tickflow.stats.metrics.StatsMetrics;
import dev.tickflow.support.streams.BeforeCommitHook;
import dev.tickflow.support.streams.DecodingGlobalStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The market-stats topology; {@link #build} is what the application runs and what the tests drive.
 *
 * <pre>
 * md.ticks --(event time)--> aggregate ticks: instrument (global store), 1-minute bar (grace), session (stores)
 *   +--> open bars, at most once per live interval --> md.bars.1m.live
 *   +--> closed bars, once --> md.bars.1m --> indicators (store)
 *   |                     \-> 5-minute windows --> md.bars.5m --> 1-hour windows --> md.bars.1h
 *   \--> sessions, at most once per live interval --> md.daily-stats
 *          \-> re-keyed to one partition --> ranking task --> md.movers
 * </pre>
 *
 * The longer bars are derived from the closed shorter ones rather than windowed over ticks: each tick then touches one
 * window store instead of three, and a 5-minute bar always equals its five 1-minute bars (the same late ticks counted).
 * The price is latency: a longer bar closes once the next shorter bar has closed.
 */
@ApplicationScoped
public class TopologyProducer {

    private static final Serde<String> KEYS = Serdes.String();

    @Produces
    Topology topology(StatsConfig config, StatsMetrics metrics) {
        return build(StatsSettings.from(config), metrics);
    }

    public static Topology build(StatsSettings settings, StatsMetrics metrics) {
        AvroSerde<Tick> ticksSerde = Topics.MD_TICKS.valueSerde();
        AvroSerde<Bar> barSerde = Topics.MD_BARS_1M.valueSerde();
        AvroSerde<DailyStats> dailySerde = Topics.MD_DAILY_STATS.valueSerde();
        AvroSerde<Movers> moversSerde = Topics.MD_MOVERS.valueSerde();
        StreamsBuilder builder = new StreamsBuilder();

        KStream<String, Tick> ticks = builder.stream(TopicNames.MD_TICKS, Consumed.with(KEYS, ticksSerde)
                .withTimestampExtractor(new TickTimestampExtractor()).withName("ticks"));
        // Reference data is small and read on every tick: kept in memory (it is rebuilt from its topic at start anyway),
        // decoded in the store's own processor so that no record on ref.instruments can stop the application.
        DecodingGlobalStore.add(builder, StoreNames.INSTRUMENTS, TopicNames.REF_INSTRUMENTS, RecordTypes.INSTRUMENT);

        addTickStores(builder, settings, barSerde, dailySerde);
        // A tick for an instrument reference data does not know yet is still aggregated, its bar marked unenriched.
        DailyStatsMath daily = new DailyStatsMath(settings.exchangeZone(), metrics);
        Map<String, KStream<String, StatsUpdate>> updates = ticks
                .process(() -> new TickAggregator(settings.grace(), settings.liveInterval(), daily, metrics), Named.as("aggregate-ticks"),
                        StoreNames.BARS_1M, StoreNames.DAILY_STATS, StoreNames.TICKS_COMMIT_HOOK)
                .split(Named.as("updates-"))
                .branch((symbol, update) -> update instanceof StatsUpdate.LiveBar, Branched.as("live"))
                .branch((symbol, update) -> update instanceof StatsUpdate.ClosedBar, Branched.as("closed"))
                .defaultBranch(Branched.as("sessions"));
        updates.get("updates-live").mapValues(update -> ((StatsUpdate.LiveBar) update).bar(), Named.as("live-bars"))
                .to(TopicNames.MD_BARS_1M_LIVE, Produced.with(KEYS, barSerde).withName("bars-1m-live-sink"));
        KStream<String, Bar> closedMinutes = updates.get("updates-closed")
                .mapValues(update -> ((StatsUpdate.ClosedBar) update).bar(), Named.as("closed-bars"));
        closedMinutes.to(TopicNames.MD_BARS_1M, Produced.with(KEYS, barSerde).withName("bars-1m-sink"));
        KStream<String, Bar> closedFiveMinutes = longerBars(closedMinutes, Duration.ofMinutes(5), StoreNames.BARS_5M,
                settings.retention5m(), barSerde, metrics);
        closedFiveMinutes.to(TopicNames.MD_BARS_5M, Produced.with(KEYS, barSerde).withName("bars-5m-sink"));
        longerBars(closedFiveMinutes, Duration.ofHours(1), StoreNames.BARS_1H, settings.retention1h(), barSerde, metrics)
                .to(TopicNames.MD_BARS_1H, Produced.with(KEYS, barSerde).withName("bars-1h-sink"));

        indicators(builder, closedMinutes, settings);
        KStream<String, DailyStats> sessions = updates.get("updates-sessions")
                .mapValues(update -> ((StatsUpdate.Session) update).stats(), Named.as("sessions"));
        sessions.to(TopicNames.MD_DAILY_STATS, Produced.with(KEYS, dailySerde).withName("daily-stats-sink"));
        movers(builder, sessions, settings, dailySerde, moversSerde);

        return builder.build();
    }

    /**
     * The stores {@link TickAggregator} writes before each commit: the names, types and changelogs the REST queries and
     * earlier versions used. No record cache: the aggregator's memory is the cache, and its writes must reach the
     * changelogs in the commit they are made for.
     */
    private static void addTickStores(StreamsBuilder builder, StatsSettings settings, AvroSerde<Bar> barSerde,
            AvroSerde<DailyStats> dailySerde) {
        builder.addStateStore(Stores.timestampedWindowStoreBuilder(Stores.persistentTimestampedWindowStore(StoreNames.BARS_1M,
                settings.retention1m(), Duration.ofMillis(TickAggregator.WINDOW_MILLIS), false), KEYS, barSerde).withCachingDisabled());
        builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(Stores.persistentTimestampedKeyValueStore(StoreNames.DAILY_STATS),
                KEYS, dailySerde).withCachingDisabled());
        builder.addStateStore(BeforeCommitHook.builder(StoreNames.TICKS_COMMIT_HOOK));
    }

    /** Windows closed bars into longer bars; the input is in order per symbol, so no grace is needed. */
    private static KStream<String, Bar> longerBars(KStream<String, Bar> closedShorter, Duration size, String store,
            Duration retention, AvroSerde<Bar> barSerde, StatsMetrics metrics) {
        String name = store;
        return closedShorter
                .groupByKey(Grouped.<String, Bar>as(name + "-input").withKeySerde(KEYS).withValueSerde(barSerde))
                .windowedBy(TimeWindows.ofSizeWithNoGrace(size))
                .aggregate(BarMath::empty, BarMath::addBar, Named.as(name),
                        Materialized.<String, Bar, WindowStore<Bytes, byte[]>>as(store)
                                .withKeySerde(KEYS).withValueSerde(barSerde).withRetention(retention.plus(size)))
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()).withName(name + "-until-closed"))
                .toStream(Named.as(name + "-closed-updates"))
                .process(() -> new BarEmitter((int) size.toSeconds(), true, metrics), Named.as(name + "-closed"));
    }

    private static void indicators(StreamsBuilder builder, KStream<String, Bar> closedMinutes, StatsSettings settings) {
        RecordType<IndicatorState> stateType = RecordType.unversioned(IndicatorState.class, IndicatorState.getClassSchema());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.INDICATORS), KEYS,
                new AvroSerde<>(stateType)));
        IndicatorCalculator calculator = new IndicatorCalculator(settings.indicators());
        closedMinutes.process(() -> new IndicatorProcessor(calculator, settings.exchangeZone()), Named.as("indicators"),
                StoreNames.INDICATORS);
    }

    private static void movers(StreamsBuilder builder, KStream<String, DailyStats> sessions, StatsSettings settings,
            AvroSerde<DailyStats> dailySerde, AvroSerde<Movers> moversSerde) {
        // Multiphase: every symbol's session meets every other in one task, through a one-partition topic.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.MOVERS_SESSIONS), KEYS,
                dailySerde));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.MOVERS), KEYS, moversSerde));
        sessions
                .selectKey((symbol, stats) -> StoreNames.MOVERS_KEY, Named.as("movers-rekey"))
                .repartition(Repartitioned.<String, DailyStats>as("movers-input").withKeySerde(KEYS).withValueSerde(dailySerde)
                        .withNumberOfPartitions(1))
                .process(() -> new MoversRanker(settings.moversSize(), settings.moversInterval()), Named.as("movers-ranking"),
                        StoreNames.MOVERS_SESSIONS, StoreNames.MOVERS)
                .to(TopicNames.MD_MOVERS, Produced.with(KEYS, moversSerde).withName("movers-sink"));
    }
}
