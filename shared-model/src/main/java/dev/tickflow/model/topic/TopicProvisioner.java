package dev.tickflow.model.topic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the catalogue's topics that do not exist yet. Existing topics are left as they are: changing a partition
 * count would move keys between partitions and break per-key ordering, so that stays a deliberate operation.
 */
public final class TopicProvisioner {

    private TopicProvisioner() {
    }

    /** Returns the names of the topics it created, each with the catalogue's partition count. */
    public static List<String> ensure(Admin admin, Collection<TopicSpec<?>> topics, int replicationFactor)
            throws InterruptedException, ExecutionException, TimeoutException {
        return ensure(admin, topics, replicationFactor, Integer.MAX_VALUE);
    }

    /**
     * Returns the names of the topics it created, each with the catalogue's partition count but at most
     * {@code partitionLimit}. One limit for all keeps co-partitioned topics co-partitioned (equal counts stay equal),
     * and a single node gains nothing from partitions it has no second instance to share them with: each costs it a
     * fetch position per consumer, a task per Streams sub-topology and a marker per transaction.
     */
    public static List<String> ensure(Admin admin, Collection<TopicSpec<?>> topics, int replicationFactor, int partitionLimit)
            throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<NewTopic> missing = new ArrayList<>();
        for (TopicSpec<?> topic : topics) {
            if (!existing.contains(topic.name())) {
                missing.add(new NewTopic(topic.name(), topic.partitionsUpTo(partitionLimit), (short) replicationFactor)
                        .configs(topic.configs(replicationFactor)));
            }
        }
        if (missing.isEmpty()) {
            return List.of();
        }
        try {
            admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // Another starter created some of them in between: fine, they now exist.
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        return missing.stream().map(NewTopic::name).toList();
    }
}
