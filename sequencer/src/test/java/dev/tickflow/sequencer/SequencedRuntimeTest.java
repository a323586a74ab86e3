package dev.tickflow.sequencer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.tickflow.model.topic.DeadLetters;
import dev.tickflow.testsupport.EmbeddedKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The runtime on the real broker: a crash, a recovery, a clean restart, a dead letter; every command decided once. */
class SequencedRuntimeTest {

    private static final int PARTITIONS = 2;
    /** Generous: the module's broker shares two cores with the build. */
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private final List<SequencedRuntime> started = new ArrayList<>();
    private final String prefix = "seq-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private final String bootstrap = EmbeddedKafka.get().bootstrapServers();
    private KafkaProducer<String, String> client;
    private int written;

    @BeforeEach
    void topics() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            List<NewTopic> topics = new ArrayList<>();
            for (String name : List.of("commands", "money")) {
                topics.add(new NewTopic(prefix + name, PARTITIONS, (short) 1));
                topics.add(new NewTopic(prefix + name + ".dlq", 1, (short) 1));
            }
            topics.add(new NewTopic(prefix + Ledger.ACCEPTED, 3, (short) 1));
            topics.add(new NewTopic(prefix + Ledger.REFUSED, 1, (short) 1));
            topics.add(new NewTopic(prefix + "snapshots", PARTITIONS, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
            awaitLeaders(admin, topics.stream().map(NewTopic::name).toList());
        }
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        // One batch in flight: a refused first batch is then resent alone, never behind a later one it must precede;
        // a batch the broker never takes fails the write within the test's time instead of retrying unseen.
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        client = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        for (int partition = 0; partition < PARTITIONS; partition++) {
            client.send(new ProducerRecord<>(prefix + "money", partition, null, "+100000")).get();
        }
    }

    @Test
    void aCrashedInstanceIsReplacedWithoutLosingOrRepeatingAnOutcome() throws Exception {
        // snapshots every 200 inputs of a group: one after this first batch (about 250 per partition) ...
        writeCommands(500);
        SequencedRuntime first = started(runtime(new SimpleMeterRegistry(), 200));
        awaitOutcomes(first, 500);
        awaitSnapshotRecords(first, 2 * PARTITIONS);
        // ... and none after these, whose outputs the crash leaves behind the snapshots
        writeCommands(100);
        awaitOutcomes(first, 600);
        first.abandon();

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        SequencedRuntime second = started(runtime(meters, 200));
        writeCommands(100);
        awaitOutcomes(second, written);
        await().atMost(TIMEOUT).until(() -> second.status().ready());
        assertThat(meters.get("tickflow.sequencer.muted").functionCounter().count())
                .as("what the crashed instance wrote after its last snapshot is not written again").isPositive();
        Map<String, Integer> outcomes = outcomes();
        assertThat(outcomes).hasSize(written);
        assertThat(outcomes.values()).as("each command decided once").allMatch(count -> count == 1);
        long balance = second.readAll(machine -> ((Ledger) machine).balance).stream().mapToLong(Long::longValue).sum();
        assertThat(balance).isEqualTo(PARTITIONS * 100_000L - acceptedTotal());
        second.close();

        SimpleMeterRegistry afterCleanStop = new SimpleMeterRegistry();
        SequencedRuntime third = started(runtime(afterCleanStop, 200));
        writeCommands(20);
        awaitOutcomes(third, written);
        assertThat(outcomes().values()).allMatch(count -> count == 1);
        assertThat(afterCleanStop.get("tickflow.sequencer.muted").functionCounter().count())
                .as("a clean stop leaves nothing to replay").isZero();
        assertThat(afterCleanStop.get("tickflow.sequencer.inputs").functionCounter().count()).isEqualTo(20);
        third.close();
    }

