package dev.tickflow.sequencer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a sequenced service runs.
 *
 * @param service the service's name: partition groups are {@code <service>/<partition>}
 * @param groupId the consumer group that splits the input partitions between the service's instances
 * @param inputs the input topics, co-partitioned (equal partition counts, the same key); their order is part of every
 *     output's tag, so it must not change between releases
 * @param outputs every topic the state machine writes, dead-letter topics included: read back at recovery
 * @param snapshotTopic a compacted topic with one partition per input partition
 * @param snapshotInterval a group with new inputs is snapshotted at least this often
 * @param snapshotEveryInputs ... and at least every this many inputs
 * @param advertised this instance's {@code host:port}, so that others can route a query for its partitions to it
 * @param kafka client settings every client shares (bootstrap servers, security)
 * @param consumer extra settings for the input consumer (session timeout, say)
 */
public record SequencerSettings(String service, String groupId, List<String> inputs, List<String> outputs, String snapshotTopic,
        Duration snapshotInterval, long snapshotEveryInputs, String advertised, Map<String, Object> kafka, Map<String, Object> consumer) {

    public SequencerSettings {
        Objects.requireNonNull(service);
        Objects.requireNonNull(groupId);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        kafka = Map.copyOf(kafka);
        consumer = Map.copyOf(consumer);
        if (inputs.isEmpty() || inputs.size() > 100) {
            throw new IllegalArgumentException("between 1 and 100 inputs");
        }
    }

    /** The client id of the input consumer: the service and where it answers queries. */
    String clientId() {
        return service + "@" + advertised;
    }
}
