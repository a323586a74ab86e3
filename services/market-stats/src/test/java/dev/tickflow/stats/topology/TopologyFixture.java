package dev.tickflow.stats.topology;

import java.nio.file.Files;
import java.time.Instant;
import java.util.Properties;

import dev.tickflow.model.Bar;
import dev.tickflow.model.DailyStats;
import dev.tickflow.model.EventTime;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.Instrument;
import dev.tickflow.model.Movers;
import dev.tickflow.model.Tick;
import dev.tickflow.model.TickSource;
import dev.tickflow.model.topic.TopicNames;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.stats.metrics.StatsMetrics;
import dev.tickflow.support.streams.DeadLetterDeserializationHandler;
import dev.tickflow.support.streams.DeadLetterProcessingHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The production topology in a TopologyTestDriver, with typed topics and a tick factory. */
final class TopologyFixture implements AutoCloseable {

    final StatsMetrics metrics = new StatsMetrics(new SimpleMeterRegistry());
    final TopologyTestDriver driver;
    final TestInputTopic<String, Tick> ticks;
    final TestInputTopic<String, byte[]> rawTicks;
    final TestInputTopic<String, Instrument> instruments;
    final TestInputTopic<String, byte[]> rawInstruments;
    final TestOutputTopic<String, Bar> bars1m;
    final TestOutputTopic<String, Bar> liveBars;
    final TestOutputTopic<String, Bar> bars5m;
    final TestOutputTopic<String, Bar> bars1h;
    final TestOutputTopic<String, DailyStats> daily;
    final TestOutputTopic<String, Movers> movers;
    final TestOutputTopic<byte[], byte[]> deadLetters;
    private final java.time.Duration liveInterval;

    TopologyFixture() {
        this(StatsSettings.defaults());
    }

    TopologyFixture(StatsSettings settings) {
        liveInterval = settings.liveInterval();
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "market-stats");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        try {
            config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("market-stats-test").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        driver = new TopologyTestDriver(TopologyProducer.build(settings, metrics), config);
        StringSerializer keys = new StringSerializer();
        StringDeserializer keysOut = new StringDeserializer();
        ticks = driver.createInputTopic(TopicNames.MD_TICKS, keys, Topics.MD_TICKS.valueSerde());
        rawTicks = driver.createInputTopic(TopicNames.MD_TICKS, keys, new ByteArraySerializer());
        instruments = driver.createInputTopic(TopicNames.REF_INSTRUMENTS, keys, Topics.REF_INSTRUMENTS.valueSerde());
        rawInstruments = driver.createInputTopic(TopicNames.REF_INSTRUMENTS, keys, new ByteArraySerializer());
        bars1m = driver.createOutputTopic(TopicNames.MD_BARS_1M, keysOut, Topics.MD_BARS_1M.valueSerde());
        liveBars = driver.createOutputTopic(TopicNames.MD_BARS_1M_LIVE, keysOut, Topics.MD_BARS_1M_LIVE.valueSerde());
        bars5m = driver.createOutputTopic(TopicNames.MD_BARS_5M, keysOut, Topics.MD_BARS_5M.valueSerde());
        bars1h = driver.createOutputTopic(TopicNames.MD_BARS_1H, keysOut, Topics.MD_BARS_1H.valueSerde());
        daily = driver.createOutputTopic(TopicNames.MD_DAILY_STATS, keysOut, Topics.MD_DAILY_STATS.valueSerde());
        movers = driver.createOutputTopic(TopicNames.MD_MOVERS, keysOut, Topics.MD_MOVERS.valueSerde());
        deadLetters = driver.createOutputTopic(TopicNames.MD_TICKS_DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Sends a trade of {@code quantity} at {@code price} (decimal text) that happened at {@code time}, then lets a live
     * interval pass on the wall clock, so that what the trade changed is published before the next one.
     */
    void trade(String symbol, String price, long quantity, String time) {
        trade(symbol, price, quantity, Instant.parse(time));
    }

    void trade(String symbol, String price, long quantity, Instant time) {
        tradeWithinTheInterval(symbol, price, quantity, time.toString());
        driver.advanceWallClockTime(liveInterval);
    }

    /** Sends a trade and lets no time pass on the wall clock: what it changed is published with the next interval. */
    void tradeWithinTheInterval(String symbol, String price, long quantity, String time) {
        Instant at = Instant.parse(time);
        long micros = EventTime.toMicros(at);
        ticks.pipeInput(symbol, Tick.newBuilder().setSymbol(symbol).setPrice(FixedPoint.parse(price)).setQuantity(quantity)
                .setEventTimeMicros(micros).setIngestTimeMicros(micros).setSource(TickSource.PUSH).setSide(null).setVenue(null)
                .setTradeId(null).build(), at);
    }

    void letTheLiveIntervalPass() {
        driver.advanceWallClockTime(liveInterval);
    }

    void instrument(String symbol, String currency, String sector) {
        instruments.pipeInput(symbol, Instrument.newBuilder().setSymbol(symbol).setName(symbol + " Corp").setCurrency(currency)
                .setTickSize(FixedPoint.parse("0.01")).setLotSize(1).setSector(sector).setTradable(true).setUpdatedAtMicros(0)
                .build());
    }

    static long micros(String time) {
        return EventTime.toMicros(Instant.parse(time));
    }

    static long price(String decimal) {
        return FixedPoint.parse(decimal);
    }

    @Override
    public void close() {
        driver.close();
    }
}