    @Test
    void aSnapshotTheBrokerRefusedIsWrittenOnceItAcceptsAgainWithoutWaitingForMoreInputs() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            // smaller than any group's snapshot: every write is refused until the limit is lifted
            setSnapshotLimit(admin, "64");
            SequencedRuntime runtime = started(runtime(null, 100));
            writeCommands(220);
            awaitOutcomes(runtime, 220);
            assertThat(read(prefix + "snapshots")).as("the broker refused the snapshots").isEmpty();
            setSnapshotLimit(admin, null);
            // about 110 inputs per group, one snapshot each at the hundredth: only the retry can write it now
            awaitSnapshotRecords(runtime, 2 * PARTITIONS);
        }
    }

    @Test
    void anUnreadableInputIsDeadLetteredWithItsReasonAndProcessingGoesOn() throws Exception {
        SequencedRuntime runtime = started(runtime(null, 200));
        client.send(new ProducerRecord<>(prefix + "commands", "bad", "not a number")).get();
        writeCommands(5);
        awaitOutcomes(runtime, 5);
        List<ConsumerRecord<byte[], byte[]>> letters = read(prefix + "commands.dlq");
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("not a number");
            assertThat(DeadLetters.headerValue(letter.headers(), DeadLetters.REASON)).isEqualTo("NumberFormatException");
            assertThat(DeadLetters.headerValue(letter.headers(), DeadLetters.ORIGINAL_TOPIC)).isEqualTo(prefix + "commands");
        });
        runtime.close();
    }

    @Test
    void anIdleInstanceCommitsItsInputPositionsOnceInsteadOfEverySecond() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        SequencedRuntime runtime = started(runtime(meters, 200));
        writeCommands(10);
        awaitOutcomes(runtime, 10);
        // the commit count must stand still for four of the runtime's one-second commit rounds
        double[] last = {commits(meters)};
        long[] stillSince = {System.nanoTime()};
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            double now = commits(meters);
            if (now != last[0]) {
                last[0] = now;
                stillSince[0] = System.nanoTime();
            }
            return System.nanoTime() - stillSince[0] > Duration.ofSeconds(4).toNanos();
        });
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            long committed = admin.listConsumerGroupOffsets(prefix + "ledger").partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                    .values().stream().mapToLong(offset -> offset.offset()).sum();
            assertThat(committed).as("every input read is committed: the commands and each partition's opening money")
                    .isEqualTo(10 + PARTITIONS);
        }
    }

    @AfterEach
    void stopWhatIsLeft() {
        // a failed assertion must not leave a runtime polling the shared broker for the tests after it
        started.forEach(SequencedRuntime::close);
        client.close();
    }

    private SequencedRuntime started(SequencedRuntime runtime) {
        started.add(runtime);
        runtime.start();
        return runtime;
    }

    private static double commits(SimpleMeterRegistry meters) {
        return meters.get("kafka.consumer.coordinator.commit.total").functionCounter().count();
    }

    private void awaitOutcomes(SequencedRuntime runtime, int count) {
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(outcomes().size())
                .as("outcomes written; runtime %s", runtime.status()).isGreaterThanOrEqualTo(count));
    }

    private void awaitSnapshotRecords(SequencedRuntime runtime, int count) {
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(read(prefix + "snapshots").size())
                .as("snapshot records (a chunk and a manifest per group); runtime %s", runtime.status()).isGreaterThanOrEqualTo(count));
    }

    /** @param bytes the topic's record batch limit, or null for the broker's default */
    private void setSnapshotLimit(Admin admin, String bytes) throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, prefix + "snapshots");
        AlterConfigOp set = new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, bytes),
                bytes == null ? AlterConfigOp.OpType.DELETE : AlterConfigOp.OpType.SET);
        admin.incrementalAlterConfigs(Map.of(topic, List.of(set))).all().get(30, TimeUnit.SECONDS);
    }

    private SequencedRuntime runtime(SimpleMeterRegistry meters, long snapshotEveryInputs) {
        SequencerSettings settings = new SequencerSettings("ledger", prefix + "ledger", List.of(prefix + "commands", prefix + "money"),
                List.of(prefix + Ledger.ACCEPTED, prefix + Ledger.REFUSED, prefix + "commands.dlq", prefix + "money.dlq"),
                prefix + "snapshots", Duration.ofHours(1), snapshotEveryInputs, "localhost:0", Map.of("bootstrap.servers", bootstrap),
                Map.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6000, ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1000));
        return new SequencedRuntime(settings, (partition, snapshot) -> new Ledger(prefix, () -> 1_000, snapshot), meters);
    }

    private void writeCommands(int count) throws Exception {
        List<Future<RecordMetadata>> writes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int id = written++;
            writes.add(client.send(new ProducerRecord<>(prefix + "commands", "c" + id, Long.toString(1 + id % 40))));
        }
        for (Future<RecordMetadata> write : writes) {
            write.get(); // the inputs are the test's premise: a lost one must fail here, not as missing outcomes later
        }
    }

    /**
     * A just-created partition can refuse its first write until its broker has taken the leadership, and an idempotent
     * producer whose first batch was refused may never have its sequence accepted: write only once every partition has
     * a leader. Until the broker has the topics at all, it answers that it does not know them.
     */
    private static void awaitLeaders(Admin admin, List<String> names) {
        await().atMost(TIMEOUT).ignoreExceptionsInstanceOf(ExecutionException.class).untilAsserted(() -> assertThat(
                admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).values())
                .flatMap(TopicDescription::partitions)
                .as("partitions with a leader").allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty()));
    }

    private long acceptedTotal() {
        long total = 0;
        for (ConsumerRecord<byte[], byte[]> record : read(prefix + Ledger.ACCEPTED)) {
            total += Long.parseLong(new String(record.value(), StandardCharsets.UTF_8));
        }
        return total;
    }

    private Map<String, Integer> outcomes() {
        Map<String, Integer> outcomes = new HashMap<>();
        for (String topic : List.of(prefix + Ledger.ACCEPTED, prefix + Ledger.REFUSED)) {
            for (ConsumerRecord<byte[], byte[]> record : read(topic)) {
                outcomes.merge(new String(record.key(), StandardCharsets.UTF_8), 1, Integer::sum);
            }
        }
        return outcomes;
    }

    private List<ConsumerRecord<byte[], byte[]>> read(String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        return records;
    }
}
