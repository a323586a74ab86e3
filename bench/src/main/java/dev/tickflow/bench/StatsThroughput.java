package dev.tickflow.bench;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import dev.tickflow.model.Side;
import dev.tickflow.model.Tick;
import dev.tickflow.model.TickSource;
import dev.tickflow.model.serde.AvroSerde;
import dev.tickflow.model.topic.TopicNames;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.stats.metrics.StatsMetrics;
import dev.tickflow.support.streams.DeadLetterDeserializationHandler;
import dev.tickflow.stats.topology.StatsSettings;
import dev.tickflow.stats.topology.TopologyProducer;
import dev.tickflow.testsupport.EmbeddedKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Trades per second through the whole market-stats topology (exactly-once v2, production settings), beside a plain
 * consume -> decode -> encode -> produce loop over the same backlog on the same broker, in the same run. Each side
 * drains the same pre-loaded backlog of ticks from md.ticks; the loop's clock runs from the first record read to the
 * last, a topology's between its first commit and the one that covers the backlog.
 *
 * <p>{@code bench/run.sh stats-throughput [ticks] [commit.interval.ms ...]}
 */
public final class StatsThroughput {

    private static final String[] SYMBOLS = {"AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "META", "TSLA", "JPM", "V", "JNJ", "WMT", "XOM",
        "PG", "MA", "HD", "KO", "PEP", "NFLX", "AMD", "INTC"};

    /** -Dbench.stream-threads=2 runs the topology on two stream threads. */
    private static final int STREAM_THREADS = Integer.getInteger("bench.stream-threads", 1);

    private StatsThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int wanted = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        List<Integer> intervals = args.length > 1 ? java.util.Arrays.stream(args).skip(1).map(Integer::valueOf).toList() : List.of(100);
        String bootstrap = EmbeddedKafka.get().bootstrapServers();
        int cores = Runtime.getRuntime().availableProcessors();
        preload(bootstrap, wanted);
        long ticks = BenchSupport.endOffsets(bootstrap, TopicNames.MD_TICKS);
        BenchSupport.OUT.printf("backlog of %,d ticks on %s; %d cores%n", ticks, bootstrap, cores);

