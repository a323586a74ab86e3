package dev.tickflow.strategy.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;

import dev.tickflow.model.Bar;
import dev.tickflow.model.BookLevel;
import dev.tickflow.model.BookUpdate;
import dev.tickflow.model.EventTime;
import dev.tickflow.model.Features;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.ModelWeights;
import dev.tickflow.model.Recommendation;
import dev.tickflow.model.Signal;
import dev.tickflow.model.topic.TopicNames;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.strategy.state.SymbolState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/** The production topology in a TopologyTestDriver, with a fixed clock, a chosen state directory and a bar factory. */
final class StrategyFixture implements AutoCloseable {

    static final Instant OPEN = Instant.parse("2026-11-20T14:30:00Z");
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final TopologyTestDriver driver;
    final TestInputTopic<String, Bar> bars;
    final TestInputTopic<String, BookUpdate> book;
    final TestInputTopic<String, ModelWeights> weights;
    final TestOutputTopic<String, Features> features;
    final TestOutputTopic<String, Signal> signals;
    final TestOutputTopic<String, Recommendation> recommendations;

    StrategyFixture() {
        this(temporaryDirectory());
    }

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T21:00:00Z"), ZoneOffset.UTC);

    StrategyFixture(Path stateDir) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "strategy");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(TopologyProducer.build(StrategySettings.defaults(), new StrategyMeters(registry), CLOCK), config);
        StringSerializer keys = new StringSerializer();
        StringDeserializer keysOut = new StringDeserializer();
        bars = driver.createInputTopic(TopicNames.MD_BARS_1M, keys, Topics.MD_BARS_1M.valueSerde());
        book = driver.createInputTopic(TopicNames.MD_BOOK, keys, Topics.MD_BOOK.valueSerde());
        weights = driver.createInputTopic(TopicNames.STRATEGY_MODEL_WEIGHTS, keys, Topics.STRATEGY_MODEL_WEIGHTS.valueSerde());
        features = driver.createOutputTopic(TopicNames.STRATEGY_FEATURES, keysOut, Topics.STRATEGY_FEATURES.valueSerde());
        signals = driver.createOutputTopic(TopicNames.SIGNALS, keysOut, Topics.SIGNALS.valueSerde());
        recommendations = driver.createOutputTopic(TopicNames.RECOMMENDATIONS, keysOut, Topics.RECOMMENDATIONS.valueSerde());
    }

    static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("strategy-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The closed 1-minute bar number {@code minute} of the session, closing at {@code close} (decimal text). */
    void bar(String symbol, int minute, String close, long volume) {
        bars.pipeInput(symbol, closedBar(symbol, minute, close, volume), OPEN.plusSeconds(60L * minute + 60));
    }

    static Bar closedBar(String symbol, int minute, String close, long volume) {
        Instant start = OPEN.plusSeconds(60L * minute);
        long price = FixedPoint.parse(close);
        return Bar.newBuilder().setSymbol(symbol).setIntervalSeconds(60).setWindowStartMicros(EventTime.toMicros(start))
                .setWindowEndMicros(EventTime.toMicros(start.plusSeconds(60))).setOpen(price).setHigh(price).setLow(price).setClose(price)
                .setVolume(volume).setTurnover(FixedPoint.notional(price, volume)).setVwap(price).setTradeCount(1)
                .setFirstEventTimeMicros(EventTime.toMicros(start)).setLastEventTimeMicros(EventTime.toMicros(start))
                .setClosed(true).setEnriched(false).setCurrency(null).setSector(null).build();
    }

    void book(String symbol, long bidQuantity, long askQuantity) {
        book.pipeInput(symbol, new BookUpdate(symbol, 1L, true, List.of(new BookLevel(FixedPoint.parse("99.99"), bidQuantity, 1)),
                List.of(new BookLevel(FixedPoint.parse("100.01"), askQuantity, 1)), 0L));
    }

    /** A snapshot of the book's top at {@code seconds} after the open. */
    void book(String symbol, long bidQuantity, long askQuantity, long seconds) {
        Instant at = OPEN.plusSeconds(seconds);
        book.pipeInput(symbol, new BookUpdate(symbol, 1L, true, List.of(new BookLevel(FixedPoint.parse("99.99"), bidQuantity, 1)),
                List.of(new BookLevel(FixedPoint.parse("100.01"), askQuantity, 1)), EventTime.toMicros(at)), at);
    }

    SymbolState state(String symbol) {
        KeyValueStore<String, SymbolState> store = driver.getKeyValueStore(StoreNames.SYMBOLS);
        return store.get(symbol);
    }

    double counter(String name) {
        return registry.counter(name).count();
    }

    @Override
    public void close() {
        driver.close();
    }
}
