package dev.tickflow.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The baseline for the trading path: the same number of Kafka hops (three topic writes, two consume-produce steps in
 * between) on the same broker, with the producer and consumer settings the services use and records of an order
 * command's size, and no work at all in the steps. Transactional mode is what exactly-once costs by itself: each step
 * reads read_committed and commits its transaction on the services' commit interval, as Kafka Streams does.
 */
final class KafkaHops implements AutoCloseable {

    private static final int RECORD_BYTES = 160;
    private static final String[] TOPICS = {"bench.hop.0", "bench.hop.1", "bench.hop.2"};
    /** The steps in their own JVMs keep running between runs: topics of their own, so that the in-JVM steps never meet them. */
    private static final String[] JVM_TOPICS = {"bench.hop-jvm.0", "bench.hop-jvm.1", "bench.hop-jvm.2"};
    private final String bootstrap;
    private final int commitIntervalMs;
    private int runs;
    private final List<Process> stepJvms = new ArrayList<>();

    KafkaHops(String bootstrap, int partitions, int commitIntervalMs) throws Exception {
        this.bootstrap = bootstrap;
        this.commitIntervalMs = commitIntervalMs;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            List<NewTopic> topics = new ArrayList<>();
            for (String[] set : List.of(TOPICS, JVM_TOPICS)) {
                for (String topic : set) {
                    topics.add(new NewTopic(topic, partitions, (short) 1));
                }
            }
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        }
    }

    TradingLatency.Result run(int rate, int seconds, boolean transactional) throws Exception {
        return run(rate, seconds, transactional, false);
    }

    /**
     * @param stepsInTheirOwnJvms each consume-produce step in a JVM of its own, started with the services' JVM options,
     *     as the trading path's services run: the hops then pay for as many processes, network threads and collectors
     *     sharing the cores as the path does
     */
    TradingLatency.Result run(int rate, int seconds, boolean transactional, boolean stepsInTheirOwnJvms) throws Exception {
        if (transactional && stepsInTheirOwnJvms) {
            throw new IllegalArgumentException("steps in their own JVMs are not transactional");
        }
        int count = rate * seconds;
        String run = "hops-" + runs++;
        long[] scheduled = new long[count];
        Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        AtomicLong answered = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> steps = new ArrayList<>();
        if (stepsInTheirOwnJvms && stepJvms.isEmpty()) {
            // started once and kept for every run, as the services are: the warm-up run compiles what the measured one runs
            for (int hop = 0; hop < 2; hop++) {
                stepJvms.add(HopStep.start(bootstrap, JVM_TOPICS[hop], JVM_TOPICS[hop + 1], "hops-jvm-" + hop));
            }
        }
        for (int hop = 0; hop < 2 && !stepsInTheirOwnJvms; hop++) {
            Forwarder forwarder = new Forwarder(bootstrap, commitIntervalMs, TOPICS[hop], TOPICS[hop + 1], run + "-" + hop,
                    transactional, running::get);
            Thread thread = new Thread(() -> forwarder.loop(() -> { }), run + "-step-" + hop);
            thread.start();
            steps.add(thread);
        }
        String[] topics = stepsInTheirOwnJvms ? JVM_TOPICS : TOPICS;
        try (KafkaConsumer<String, byte[]> last = consumer(bootstrap, topics[2], run + "-end", transactional);
                KafkaProducer<String, byte[]> source = new KafkaProducer<>(producerProperties(bootstrap, null), new StringSerializer(),
                        new ByteArraySerializer())) {
            Thread sink = new Thread(() -> {
                while (running.get()) {
                    for (ConsumerRecord<String, byte[]> record : last.poll(Duration.ofMillis(10))) {
                        long now = System.nanoTime();
                        int index = ByteBuffer.wrap(record.value()).getInt();
                        latency.recordValue(Math.max(0, (now - scheduled[index]) / 1_000));
                        answered.incrementAndGet();
                    }
                }
            }, run + "-sink");
            sink.start();
            Thread.sleep(1_000);
            long interval = 1_000_000_000L / rate;
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
            for (int i = 0; i < count; i++) {
                long due = start + i * interval;
                scheduled[i] = due;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                byte[] value = new byte[RECORD_BYTES];
                ByteBuffer.wrap(value).putInt(i);
                source.send(new ProducerRecord<>(topics[0], (i & 1) == 0 ? "alice" : "bob", value));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (answered.get() < count && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            running.set(false);
            sink.join();
        }
        for (Thread step : steps) {
            step.join();
        }

        return new TradingLatency.Result(latency, count, answered.get(), 0, null);
    }

    static Properties producerProperties(String bootstrap, String transactionalId) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        if (transactionalId != null) {
            properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return properties;
    }

    /** A consumer of every partition of the topic from its end, without a rebalance, as the services are configured. */
    static KafkaConsumer<String, byte[]> consumer(String bootstrap, String topic, String group, boolean readCommitted) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    /** One consume-produce step; transactional, it commits on the interval like a Kafka Streams task. */
    static final class Forwarder {
        private final String bootstrap;
        private final int commitIntervalMs;
        private final String from;
        private final String to;
        private final String group;
        private final boolean transactional;
        private final BooleanSupplier running;

        Forwarder(String bootstrap, int commitIntervalMs, String from, String to, String group, boolean transactional,
                BooleanSupplier running) {
            this.bootstrap = bootstrap;
            this.commitIntervalMs = commitIntervalMs;
            this.from = from;
            this.to = to;
            this.group = group;
            this.transactional = transactional;
            this.running = running;
        }

        /** @param ready told once the step reads its topic from the end */
        void loop(Runnable ready) {
            Properties producerProperties = producerProperties(bootstrap, transactional ? group : null);
            try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap, from, group, transactional);
                    KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties, new StringSerializer(),
                            new ByteArraySerializer())) {
                if (transactional) {
                    producer.initTransactions();
                }
                ready.run();
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                long lastCommit = System.nanoTime();
                boolean open = false;
                while (running.getAsBoolean()) {
                    ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(5));
                    if (!records.isEmpty() && transactional && !open) {
                        producer.beginTransaction();
                        open = true;
                    }
                    for (ConsumerRecord<String, byte[]> record : records) {
                        producer.send(new ProducerRecord<>(to, record.key(), record.value()));
                        offsets.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
                    }
                    long now = System.nanoTime();
                    if (open && now - lastCommit >= TimeUnit.MILLISECONDS.toNanos(commitIntervalMs)) {
                        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                        producer.commitTransaction();
                        offsets.clear();
                        open = false;
                        lastCommit = now;
                    }
                }
                if (open) {
                    producer.commitTransaction();
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        // the topics go with the broker
        for (Process step : stepJvms) {
            BenchSupport.stop(step);
        }
    }
}
