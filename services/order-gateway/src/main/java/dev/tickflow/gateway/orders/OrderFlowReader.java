package dev.tickflow.gateway.orders;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tickflow.gateway.GatewayConfig;
import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.NewOrder;
import dev.tickflow.model.OrderCommand;
import dev.tickflow.model.OrderRejected;
import dev.tickflow.model.serde.RecordTypes;
import dev.tickflow.model.topic.DeadLetters;
import dev.tickflow.model.topic.TopicNames;
import dev.tickflow.sequencer.InputTracing;
import dev.tickflow.sequencer.RepeatFilter;
import dev.tickflow.sequencer.SequenceTag;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

/**
 * Reads every partition of orders.submitted, orders.rejected and executions on its own thread and
 * keeps the {@link OrderRegistry} current: at start it replays the last {@code tickflow.gateway.replay} of them so
 * that idempotent retries and GET /orders survive a restart, then it follows them live, completing waiting callers and
 * feeding WebSocket sessions.
 *
 * <p>Live, the outcome topics are read as they are written, orders.submitted every
 * {@code tickflow.gateway.command-read-interval}: its partitions are paused in between. This process's own commands are
 * known already (and passed over); another instance's are learnt a little later, and a refusal that comes before its
 * command waits in the order's state for it. Read at once, every command would wake the reader a second time per order.
 *
 * <p>No consumer group: every gateway instance must see every account's reports, since the caller waiting for one
 * may be connected to any instance. Nothing is committed, because the state is rebuilt from the topics each start.
 */
@ApplicationScoped
public class OrderFlowReader {

    private static final Logger LOG = Logger.getLogger(OrderFlowReader.class);
    private static final List<String> TOPICS = List.of(TopicNames.ORDERS_SUBMITTED, TopicNames.ORDERS_REJECTED,
            TopicNames.EXECUTIONS);
    private static final String SOURCE = "order-gateway";

    private final Map<String, Object> kafka;
    private final OrderRegistry registry;
    private final PendingOutcomes pending;
    private final Instance<OrderUpdates> updates;
    private final Duration replay;
    private final long commandReadNanos;
    private final OutcomeWatch watch;
    private final InputTracing tracing;
    private final Counter undecodable;
    private final Counter repeated;
    private final Counter pushFailures;
    private final Set<String> pushFailuresLogged = new java.util.HashSet<>();
    private final Map<TopicPartition, RepeatFilter> repeats = new HashMap<>();
    // resolved once: looked up per report, the CDI lookup cost more than the push
    private List<OrderUpdates> listeners = List.of();
    private volatile boolean running;
    private volatile boolean caughtUp;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private KafkaProducer<byte[], byte[]> deadLetters;
    private Thread thread;

    OrderFlowReader(@Identifier("default-kafka-broker") Map<String, Object> kafka, OrderRegistry registry,
            PendingOutcomes pending, Instance<OrderUpdates> updates, GatewayConfig config, MeterRegistry meters, OutcomeWatch watch,
            InputTracing tracing) {
        this.kafka = kafka;
        this.tracing = tracing;
        this.registry = registry;
        this.pending = pending;
        this.updates = updates;
        this.replay = config.replay();
        this.commandReadNanos = config.commandReadInterval().toNanos();
        this.watch = watch;
        this.undecodable = Counter.builder("tickflow.gateway.records.undecodable")
                .description("Records on the order topics the gateway could not read (dead-lettered when live)").register(meters);
        this.repeated = Counter.builder("tickflow.gateway.records.repeated")
                .description("Reports and refusals dropped as repeats of ones already taken (a writer's crash or zombie)").register(meters);
        this.pushFailures = Counter.builder("tickflow.gateway.push.failures")
                .description("Reports a WebSocket or FIX session could not be told of").register(meters);
        Gauge.builder("tickflow.gateway.orders.known", registry, OrderRegistry::size).register(meters);
        Gauge.builder("tickflow.gateway.commands.waiting", pending, PendingOutcomes::size).register(meters);
    }