        // one unreported pass of each, so that every measured pass runs JIT-compiled code
        plainLoop(bootstrap, ticks, false, "warm-up");
        topology(bootstrap, ticks, 100, "warm-up");
        double plain = plainLoop(bootstrap, ticks, false, "plain");
        double plainTransactional = plainLoop(bootstrap, ticks, true, "tx");
        BenchSupport.OUT.println();
        BenchSupport.OUT.println("| path | ticks/s | ticks/s per core | vs plain loop |");
        BenchSupport.OUT.println("|---|---:|---:|---:|");
        row("plain consume -> produce loop", plain, cores, plain);
        row("plain loop, transactional (read_committed, one transaction per poll)", plainTransactional, cores, plain);
        double floor = topology(bootstrap, ticks, 500, "floor", StatsThroughput::floorTopology);
        row("Kafka Streams floor: ticks decoded into one in-memory processor, exactly_once_v2, commit.interval.ms=500",
                floor, cores, plain);
        for (int interval : intervals) {
            double topology = topology(bootstrap, ticks, interval, "measured");
            row("market-stats topology, exactly_once_v2, commit.interval.ms=" + interval + ", " + STREAM_THREADS + " stream thread(s)",
                    topology, cores, plain);
        }
        System.exit(0);
    }

    private static void row(String path, double rate, int cores, double plain) {
        BenchSupport.OUT.printf("| %s | %,.0f | %,.0f | %.2f |%n", path, rate, rate / cores, rate / plain);
    }

    /** Ticks of 20 symbols, 2,000 per second of event time, so windows and sessions keep closing as in a real feed. */
    private static void preload(String bootstrap, int count) throws Exception {
        java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        properties.put(ProducerConfig.ACKS_CONFIG, "1");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        AvroSerde<Tick> serde = AvroSerde.of(Tick.class);
        SplittableRandom random = new SplittableRandom(3);
        long start = (System.currentTimeMillis() - TimeUnit.HOURS.toMillis(2)) * 1_000;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                String symbol = SYMBOLS[random.nextInt(SYMBOLS.length)];
                long time = start + i * 500L;
                Tick tick = Tick.newBuilder().setSymbol(symbol).setPrice(100_000_000L + random.nextInt(-5_000, 5_000) * 1_000L)
                        .setQuantity(1 + random.nextInt(1_000)).setEventTimeMicros(time).setIngestTimeMicros(time)
                        .setSource(TickSource.SIMULATOR).setSide(random.nextBoolean() ? Side.BUY : Side.SELL).setVenue("SIM")
                        .setTradeId(null).build();
                producer.send(new ProducerRecord<>(TopicNames.MD_TICKS, symbol, serde.serialize(TopicNames.MD_TICKS, tick)),
                        (metadata, error) -> {
                            if (error != null) {
                                failure.compareAndSet(null, error);
                            }
                        });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("pre-loading the backlog failed", failure.get());
        }
    }

    /** The least a service that reads and writes ticks does: read, decode, encode, send, commit. */
    private static double plainLoop(String bootstrap, long count, boolean transactional, String run) throws Exception {
        String output = "bench.copy." + run;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(output, Topics.MD_TICKS.partitions(), (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Properties consumerProperties = new Properties();
        consumerProperties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerProperties.put(ConsumerConfig.GROUP_ID_CONFIG, output);
        consumerProperties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerProperties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        consumerProperties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, transactional ? "read_committed" : "read_uncommitted");
        Properties producerProperties = new Properties();
        producerProperties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerProperties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        producerProperties.put(ProducerConfig.BATCH_SIZE_CONFIG, "65536");
        producerProperties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
        if (transactional) {
            producerProperties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, output);
        }
        AvroSerde<Tick> serde = AvroSerde.of(Tick.class);
        long read = 0;
        long start = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties, new StringDeserializer(),
                new ByteArrayDeserializer());
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties, new StringSerializer(),
                        new ByteArraySerializer())) {
            if (transactional) {
                producer.initTransactions();
            }
            consumer.subscribe(List.of(TopicNames.MD_TICKS));
            while (read < count) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    continue;
                }
                if (start == 0) {
                    start = System.nanoTime();
                }
                if (transactional) {
                    producer.beginTransaction();
                }
                for (ConsumerRecord<String, byte[]> record : records) {
                    Tick tick = serde.deserialize(record.topic(), record.value());
                    producer.send(new ProducerRecord<>(output, record.key(), serde.serialize(output, tick)));
                }
                read += records.count();
                Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> offsets = new java.util.HashMap<>();
                for (TopicPartition partition : records.partitions()) {
                    List<ConsumerRecord<String, byte[]>> partitionRecords = records.records(partition);
                    offsets.put(partition, new org.apache.kafka.clients.consumer.OffsetAndMetadata(
                            partitionRecords.getLast().offset() + 1));
                }
                if (transactional) {
                    producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                    producer.commitTransaction();
                } else {
                    producer.flush();
                    consumer.commitSync(offsets);
                }
            }
        }
        return read / ((System.nanoTime() - start) / 1e9);
    }

    private static double topology(String bootstrap, long count, int commitInterval, String run) throws Exception {
        return topology(bootstrap, count, commitInterval, run,
                () -> TopologyProducer.build(StatsSettings.defaults(), new StatsMetrics(new SimpleMeterRegistry())));
    }

    /**
     * The least any topology over md.ticks costs on Kafka Streams: read, decode, one processor that sums volume per
     * symbol in a map, commit exactly once. Nothing stored, nothing written: what market-stats could reach at best.
     */
    private static Topology floorTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(TopicNames.MD_TICKS, Consumed.with(Serdes.String(), Topics.MD_TICKS.valueSerde()))
                .process(() -> new Processor<String, Tick, Void, Void>() {
                    private final Map<String, long[]> volumes = new java.util.HashMap<>();

                    @Override
                    public void process(Record<String, Tick> record) {
                        volumes.computeIfAbsent(record.key(), symbol -> new long[1])[0] += record.value().getQuantity();
                    }
                });
        return builder.build();
    }

    private static double topology(String bootstrap, long count, int commitInterval, String run,
            java.util.function.Supplier<Topology> topology) throws Exception {
        String applicationId = "bench-stats-" + run + "-" + commitInterval;
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval);
        properties.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, STREAM_THREADS);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(applicationId).toString());
        properties.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.OPTIMIZE);
        properties.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        KafkaStreams streams = new KafkaStreams(topology.get(), properties);
        streams.start();
        // Timed between two observed commits: from the first commit seen to the one that covers the backlog, counting
        // only the ticks committed in between (what the first commit covered was processed before the clock started).
        long start = 0;
        long committedAtStart = 0;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            while (true) {
                long committed = committed(admin, applicationId);
                if (start == 0 && committed > 0) {
                    start = System.nanoTime();
                    committedAtStart = committed;
                }
                if (committed >= count) {
                    break;
                }
                Thread.sleep(50);
            }
            long elapsed = System.nanoTime() - start;
            streams.close(Duration.ofSeconds(30));
            if (count - committedAtStart < count / 2) {
                throw new IllegalStateException("the first commit already covered " + committedAtStart + " of " + count
                        + " ticks: too small a backlog to time at commit.interval.ms=" + commitInterval + "; give more ticks");
            }
            return (count - committedAtStart) / (elapsed / 1e9);
        }
    }

    private static long committed(Admin admin, String group) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS).entrySet().stream()
                .filter(entry -> entry.getKey().topic().equals(TopicNames.MD_TICKS) && entry.getValue() != null)
                .mapToLong(entry -> entry.getValue().offset()).sum();
    }
}
