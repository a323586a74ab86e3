package dev.tickflow.sequencer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Which instance of a sequenced service owns an input partition, from its consumer group: each member's client id
 * carries the {@code host:port} it answers queries on ({@code <service>@<host>:<port>}). Cached for a short while; a
 * rebalance in between is answered by the new owner's refusal to forward again.
 */
public final class PartitionOwners implements AutoCloseable {

    private static final long TTL_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final Admin admin;
    private final String groupId;
    private final String topic;
    private Map<Integer, String> owners = Map.of();
    private long fetchedAt;

    /**
     * @param topic one of the service's inputs (all are assigned alike)
     */
    public PartitionOwners(Map<String, Object> kafka, String groupId, String topic) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.remove("group.id");
        config.put("client.id", groupId + "-owners");
        this.admin = Admin.create(config);
        this.groupId = groupId;
        this.topic = topic;
    }

    /** The {@code host:port} of the partition's owner, if the group has one right now. */
    public synchronized Optional<String> ownerOf(int partition) {
        if (System.nanoTime() - fetchedAt > TTL_NANOS) {
            owners = fetch();
            fetchedAt = System.nanoTime();
        }
        return Optional.ofNullable(owners.get(partition));
    }

    private Map<Integer, String> fetch() {
        Map<Integer, String> found = new HashMap<>();
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(groupId)).describedGroups().get(groupId)
                    .get(5, TimeUnit.SECONDS);
            for (MemberDescription member : group.members()) {
                String clientId = member.clientId();
                int at = clientId.indexOf('@');
                if (at < 0) {
                    continue;
                }
                String endpoint = clientId.substring(at + 1);
                for (TopicPartition partition : member.assignment().topicPartitions()) {
                    if (partition.topic().equals(topic)) {
                        found.put(partition.partition(), endpoint);
                    }
                }
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Map.of();
        }
        return found;
    }

    @Override
    public void close() {
        admin.close();
    }
}
