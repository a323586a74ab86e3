package dev.tickflow.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.Test;

class BoundedRocksDbMemoryTest {

    private static final int STORES = 3;
    private static final long BUDGET = 4L << 20;
    private static final int RECORDS = 3_000;
    private static final long STEP_MILLIS = 1_800;

    @Test
    void everyStoreAndSegmentSharesOneBudgetAndStillCountsRight() throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> trades = builder.stream("trades", Consumed.with(Serdes.String(), Serdes.String()));
        for (int store = 0; store < STORES; store++) {
            // an hour's retention over minute windows: each store opens several segments, each its own RocksDB instance
            trades.groupByKey().windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(1), Duration.ZERO))
                    .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("counts-" + store).withRetention(Duration.ofHours(1))
                            .withCachingDisabled());
        }
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "bounded-rocksdb");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("bounded-rocksdb").toString());
        config.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        config.put(BoundedRocksDbMemory.MEMORY, Long.toString(BUDGET));
        config.put(BoundedRocksDbMemory.MEMTABLES, Long.toString(BUDGET / 4));
        Instant start = Instant.parse("2026-06-01T09:00:00Z");
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), config)) {
            TestInputTopic<String, String> input = driver.createInputTopic("trades", new StringSerializer(), new StringSerializer());
            // the test driver commits, and so flushes every memtable, after each record: a few thousand keep it quick
            for (int i = 0; i < RECORDS; i++) {
                // 30 symbols over 90 minutes: every store writes into two segments and more
                input.pipeInput("S" + (i % 30), "x", start.plusMillis(i * STEP_MILLIS));
            }
            assertThat(BoundedRocksDbMemory.usage()).as("memtables are charged to the shared cache").isPositive()
                    .isLessThanOrEqualTo(BUDGET);
            WindowStore<String, Long> counts = driver.getWindowStore("counts-" + (STORES - 1));
            // S0 is every 30th record, one per 54 s: the last minute (89:00 to 90:00) holds those stamped in it
            Instant minute = start.plus(Duration.ofMinutes(89));
            long expected = 0;
            for (int i = 0; i < RECORDS; i += 30) {
                long at = i * STEP_MILLIS;
                if (at >= Duration.ofMinutes(89).toMillis() && at < Duration.ofMinutes(90).toMillis()) {
                    expected++;
                }
            }
            assertThat(counts.fetch("S0", minute.toEpochMilli())).isEqualTo(expected).isPositive();
        }
    }

    @Test
    void aBudgetMustBePositive() {
        assertThatThrownBy(() -> BoundedRocksDbMemory.bytes(Map.of(BoundedRocksDbMemory.MEMORY, "0"), BoundedRocksDbMemory.MEMORY, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(BoundedRocksDbMemory.MEMORY);
        assertThat(BoundedRocksDbMemory.bytes(Map.of(), BoundedRocksDbMemory.MEMORY, 7)).isEqualTo(7);
    }
}
