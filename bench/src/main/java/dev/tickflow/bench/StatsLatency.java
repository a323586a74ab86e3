package dev.tickflow.bench;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import dev.tickflow.model.Bar;
import dev.tickflow.model.EventTime;
import dev.tickflow.model.Side;
import dev.tickflow.model.Tick;
import dev.tickflow.model.TickSource;
import dev.tickflow.model.serde.AvroSerde;
import dev.tickflow.model.topic.TopicNames;
import dev.tickflow.stats.metrics.StatsMetrics;
import dev.tickflow.stats.topology.StatsSettings;
import dev.tickflow.stats.topology.TopologyProducer;
import dev.tickflow.testsupport.EmbeddedKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * What {@code commit.interval.ms} costs a read_committed reader under exactly-once: ticks are sent on a fixed schedule
 * (their event time is their scheduled send time, so a stalled sender does not hide latency), and a read_committed
 * consumer of md.bars.1m.live records, for every tick, when a committed live bar first included it. Run once per
 * commit interval, each with a fresh application on the same broker. With {@code TICKFLOW_BENCH_TICK_FETCH_WAIT_MS}
 * set, the application fetches its ticks as market-stats does (64 KB or that many milliseconds, whichever comes first)
 * instead of the moment one is written.
 *
 * <p>{@code bench/run.sh stats-latency [ticks/s] [seconds] [commit.interval.ms ...]}
 */
public final class StatsLatency {

    private static final String TICK_FETCH_WAIT_MS = System.getenv("TICKFLOW_BENCH_TICK_FETCH_WAIT_MS");
    private static final String[] SYMBOLS = {"AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "META", "TSLA", "JPM", "V", "JNJ"};

    private StatsLatency() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        List<Integer> intervals = args.length > 2 ? java.util.Arrays.stream(args).skip(2).map(Integer::valueOf).toList()
                : List.of(20, 100, 500, 1000);
        String bootstrap = EmbeddedKafka.get().bootstrapServers();
        BenchSupport.OUT.printf("%,d ticks/s for %d s per interval, read_committed consumer of md.bars.1m.live, ticks fetched %s%n",
                rate, seconds, TICK_FETCH_WAIT_MS == null ? "as soon as written" : "after 64 KB or " + TICK_FETCH_WAIT_MS + " ms");
        BenchSupport.OUT.println();
        BenchSupport.OUT.println("| commit.interval.ms | tick to committed live bar p50 / p99 / p99.9 / max (ms) | transactions/s |");
        BenchSupport.OUT.println("|---:|---|---:|");
        for (int interval : intervals) {
            run(bootstrap, rate, seconds, interval);
        }
        System.exit(0);
    }

    private static void run(String bootstrap, int rate, int seconds, int interval) throws Exception {
        String applicationId = "bench-latency-" + interval;
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, interval);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(applicationId).toString());
        properties.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.OPTIMIZE);
        properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "latest");
        if (TICK_FETCH_WAIT_MS != null) {
            properties.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MIN_BYTES_CONFIG), "65536");
            properties.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), TICK_FETCH_WAIT_MS);
        }
        KafkaStreams streams = new KafkaStreams(TopologyProducer.build(StatsSettings.defaults(),
                new StatsMetrics(new SimpleMeterRegistry())), properties);
        CountDownRunning running = new CountDownRunning(streams);
        streams.start();
        running.await();

        Map<String, ArrayDeque<Long>> pending = new HashMap<>();
        for (String symbol : SYMBOLS) {
            pending.put(symbol, new ArrayDeque<>());
        }
        Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
        AtomicBoolean sending = new AtomicBoolean(true);
        long warmupMicros = EventTime.nowMicros(java.time.Clock.systemUTC()) + 5_000_000L;
        Thread sender = new Thread(() -> send(bootstrap, rate, seconds + 5, pending, sending), "bench-sender");
        sender.start();
        Properties consumerProperties = new Properties();
        consumerProperties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerProperties.put(ConsumerConfig.GROUP_ID_CONFIG, applicationId + "-reader");
        consumerProperties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProperties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        AvroSerde<Bar> bars = AvroSerde.of(Bar.class);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties, new StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TopicNames.MD_BARS_1M_LIVE));
            while (sending.get() || sender.isAlive()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    long now = EventTime.nowMicros(java.time.Clock.systemUTC());
                    Bar bar = bars.deserialize(record.topic(), record.value());
                    ArrayDeque<Long> queue = pending.get(bar.getSymbol());
                    synchronized (queue) {
                        while (!queue.isEmpty() && queue.peekFirst() <= bar.getLastEventTimeMicros()) {
                            long sent = queue.pollFirst();
                            if (sent >= warmupMicros) {
                                latency.recordValue(Math.max(0, now - sent));
                            }
                        }
                    }
                }
            }
        }
        // the stream thread's commits per second: under exactly-once each commit is one transaction
        double transactions = streams.metrics().entrySet().stream()
                .filter(entry -> entry.getKey().name().equals("commit-rate") && entry.getKey().group().equals("stream-thread-metrics"))
                .mapToDouble(entry -> ((Number) entry.getValue().metricValue()).doubleValue()).sum();
        streams.close(Duration.ofSeconds(30));
        BenchSupport.OUT.printf("| %d | %.1f / %.1f / %.1f / %.1f | %.1f |%n", interval, latency.getValueAtPercentile(50) / 1e3,
                latency.getValueAtPercentile(99) / 1e3, latency.getValueAtPercentile(99.9) / 1e3, latency.getMaxValue() / 1e3,
                transactions);
    }

    private static void send(String bootstrap, int rate, int seconds, Map<String, ArrayDeque<Long>> pending, AtomicBoolean sending) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        AvroSerde<Tick> serde = AvroSerde.of(Tick.class);
        SplittableRandom random = new SplittableRandom(5);
        long intervalNanos = 1_000_000_000L / rate;
        long startNanos = System.nanoTime();
        long startMicros = EventTime.nowMicros(java.time.Clock.systemUTC());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < (long) rate * seconds; i++) {
                long due = startNanos + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                long scheduledMicros = startMicros + (due - startNanos) / 1_000;
                String symbol = SYMBOLS[(int) (i % SYMBOLS.length)];
                ArrayDeque<Long> queue = pending.get(symbol);
                synchronized (queue) {
                    queue.addLast(scheduledMicros);
                }
                Tick tick = Tick.newBuilder().setSymbol(symbol).setPrice(100_000_000L + random.nextInt(1_000) * 10_000L).setQuantity(100)
                        .setEventTimeMicros(scheduledMicros).setIngestTimeMicros(scheduledMicros).setSource(TickSource.SIMULATOR)
                        .setSide(Side.BUY).setVenue("SIM").setTradeId(null).build();
                producer.send(new ProducerRecord<>(TopicNames.MD_TICKS, symbol, serde.serialize(TopicNames.MD_TICKS, tick)));
            }
        } finally {
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(3));
            sending.set(false);
        }
    }

    /** Blocks until the application is RUNNING. */
    private static final class CountDownRunning {
        private final java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(1);

        CountDownRunning(KafkaStreams streams) {
            streams.setStateListener((next, previous) -> {
                if (next == KafkaStreams.State.RUNNING) {
                    latch.countDown();
                }
            });
        }

        void await() throws InterruptedException {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the topology did not start");
            }
        }
    }
}