    void start(@Observes StartupEvent event) {
        listeners = updates.stream().toList();
        running = true;
        thread = new Thread(this::run, "order-flow-reader");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            thread.join(Duration.ofSeconds(5));
        }
    }

    /** True once everything on the topics at start has been read: the registry then knows every recent order. */
    public boolean caughtUp() {
        return caughtUp;
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(consumerConfig())) {
                consumer = reader;
                follow(reader);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                caughtUp = false;
                LOG.errorf(e, "Order flow reader failed; starting over in 1 s");
                sleep(Duration.ofSeconds(1));
            } finally {
                consumer = null;
            }
        }
        if (deadLetters != null) {
            deadLetters.close(Duration.ofSeconds(2));
        }
    }

    private void follow(KafkaConsumer<byte[], byte[]> reader) {
        List<TopicPartition> partitions = partitions(reader);
        reader.assign(partitions);
        long from = Instant.now().minus(replay).toEpochMilli();
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(partition -> times.put(partition, from));
        Map<TopicPartition, OffsetAndTimestamp> starts = reader.offsetsForTimes(times);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp start = starts.get(partition);
            if (start == null) {
                reader.seekToEnd(Set.of(partition));
            } else {
                reader.seek(partition, start.offset());
            }
        }
        Map<TopicPartition, Long> ends = reader.endOffsets(partitions);
        List<TopicPartition> commands = partitions.stream().filter(partition -> partition.topic().equals(TopicNames.ORDERS_SUBMITTED))
                .toList();
        LOG.infof("Replaying order flow since %s from %d partitions", Instant.ofEpochMilli(from), partitions.size());
        long commandsDue = 0;
        while (running) {
            if (caughtUp && System.nanoTime() - commandsDue >= 0) {
                reader.resume(commands);
                commandsDue = System.nanoTime() + commandReadNanos;
            }
            ConsumerRecords<byte[], byte[]> records = reader.poll(Duration.ofMillis(200));
            for (ConsumerRecord<byte[], byte[]> record : records) {
                apply(record);
            }
            if (!caughtUp && reachedEnd(reader, ends)) {
                caughtUp = true;
                watch.caughtUp();
                LOG.infof("Order flow caught up: %d orders known", registry.size());
            }
            if (caughtUp) {
                pauseDrained(reader, commands);
            }
        }
    }

    /** Pauses the command partitions read to their end (as of the last fetch) until the next command read is due. */
    private static void pauseDrained(KafkaConsumer<byte[], byte[]> reader, List<TopicPartition> commands) {
        Set<TopicPartition> paused = reader.paused();
        for (TopicPartition partition : commands) {
            if (!paused.contains(partition) && reader.currentLag(partition).orElse(1) == 0) {
                reader.pause(List.of(partition));
            }
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        // a live report closes its order's trace here; the replay at start is not traced again
        Span span = caughtUp && tracing.enabled() && !record.topic().equals(TopicNames.ORDERS_SUBMITTED) ? tracing.start(record) : null;
        try {
            applyTraced(record);
        } finally {
            if (span != null) {
                span.end();
            }
        }
    }

    private void applyTraced(ConsumerRecord<byte[], byte[]> record) {
        if (record.topic().equals(TopicNames.ORDERS_SUBMITTED) && CommandWriter.wroteIt(record.headers())) {
            return;
        }
        // risk and the engine write without transactions: after a crash of theirs, or from a zombie instance, an output
        // can arrive twice; its tag says so, and a client must never hear of a fill twice
        RepeatFilter filter = repeats.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), unused -> new RepeatFilter());
        if (!filter.firstTime(SequenceTag.readFrom(record.headers()))) {
            repeated.increment();
            return;
        }
        try {
            switch (record.topic()) {
                case TopicNames.ORDERS_SUBMITTED -> submitted(RecordTypes.ORDER_COMMAND.decode(record.value()));
                case TopicNames.ORDERS_REJECTED -> rejected(RecordTypes.ORDER_REJECTED.decode(record.value()));
                case TopicNames.EXECUTIONS -> executed(RecordTypes.EXECUTION_REPORT.decode(record.value()));
                default -> throw new IllegalStateException("not an order topic: " + record.topic());
            }
        } catch (RuntimeException e) {
            undecodable.increment();
            // Records replayed at start were seen by an earlier run; only live ones are new to the dead-letter topic.
            if (caughtUp) {
                deadLetter(record, e);
            }
        }
    }

    private void submitted(OrderCommand command) {
        if (command != null && command.getCommand() instanceof NewOrder) {
            registry.submitted(command);
            watch.watch(command.getOrderId(), command.getSubmittedAtMicros());
        }
    }

    private void executed(ExecutionReport report) {
        if (report == null) {
            return;
        }
        registry.reported(report);
        pending.complete(report.getCommandId(), new Outcome.Reported(report));
        if (caughtUp) {
            for (OrderUpdates listener : listeners) {
                try {
                    listener.executed(report);
                } catch (RuntimeException e) {
                    pushFailed(listener, e);
                }
            }
        }
    }

    private void rejected(OrderRejected rejected) {
        if (rejected == null) {
            return;
        }
        registry.refused(rejected);
        pending.complete(rejected.getCommandId(), new Outcome.Refused(rejected));
        if (caughtUp) {
            for (OrderUpdates listener : listeners) {
                try {
                    listener.rejected(rejected);
                } catch (RuntimeException e) {
                    pushFailed(listener, e);
                }
            }
        }
    }

    /**
     * A session that cannot be told of a report is that session's fault, not the record's: the record was taken, so it
     * is not dead-lettered, and the next listeners still hear of it. Logged once per kind of failure, counted always.
     */
    private void pushFailed(OrderUpdates listener, RuntimeException failure) {
        pushFailures.increment();
        if (pushFailuresLogged.add(failure.getClass().getName())) {
            LOG.errorf(failure, "Pushing a report through %s failed (further failures of this kind are only counted)", listener);
        }
    }

    private static boolean reachedEnd(KafkaConsumer<byte[], byte[]> reader, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (reader.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> reader) {
        while (running) {
            List<TopicPartition> partitions = new ArrayList<>();
            boolean complete = true;
            for (String topic : TOPICS) {
                var infos = reader.partitionsFor(topic, Duration.ofSeconds(10));
                complete &= !infos.isEmpty();
                infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            }
            if (complete) {
                return partitions;
            }
            LOG.warnf("Waiting for topics %s to exist", TOPICS);
            sleep(Duration.ofSeconds(1));
        }
        throw new WakeupException();
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> record, RuntimeException cause) {
        LOG.warnf("Dead-lettering %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), cause.getMessage());
        if (deadLetters == null) {
            Map<String, Object> config = new HashMap<>(kafka);
            config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            config.put(ProducerConfig.CLIENT_ID_CONFIG, SOURCE + "-dead-letters");
            deadLetters = new KafkaProducer<>(config);
        }
        deadLetters.send(DeadLetters.forRecord(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                record.headers(), cause.getClass().getSimpleName(), String.valueOf(cause.getMessage()), SOURCE, Instant.now()));
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        // nothing on these topics is written in transactions any more: read as soon as it is written
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, SOURCE + "-order-flow");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return config;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
