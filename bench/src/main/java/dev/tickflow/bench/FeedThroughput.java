package dev.tickflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.tickflow.model.Tick;
import dev.tickflow.model.serde.AvroSerde;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.testsupport.EmbeddedKafka;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sustained simulator to Kafka throughput of market-feed (acks=all, idempotent producer), beside a baseline measured in
 * the same run on the same broker: a plain producer sending the same Avro ticks with the same settings and the same
 * bound on unacknowledged sends. The simulator is offered more than it can send; its backpressure caps it at what the
 * broker acknowledges, which is the sustained rate.
 *
 * <p>{@code bench/run.sh feed-throughput [seconds] [offered ticks/s]}
 */
public final class FeedThroughput {

    private static final int MAX_IN_FLIGHT = 20_000;

    private FeedThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int offered = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        String bootstrap = EmbeddedKafka.get().bootstrapServers();
        int cores = Runtime.getRuntime().availableProcessors();
        BenchSupport.OUT.printf("broker %s, %d cores, %d s per measurement%n", bootstrap, cores, seconds);

        Result baseline = baseline(bootstrap, seconds);
        Result feed = marketFeed(bootstrap, seconds, offered);

        BenchSupport.OUT.println();
        BenchSupport.OUT.println("| path | ticks/s | ticks/s per core | ack latency p50 / p99 / p99.9 (ms) |");
        BenchSupport.OUT.println("|---|---:|---:|---|");
        BenchSupport.OUT.printf("| plain producer, same settings (baseline) | %,.0f | %,.0f | %s |%n", baseline.rate(),
                baseline.rate() / cores, baseline.latency());
        BenchSupport.OUT.printf("| market-feed simulator -> md.ticks | %,.0f | %,.0f | %s |%n", feed.rate(), feed.rate() / cores,
                feed.latency());
        BenchSupport.OUT.printf("%nmarket-feed / baseline = %.2f; simulator offered %,d ticks/s%n", feed.rate() / baseline.rate(),
                offered);
        System.exit(0);
    }

    private record Result(double rate, String latency) {
    }

    /** The same work as the simulator's publishing without the framework: build a tick, encode it, send it. */
    private static Result baseline(String bootstrap, int seconds) throws Exception {
        String topic = "bench.baseline";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, Topics.MD_TICKS.partitions(), (short) 1)
                    .configs(Topics.MD_TICKS.configs(1)))).all().get(30, TimeUnit.SECONDS);
        }
        Properties properties = SimulatedTicks.producerSettings(bootstrap);
        AvroSerde<Tick> serde = AvroSerde.of(Tick.class);
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        AtomicLong acked = new AtomicLong();
        Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
        SimulatedTicks ticks = new SimulatedTicks();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(),
                new ByteArraySerializer())) {
            long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            long start = 0;
            long startCount = 0;
            long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                if (start == 0 && System.nanoTime() >= warmupEnd) {
                    start = System.nanoTime();
                    startCount = acked.get();
                    latency.reset();
                }
                inFlight.acquire();
                Tick tick = ticks.next();
                long sent = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, tick.getSymbol(), serde.serialize(topic, tick)), (metadata, error) -> {
                    inFlight.release();
                    if (error == null) {
                        acked.incrementAndGet();
                        latency.recordValue(System.nanoTime() - sent);
                    }
                });
            }
            double rate = (acked.get() - startCount) / ((System.nanoTime() - start) / 1e9);
            producer.flush();
            return new Result(rate, percentiles(latency));
        }
    }

    private static Result marketFeed(String bootstrap, int seconds, int offered) throws Exception {
        int port = BenchSupport.freePort();
        Path log = Files.createTempFile("market-feed-bench", ".log");
        Process feed = BenchSupport.startService("market-feed", port, bootstrap, Map.of(
                "TICKFLOW_FEED_SIMULATOR_TICKS_PER_SECOND", Integer.toString(offered),
                "TICKFLOW_FEED_SIMULATOR_LATE_SHARE", "0",
                "TICKFLOW_FEED_SIMULATOR_OUT_OF_ORDER_SHARE", "0"), log);
        try {
            BenchSupport.sleep(Duration.ofSeconds(5));
            long startRecords = BenchSupport.endOffsets(bootstrap, Topics.MD_TICKS.name());
            long start = System.nanoTime();
            BenchSupport.sleep(Duration.ofSeconds(seconds));
            long records = BenchSupport.endOffsets(bootstrap, Topics.MD_TICKS.name()) - startRecords;
            double rate = records / ((System.nanoTime() - start) / 1e9);
            String metrics = BenchSupport.metrics(port);
            String latency = String.format("%.1f / %.1f / %.1f",
                    BenchSupport.metric(metrics, "ticks_produce_latency_seconds", "quantile=\"0.5\"") * 1e3,
                    BenchSupport.metric(metrics, "ticks_produce_latency_seconds", "quantile=\"0.99\"") * 1e3,
                    BenchSupport.metric(metrics, "ticks_produce_latency_seconds", "quantile=\"0.999\"") * 1e3);
            return new Result(rate, latency);
        } finally {
            BenchSupport.stop(feed);
        }
    }

    private static String percentiles(Histogram histogram) {
        return String.format("%.1f / %.1f / %.1f", histogram.getValueAtPercentile(50) / 1e6,
                histogram.getValueAtPercentile(99) / 1e6, histogram.getValueAtPercentile(99.9) / 1e6);
    }
}
