package dev.tickflow.sequencer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;

/**
 * Runs a sequenced service's partition groups on plain Kafka clients: one thread, one consumer in the service's group
 * (the range assignor keeps partition {@code p} of every input together), one idempotent producer with {@code acks=all}
 * and no transactions.
 *
 * <p>On assignment each group is restored from its snapshot, its outputs since then are read back and the replay
 * follows them (see {@link ReplayPlan}); then it goes live. Snapshots are taken on the processing thread and written by
 * another once every output sent before them is acknowledged. A partition given up in a rebalance or a clean stop is
 * snapshotted first, so that whoever takes it over replays nothing. A failed write ends the session: clients are closed
 * and the next session recovers every group as after a crash, which is exactly what makes a lost output impossible.
 * Committed offsets only feed lag monitoring (and autoscaling); positions come from the snapshots.
 */
public final class SequencedRuntime implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SequencedRuntime.class);
    private static final int PAUSE_AT = 20_000;
    private static final int RESUME_AT = 2_000;
    private static final Duration COMMIT_EVERY = Duration.ofSeconds(1);
    private static final int IDLE_FETCH_WAIT_MS = 2_000;
    /**
     * How long the loop waits in poll when nothing arrives: an input ends the wait at once, reads of the state do not
     * go through the loop, and a stop or a failed write wakes it; only snapshots and commits that fall due while idle
     * wait this long.
     */
    private static final Duration IDLE_POLL = Duration.ofMillis(500);
    private static final Duration SNAPSHOT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SNAPSHOT_RETRY = Duration.ofSeconds(1);

    private final SequencerSettings settings;
    private final StateMachineFactory factory;
    private final MeterRegistry meters;
    private final SnapshotStore snapshots;
    private final Map<String, Integer> inputIndex = new HashMap<>();
    private final Map<Integer, PartitionGroup> groups = new ConcurrentHashMap<>();
    private final Map<Integer, Integer> slots = new ConcurrentHashMap<>();
    private final Map<Integer, Long> snapshottedAt = new HashMap<>();
    private final Map<Integer, Future<?>> snapshotting = new HashMap<>();
    /** Groups whose last snapshot write failed: tried again soon, not after another round of inputs. */
    private final Set<Integer> snapshotRetries = ConcurrentHashMap.newKeySet();
    private final Map<TopicPartition, Long> written = new ConcurrentHashMap<>();
    private final Map<Integer, TopicPartition[]> groupInputs = new HashMap<>();
    private final AtomicReference<Throwable> sessionFailure = new AtomicReference<>();
    private final ExecutorService snapshotWriter;
    private final Totals totals = new Totals();
    private final Timer recovery;
    private final Timer snapshotWrites;
    private final AtomicLong lastSnapshotBytes = new AtomicLong();
    private volatile boolean running;
    private volatile boolean abandoned;
    private volatile boolean sessionRunning;
    private volatile boolean assigned;
    private volatile String lastFailure;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    /** The input offsets this session last committed; read and written on the processing thread only. */
    private Map<TopicPartition, OffsetAndMetadata> committed = Map.of();
    private Thread thread;
    private int inputPartitions = -1;
    private final InputTracing tracing;

    public SequencedRuntime(SequencerSettings settings, StateMachineFactory factory, MeterRegistry meters) {
        this(settings, factory, meters, InputTracing.OFF);
    }

    /** @param tracing how inputs join their orders' traces ({@link InputTracing#OFF} for none) */
    public SequencedRuntime(SequencerSettings settings, StateMachineFactory factory, MeterRegistry meters, InputTracing tracing) {
        this.tracing = tracing;
        this.settings = settings;
        this.factory = factory;
        this.meters = meters;
        this.snapshots = new SnapshotStore(settings.snapshotTopic());
        for (int i = 0; i < settings.inputs().size(); i++) {
            inputIndex.put(settings.inputs().get(i), i);
        }
        this.snapshotWriter = Executors.newSingleThreadExecutor(runnable -> {
            Thread writer = new Thread(runnable, settings.service() + "-snapshots");
            writer.setDaemon(true);
            return writer;
        });
        if (meters != null) {
            String service = settings.service();
            FunctionCounter.builder("tickflow.sequencer.inputs", totals, Totals::processed).tag("service", service)
                    .description("Inputs applied by the state machines").register(meters);
            FunctionCounter.builder("tickflow.sequencer.duplicates", totals, Totals::duplicates).tag("service", service)
                    .description("Inputs dropped as repeats of an upstream writer's outputs").register(meters);
            FunctionCounter.builder("tickflow.sequencer.muted", totals, Totals::muted).tag("service", service)
                    .description("Outputs not written again on replay: an earlier run wrote them").register(meters);
            FunctionCounter.builder("tickflow.sequencer.dead.letters", totals, Totals::deadLettered).tag("service", service)
                    .description("Inputs the state machine could not apply, written to their dead-letter topic").register(meters);
            Gauge.builder("tickflow.sequencer.partitions", groups, Map::size).tag("service", service)
                    .description("Partition groups this instance owns").register(meters);
            Gauge.builder("tickflow.sequencer.snapshot.bytes", lastSnapshotBytes, AtomicLong::get).tag("service", service)
                    .description("Size of the last snapshot written").register(meters);
            recovery = Timer.builder("tickflow.sequencer.recovery").tag("service", service)
                    .description("Restoring assigned partition groups: snapshots and the read-back of outputs").register(meters);
            snapshotWrites = Timer.builder("tickflow.sequencer.snapshot.write").tag("service", service)
                    .description("Waiting for earlier outputs and writing one snapshot").register(meters);
        } else {
            recovery = null;
            snapshotWrites = null;
        }
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::run, settings.service() + "-sequencer");
        thread.start();
    }

    /** Stops cleanly: every live group is snapshotted, so that a restart replays nothing. */
    @Override
    public void close() {
        running = false;
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread running = thread;
        if (running != null) {
            try {
                running.join(TimeUnit.SECONDS.toMillis(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        snapshotWriter.shutdown();
    }

    /** Stops as a crash would: no snapshot, outputs in flight dropped, nothing committed. For tests. */
    public void abandon() {
        abandoned = true;
        close();
    }

    public RuntimeStatus status() {
        Map<Integer, Integer> partitions = new HashMap<>();
        groups.forEach((partition, group) -> partitions.put(partition, group.replaySteps()));
        return new RuntimeStatus(sessionRunning, assigned, partitions, lastFailure);
    }

    /** The input partition a key belongs to (Kafka's default partitioner on the inputs' partition count). */
    public int partitionOf(String key) {
        if (inputPartitions < 0) {
            throw new IllegalStateException("the inputs' partition count is not known yet");
        }
        return Utils.toPositive(Utils.murmur2(key.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % inputPartitions;
    }

    /** Whether the inputs' partition count is known (the first session has started). */
    public boolean started() {
        return inputPartitions > 0;
    }

    /** Reads a partition group's state if this instance owns it and it is live; empty otherwise. */
    public <R> Optional<R> read(int partition, Function<StateMachine, R> query) {
        PartitionGroup group = groups.get(partition);
        if (group == null || !group.live()) {
            return Optional.empty();
        }
        return Optional.of(group.read(query));
    }

    /** Runs a read on every live group this instance owns. */
    public <R> List<R> readAll(Function<StateMachine, R> query) {
        List<R> results = new ArrayList<>();
        for (PartitionGroup group : groups.values()) {
            if (group.live()) {
                results.add(group.read(query));
            }
        }
        return results;
    }

    public Set<Integer> owned() {
        return new TreeSet<>(groups.keySet());
    }

    private void run() {
        long backoff = 500;
        while (running) {
            try {
                session();
                backoff = 500;
            } catch (RuntimeException e) {
                lastFailure = e.toString();
                LOG.errorf(e, "%s: the session failed; recovering every partition from its snapshot", settings.service());
            } finally {
                sessionRunning = false;
                assigned = false;
                groups.values().forEach(totals::retire);
                groups.clear();
            }
            if (running) {
                sleep(backoff);
                backoff = Math.min(10_000, backoff * 2);
            }
        }
    }

    private void session() {
        sessionFailure.set(null);
        snapshotting.clear();
        snapshottedAt.clear();
        snapshotRetries.clear();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig("out"));
                KafkaProducer<byte[], byte[]> snapshotProducer = new KafkaProducer<>(producerConfig("snapshots"));
                KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(readerConfig());
                KafkaConsumer<byte[], byte[]> inputs = new KafkaConsumer<>(consumerConfig())) {
            List<AutoCloseable> clientMetrics = bindMetrics(producer, inputs);
            try {
                Sink sink = new Sink(producer);
                inputPartitions = partitionCount(reader, settings.inputs().getFirst());
                seedWritten(reader);
                consumer = inputs;
                inputs.subscribe(settings.inputs(), new Rebalancing(inputs, reader, producer, snapshotProducer));
                sessionRunning = true;
                long committedAt = System.nanoTime();
                committed = Map.of();
                while (running && sessionFailure.get() == null) {
                    ConsumerRecords<byte[], byte[]> records;
                    try {
                        records = inputs.poll(IDLE_POLL);
                    } catch (WakeupException e) {
                        continue;
                    }
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        PartitionGroup group = groups.get(record.partition());
                        if (group != null) {
                            group.offer(inputIndex.get(record.topic()), record);
                        }
                    }
                    for (PartitionGroup group : groups.values()) {
                        TopicPartition[] own = groupInputs.computeIfAbsent(group.partition(), this::inputsOf);
                        group.drain(sink, index -> inputs.position(own[index]));
                    }
                    applyBackpressure(inputs);
                    snapshotIfDue(producer, snapshotProducer, false);
                    if (System.nanoTime() - committedAt > COMMIT_EVERY.toNanos()) {
                        // an idle instance would otherwise commit the same offsets every second, for nothing
                        Map<TopicPartition, OffsetAndMetadata> positions = positions(groups.values());
                        if (!positions.equals(committed)) {
                            // the callback runs inside a later poll, on this thread; a failed commit is tried again
                            inputs.commitAsync(positions, (offsets, failure) -> {
                                if (failure == null) {
                                    committed = offsets;
                                }
                            });
                        }
                        committedAt = System.nanoTime();
                    }
                }
                Throwable failed = sessionFailure.get();
                if (failed != null) {
                    throw new IllegalStateException("an output could not be written: " + failed, failed);
                }
                if (abandoned) {
                    // a crash, for tests: no snapshot, and what is in flight is dropped
                    producer.close(Duration.ZERO);
                    return;
                }
                // a clean stop: everything snapshotted, so that the next start replays nothing
                awaitSnapshots();
                snapshotIfDue(producer, snapshotProducer, true);
                awaitSnapshots();
                inputs.commitSync(positions(groups.values()));
            } finally {
                consumer = null;
                for (AutoCloseable metrics : clientMetrics) {
                    metrics.close();
                }
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<AutoCloseable> bindMetrics(KafkaProducer<byte[], byte[]> producer, KafkaConsumer<byte[], byte[]> inputs) {
        if (meters == null) {
            return List.of();
        }
        KafkaClientMetrics producerMetrics = new KafkaClientMetrics(producer);
        KafkaClientMetrics consumerMetrics = new KafkaClientMetrics(inputs);
        producerMetrics.bindTo(meters);
        consumerMetrics.bindTo(meters);
        return List.of(producerMetrics, consumerMetrics);
    }

    private void applyBackpressure(KafkaConsumer<byte[], byte[]> inputs) {
        Set<TopicPartition> paused = null;
        for (PartitionGroup group : groups.values()) {
            for (int i = 0; i < settings.inputs().size(); i++) {
                int buffered = group.buffered(i);
                if (buffered > PAUSE_AT) {
                    inputs.pause(List.of(input(i, group.partition())));
                } else if (buffered < RESUME_AT) {
                    if (paused == null) {
                        paused = inputs.paused();
                        if (paused.isEmpty()) {
                            return;
                        }
                    }
                    TopicPartition partition = input(i, group.partition());
                    if (paused.contains(partition)) {
                        inputs.resume(List.of(partition));
                    }
                }
            }
        }
    }

    /** Captures due snapshots on this thread and hands them to the writer. */
    private void snapshotIfDue(KafkaProducer<byte[], byte[]> producer, KafkaProducer<byte[], byte[]> snapshotProducer, boolean all) {
        long now = System.nanoTime();
        for (PartitionGroup group : groups.values()) {
            int partition = group.partition();
            Future<?> pending = snapshotting.get(partition);
            boolean retry = snapshotRetries.contains(partition);
            if (pending != null && !pending.isDone() || !group.live() || group.sinceSnapshot() == 0 && !retry) {
                continue;
            }
            long last = snapshottedAt.computeIfAbsent(partition, unused -> now);
            boolean due = all || group.sinceSnapshot() >= settings.snapshotEveryInputs()
                    || now - last >= settings.snapshotInterval().toNanos()
                    || retry && now - last >= SNAPSHOT_RETRY.toNanos();
            if (due) {
                GroupState state = group.capture(Map.copyOf(written));
                snapshottedAt.put(partition, now);
                snapshotting.put(partition, snapshotWriter.submit(() -> writeSnapshot(producer, snapshotProducer, partition, state)));
            }
        }
    }

    private void writeSnapshot(KafkaProducer<byte[], byte[]> producer, KafkaProducer<byte[], byte[]> snapshotProducer, int partition,
            GroupState state) {
        long start = System.nanoTime();
        try {
            // every output sent before the capture must be in its log before a snapshot says it was
            producer.flush();
            int slot = snapshots.write(snapshotProducer, partition, state, slots.getOrDefault(partition, -1), SNAPSHOT_TIMEOUT);
            slots.put(partition, slot);
            snapshotRetries.remove(partition);
            lastSnapshotBytes.set(state.machine() == null ? 0 : state.machine().length);
            if (snapshotWrites != null) {
                snapshotWrites.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        } catch (Exception e) {
            // the group keeps its older snapshot (a crash now replays a little more) until the retry lands
            snapshotRetries.add(partition);
            LOG.warnf("%s: snapshot of partition %d not written: %s", settings.service(), partition, e.toString());
        }
    }

    private void awaitSnapshots() {
        for (Future<?> pending : snapshotting.values()) {
            await(pending);
        }
        snapshotting.clear();
    }

    private static void await(Future<?> pending) {
        try {
            pending.get(SNAPSHOT_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warnf("a snapshot did not finish: %s", e.toString());
        }
    }

    /** Outputs written from now on land at or after today's ends: the scan offsets of partitions not written yet. */
    private void seedWritten(KafkaConsumer<byte[], byte[]> reader) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : settings.outputs()) {
            for (PartitionInfo info : reader.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        reader.endOffsets(partitions, Duration.ofSeconds(30)).forEach((partition, end) -> written.merge(partition, end, Math::max));
    }

    private static int partitionCount(KafkaConsumer<byte[], byte[]> reader, String topic) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            List<PartitionInfo> infos = reader.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos != null && !infos.isEmpty()) {
                return infos.size();
            }
            LOG.warnf("waiting for topic %s to exist", topic);
            sleep(1000);
        }
        throw new IllegalStateException("topic " + topic + " does not exist");
    }

    private TopicPartition[] inputsOf(int partition) {
        TopicPartition[] own = new TopicPartition[settings.inputs().size()];
        for (int i = 0; i < own.length; i++) {
            own[i] = input(i, partition);
        }
        return own;
    }

    private TopicPartition input(int index, int partition) {
        return new TopicPartition(settings.inputs().get(index), partition);
    }

    private Map<TopicPartition, OffsetAndMetadata> positions(Collection<PartitionGroup> of) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (PartitionGroup group : of) {
            long[] positions = group.positions();
            for (int i = 0; i < positions.length; i++) {
                if (positions[i] >= 0) {
                    offsets.put(input(i, group.partition()), new OffsetAndMetadata(positions[i]));
                }
            }
        }
        return offsets;
    }

    /** Assignment changes: recover what arrives, snapshot what leaves. Runs inside poll, on the processing thread. */
    private final class Rebalancing implements ConsumerRebalanceListener {
        private final KafkaConsumer<byte[], byte[]> inputs;
        private final KafkaConsumer<byte[], byte[]> reader;
        private final KafkaProducer<byte[], byte[]> producer;
        private final KafkaProducer<byte[], byte[]> snapshotProducer;

        Rebalancing(KafkaConsumer<byte[], byte[]> inputs, KafkaConsumer<byte[], byte[]> reader, KafkaProducer<byte[], byte[]> producer,
                KafkaProducer<byte[], byte[]> snapshotProducer) {
            this.inputs = inputs;
            this.reader = reader;
            this.producer = producer;
            this.snapshotProducer = snapshotProducer;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Set<Integer> leaving = new TreeSet<>();
            partitions.forEach(partition -> leaving.add(partition.partition()));
            List<PartitionGroup> gone = new ArrayList<>();
            for (int partition : leaving) {
                Future<?> pending = snapshotting.remove(partition);
                if (pending != null) {
                    await(pending);
                }
                PartitionGroup group = groups.get(partition);
                if (group != null && group.live() && group.sinceSnapshot() > 0 && sessionFailure.get() == null && !abandoned) {
                    writeSnapshot(producer, snapshotProducer, partition, group.capture(Map.copyOf(written)));
                }
                if (group != null) {
                    gone.add(group);
                }
            }
            try {
                inputs.commitSync(positions(gone));
            } catch (RuntimeException e) {
                LOG.debugf("offsets of revoked partitions not committed: %s", e.toString());
            }
            gone.forEach(group -> {
                snapshotRetries.remove(group.partition());
                totals.retire(group);
                groups.remove(group.partition());
            });
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(partition -> {
                PartitionGroup group = groups.remove(partition.partition());
                if (group != null) {
                    totals.retire(group);
                }
            });
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // another member may have committed these partitions meanwhile: commit the positions afresh
            committed = Map.of();
            Map<Integer, Integer> topicsPerPartition = new HashMap<>();
            partitions.forEach(partition -> topicsPerPartition.merge(partition.partition(), 1, Integer::sum));
            List<Integer> arriving = new ArrayList<>();
            topicsPerPartition.forEach((partition, topics) -> {
                if (topics != settings.inputs().size()) {
                    throw new IllegalStateException("partition " + partition + " of only " + topics + " of the inputs "
                            + settings.inputs() + " was assigned: are they co-partitioned?");
                }
                if (!groups.containsKey(partition)) {
                    arriving.add(partition);
                }
            });
            if (!arriving.isEmpty()) {
                recover(arriving);
            }
            assigned = true;
        }

        private void recover(List<Integer> arriving) {
            long start = System.nanoTime();
            Map<Integer, SnapshotStore.Stored> stored = new HashMap<>();
            Map<String, Map<TopicPartition, Long>> from = new HashMap<>();
            for (int partition : arriving) {
                SnapshotStore.Stored snapshot = snapshots.read(reader, partition);
                stored.put(partition, snapshot);
                from.put(PartitionGroup.sourceOf(settings.service(), partition), snapshot == null ? Map.of() : snapshot.state().scanFrom());
            }
            Map<String, List<RecordedOutput>> found = OutputScanner.scan(reader, settings.outputs(), from);
            for (int partition : arriving) {
                SnapshotStore.Stored snapshot = stored.get(partition);
                GroupState state = snapshot == null ? GroupState.empty(settings.inputs().size()) : snapshot.state();
                String source = PartitionGroup.sourceOf(settings.service(), partition);
                ReplayPlan plan = ReplayPlan.of(source, state.positions(), found.get(source));
                PartitionGroup group = new PartitionGroup(settings.service(), partition, settings.inputs(),
                        factory.create(partition, state.machine()), state, plan);
                group.traceWith(tracing);
                slots.put(partition, snapshot == null ? -1 : snapshot.slot());
                long[] positions = state.positions();
                for (int i = 0; i < positions.length; i++) {
                    if (positions[i] >= 0) {
                        inputs.seek(input(i, partition), positions[i]);
                    } else {
                        inputs.seekToBeginning(List.of(input(i, partition)));
                    }
                }
                groups.put(partition, group);
                LOG.infof("%s: partition %d restored from %s, %d outputs read back, %d replay steps", settings.service(), partition,
                        snapshot == null ? "nothing (a first start)" : "its snapshot at " + java.util.Arrays.toString(positions),
                        found.get(source).size(), plan.remaining());
            }
            if (recovery != null) {
                recovery.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** The producer, with every acknowledgement noted and the first failure ending the session. */
    private final class Sink implements OutputSink {
        private final KafkaProducer<byte[], byte[]> producer;
        private final Map<String, Integer> partitions = new HashMap<>();

        Sink(KafkaProducer<byte[], byte[]> producer) {
            this.producer = producer;
        }

        @Override
        public void send(ProducerRecord<byte[], byte[]> record) {
            TopicPartition target = new TopicPartition(record.topic(), record.partition());
            producer.send(record, (metadata, failure) -> {
                if (failure != null) {
                    sessionFailure.compareAndSet(null, failure);
                    KafkaConsumer<byte[], byte[]> current = consumer;
                    if (current != null) {
                        current.wakeup();
                    }
                } else {
                    written.merge(target, metadata.offset() + 1, Math::max);
                }
            });
        }

        @Override
        public int partitions(String topic) {
            return partitions.computeIfAbsent(topic, name -> producer.partitionsFor(name).size());
        }
    }

    private Map<String, Object> common() {
        Map<String, Object> config = new HashMap<>(settings.kafka());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return config;
    }

    private Map<String, Object> producerConfig(String role) {
        Map<String, Object> config = common();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, settings.service() + "-" + role);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Send at once, and batch what queues up while a request is in flight ("smart batching"): one request at a time
        // costs nothing when idle and makes each request carry more when busy, where five in flight would send many
        // small ones and spend the cores on requests instead of orders.
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.putIfAbsent(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        return config;
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = common();
        config.putAll(settings.consumer());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.clientId());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // nobody upstream writes transactions any more; read_committed would only add the wait for markers
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        // partition p of every input to the same member: the group's inputs stay together
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        // A written input ends the broker's wait at once (fetch.min.bytes 1), so the wait only sets how often an idle
        // instance asks again: every 2 s, not Kafka's 500 ms. Partitions assigned while a fetch is out wait behind it.
        config.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, IDLE_FETCH_WAIT_MS);
        return config;
    }

    private Map<String, Object> readerConfig() {
        Map<String, Object> config = common();
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.service() + "-recovery");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        return config;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Counts of the groups this instance owns now and owned before. */
    private final class Totals {
        private final AtomicLong retiredProcessed = new AtomicLong();
        private final AtomicLong retiredDuplicates = new AtomicLong();
        private final AtomicLong retiredMuted = new AtomicLong();
        private final AtomicLong retiredDeadLettered = new AtomicLong();

        void retire(PartitionGroup group) {
            retiredProcessed.addAndGet(group.processed());
            retiredDuplicates.addAndGet(group.duplicates());
            retiredMuted.addAndGet(group.muted());
            retiredDeadLettered.addAndGet(group.deadLettered());
        }

        double processed() {
            return retiredProcessed.get() + groups.values().stream().mapToLong(PartitionGroup::processed).sum();
        }

        double duplicates() {
            return retiredDuplicates.get() + groups.values().stream().mapToLong(PartitionGroup::duplicates).sum();
        }

        double muted() {
            return retiredMuted.get() + groups.values().stream().mapToLong(PartitionGroup::muted).sum();
        }

        double deadLettered() {
            return retiredDeadLettered.get() + groups.values().stream().mapToLong(PartitionGroup::deadLettered).sum();
        }
    }
}
