package dev.tickflow.sequencer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import dev.tickflow.model.topic.DeadLetters;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Utils;

/**
 * One partition of every input topic (partition {@code p} of each, co-partitioned), the state machine they feed, and
 * what makes its effect exactly-once without transactions: the input positions, the last output seen from every
 * sequenced writer upstream (repeats are dropped), the replay plan after a restart and the outputs to mute.
 *
 * <p>Kafka-agnostic apart from its record types: the runtime feeds it polled records and gives it a sink; tests feed it
 * lists. Used by one thread; {@link #read} lets other threads look at the state between two inputs.
 */
public final class PartitionGroup {

    private final String service;
    private final String source;
    private final int partition;
    private final List<String> inputs;
    private final StateMachine machine;
    private final long[] positions;
    private final ArrayDeque<ConsumerRecord<byte[], byte[]>>[] buffers;
    /** Per input topic: what was taken from each sequenced writer upstream. */
    private final List<RepeatFilter> repeats;
    private final Map<TopicPartition, Long> scanFrom;
    private final ReplayPlan plan;
    private final Emitter emitter = new Emitter();
    private InputTracing tracing = InputTracing.OFF;
    private long processed;
    private long duplicates;
    private long muted;
    private long deadLettered;
    private long sinceSnapshot;

    /**
     * @param service the service name, for dead letters
     * @param inputs the input topics, in a fixed order (their index is part of every tag)
     * @param state what the last snapshot restored, or {@link GroupState#empty}
     */
    @SuppressWarnings("unchecked")
    public PartitionGroup(String service, int partition, List<String> inputs, StateMachine machine, GroupState state, ReplayPlan plan) {
        this.service = service;
        this.source = sourceOf(service, partition);
        this.partition = partition;
        this.inputs = List.copyOf(inputs);
        this.machine = machine;
        this.positions = state.positions().clone();
        this.repeats = new ArrayList<>(state.copy().repeats());
        this.scanFrom = new HashMap<>(state.scanFrom());
        this.plan = plan;
        this.buffers = new ArrayDeque[inputs.size()];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = new ArrayDeque<>();
        }
        if (positions.length != inputs.size()) {
            throw new IllegalArgumentException("a snapshot of " + positions.length + " inputs for " + inputs.size() + " inputs");
        }
    }

    /** Traces every input from here on (see {@link InputTracing}). */
    public void traceWith(InputTracing inputTracing) {
        this.tracing = inputTracing;
    }

    public static String sourceOf(String service, int partition) {
        return service + "/" + partition;
    }

    public String source() {
        return source;
    }

    public int partition() {
        return partition;
    }

    /** Next offset to process per input topic; -1 where nothing is known (start from the beginning). */
    public long[] positions() {
        return positions.clone();
    }

    /** Whether the replay after a restart is done: from here on the group decides freely. */
    public boolean live() {
        return plan.steps().isEmpty();
    }

    /** Replay steps left; 0 once live. */
    public int replaySteps() {
        return plan.remaining();
    }

    public int buffered(int topicIndex) {
        return buffers[topicIndex].size();
    }

    /** Queues a polled record of input {@code topicIndex}. */
    public void offer(int topicIndex, ConsumerRecord<byte[], byte[]> record) {
        buffers[topicIndex].addLast(record);
    }

    /**
     * Processes every buffered input it may: during replay in the recorded order (and only while the records it needs
     * are at hand), afterwards oldest record first across the inputs.
     *
     * @param fetched the consumer's fetch position per input topic index (how far records have been delivered)
     * @return how many inputs it processed
     */
    public int drain(OutputSink sink, ToLongFunction<Integer> fetched) {
        int count = 0;
        while (true) {
            int next = plan.steps().isEmpty() ? nextLive() : nextPlanned(fetched);
            if (next < 0) {
                return count;
            }
            List<Input.Recorded> recorded = List.of();
            if (next >= inputs.size()) {
                next -= inputs.size();
                recorded = plan.steps().removeFirst().recorded();
            }
            apply(next, buffers[next].removeFirst(), recorded, sink);
            count++;
        }
    }

    /** The input whose head is oldest, or -1 when nothing is buffered. */
    private int nextLive() {
        int best = -1;
        long oldest = Long.MAX_VALUE;
        for (int i = 0; i < buffers.length; i++) {
            ConsumerRecord<byte[], byte[]> head = buffers[i].peekFirst();
            if (head != null && head.timestamp() < oldest) {
                best = i;
                oldest = head.timestamp();
            }
        }
        return best;
    }

    /**
     * The next input of the replay: a record before the current step's positions, or the step's cause (returned as its
     * index + the number of inputs), or -1 while a needed record has not been fetched yet.
     */
    private int nextPlanned(ToLongFunction<Integer> fetched) {
        ReplayPlan.Step step = plan.steps().peekFirst();
        for (int i = 0; i < buffers.length; i++) {
            long target = step.positions()[i] - (i == step.cause() ? 1 : 0);
            if (positions[i] >= target) {
                continue;
            }
            ConsumerRecord<byte[], byte[]> head = buffers[i].peekFirst();
            if (head == null) {
                if (fetched.applyAsLong(i) >= target) {
                    continue;
                }
                return -1;
            }
            if (head.offset() < target) {
                return i;
            }
        }
        int cause = step.cause();
        long causeOffset = step.positions()[cause] - 1;
        ConsumerRecord<byte[], byte[]> head = buffers[cause].peekFirst();
        if (head == null) {
            if (fetched.applyAsLong(cause) > causeOffset) {
                return abandonReplay();
            }
            return -1;
        }
        if (head.offset() != causeOffset) {
            return abandonReplay();
        }
        return cause + inputs.size();
    }

    /** The recorded cause is no longer in the input (retention took it): what is left is decided afresh. */
    private int abandonReplay() {
        plan.steps().clear();
        return nextLive();
    }

    private void apply(int topicIndex, ConsumerRecord<byte[], byte[]> record, List<Input.Recorded> recorded, OutputSink sink) {
        positions[topicIndex] = record.offset() + 1;
        sinceSnapshot++;
        SequenceTag upstream = SequenceTag.readFrom(record.headers());
        if (!repeats.get(topicIndex).firstTime(upstream)) {
            duplicates++;
            return;
        }
        long key = SequenceTag.keyOf(positions);
        emitter.begin(topicIndex, key, recorded);
        Input input = new Input(topicIndex, record, recorded);
        Span span = tracing.enabled() ? tracing.start(record) : null;
        try (Scope scope = span == null ? null : span.makeCurrent()) {
            synchronized (this) {
                machine.apply(input, emitter);
            }
        } catch (RuntimeException e) {
            emitter.pending.clear();
            deadLettered++;
            try {
                synchronized (this) {
                    machine.failed(input, e, emitter);
                }
            } catch (RuntimeException ignored) {
                // the input stays dead-lettered; telling its owner is best effort
                emitter.pending.clear();
            }
            emitter.deadLetter(record, e);
            if (span != null) {
                span.recordException(e);
            }
        }
        emitter.flush(sink, span);
        if (span != null) {
            span.end();
        }
        processed++;
    }

    /**
     * Runs a read of the state between two inputs, on the caller's thread.
     */
    public <R> R read(Function<StateMachine, R> query) {
        synchronized (this) {
            return query.apply(machine);
        }
    }

    /** Inputs processed since the last snapshot (duplicates included). */
    public long sinceSnapshot() {
        return sinceSnapshot;
    }

    /**
     * The group's state as a snapshot covers it. Only once live: during a replay the outputs still to follow are found
     * from the old scan offsets, which a snapshot taken now would move past.
     *
     * @param written per output partition, the offset after the last output acknowledged there (by any group): outputs
     *     written after this snapshot land at or after it
     */
    public GroupState capture(Map<TopicPartition, Long> written) {
        if (!live()) {
            throw new IllegalStateException(source + " is still replaying");
        }
        scanFrom.putAll(written);
        byte[] state;
        synchronized (this) {
            state = machine.snapshot();
        }
        sinceSnapshot = 0;
        return new GroupState(positions.clone(), repeats, Map.copyOf(scanFrom), state).copy();
    }

    public long processed() {
        return processed;
    }

    public long duplicates() {
        return duplicates;
    }

    public long muted() {
        return muted;
    }

    public long deadLettered() {
        return deadLettered;
    }

    /** Collects one input's outputs, tags them and writes those not already written. */
    private final class Emitter implements Outputs {
        private final List<ProducerRecord<byte[], byte[]>> pending = new ArrayList<>(8);
        private int cause;
        private long key;
        private List<Input.Recorded> current = List.of();

        void begin(int topicIndex, long outputKey, List<Input.Recorded> recorded) {
            cause = topicIndex;
            key = outputKey;
            current = recorded;
            pending.clear();
        }

        @Override
        public void send(String topic, String recordKey, byte[] value) {
            send(topic, recordKey, value, null);
        }

        @Override
        public void send(String topic, int targetPartition, String recordKey, byte[] value) {
            pending.add(new ProducerRecord<>(topic, targetPartition, bytes(recordKey), value, new RecordHeaders()));
        }

        @Override
        public void send(String topic, String recordKey, byte[] value, Iterable<Header> headers) {
            byte[] keyBytes = bytes(recordKey);
            if (keyBytes == null) {
                throw new IllegalArgumentException("a record for " + topic + " without key needs an explicit partition");
            }
            pending.add(new ProducerRecord<>(topic, null, keyBytes, value, headers == null ? new RecordHeaders() : copy(headers)));
        }

        @Override
        public void resend(Input.Recorded recorded) {
            pending.add(new ProducerRecord<>(recorded.topic(), recorded.partition(), recorded.key(), recorded.value(),
                    new RecordHeaders()));
        }

        void deadLetter(ConsumerRecord<byte[], byte[]> record, RuntimeException cause) {
            ProducerRecord<byte[], byte[]> letter = DeadLetters.forRecord(record.topic(), record.partition(), record.offset(),
                    record.key(), record.value(), record.headers(), cause.getClass().getSimpleName(), String.valueOf(cause.getMessage()),
                    service, Instant.ofEpochMilli(record.timestamp()));
            pending.add(letter);
        }

        void flush(OutputSink sink, Span span) {
            long[] tagPositions = null;
            for (int index = 0; index < pending.size(); index++) {
                ProducerRecord<byte[], byte[]> record = pending.get(index);
                int target = record.partition() != null ? record.partition()
                        : record.key() == null ? 0 : Utils.toPositive(Utils.murmur2(record.key())) % sink.partitions(record.topic());
                if (written(record.topic(), target, index)) {
                    muted++;
                    continue;
                }
                if (tagPositions == null) {
                    tagPositions = positions.clone();
                }
                ProducerRecord<byte[], byte[]> tagged = new ProducerRecord<>(record.topic(), target, record.timestamp(), record.key(),
                        record.value(), record.headers());
                new SequenceTag(source, key, index, cause, tagPositions).writeTo(tagged.headers());
                if (span != null) {
                    tracing.stamp(span, tagged.headers());
                }
                sink.send(tagged);
            }
            pending.clear();
        }

        /**
         * Whether the earlier run is known to have written this output: it is among the input's recorded outputs. An
         * input with none recorded wrote nothing anywhere (its outputs would have been found on some partition), so it
         * is written whatever it decides now.
         */
        private boolean written(String topic, int partition, int index) {
            for (Input.Recorded recorded : current) {
                if (recorded.index() == index && recorded.partition() == partition && recorded.topic().equals(topic)) {
                    return true;
                }
            }
            return false;
        }

        private static byte[] bytes(String value) {
            return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
        }

        private static RecordHeaders copy(Iterable<Header> headers) {
            RecordHeaders copy = new RecordHeaders();
            headers.forEach(copy::add);
            return copy;
        }
    }
}
