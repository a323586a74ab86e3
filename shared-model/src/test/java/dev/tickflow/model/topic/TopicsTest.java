package dev.tickflow.model.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import dev.tickflow.model.SampleRecords;
import dev.tickflow.model.Tick;
import dev.tickflow.model.serde.RecordDecodingException;
import dev.tickflow.model.serde.TopicValueDeserializer;
import dev.tickflow.model.serde.TopicValueSerializer;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void namesAreUnique() {
        assertThat(Topics.all()).extracting(TopicSpec::name).doesNotHaveDuplicates();
    }

    @Test
    void everyRecordTopicHasItsDeadLetterTopicInTheCatalogue() {
        for (TopicSpec<?> topic : Topics.all()) {
            if (!topic.isDeadLetter() && !topic.isSnapshot()) {
                assertThat(Topics.find(topic.deadLetterTopic())).as(topic.name()).get()
                        .satisfies(dlq -> assertThat(dlq.isDeadLetter()).isTrue());
            }
        }
        assertThat(Topics.MD_TICKS_DLQ.name()).isEqualTo(TopicNames.MD_TICKS_DLQ);
    }

    @Test
    void snapshotTopicsHaveAPartitionPerPartitionGroupAndAreCompacted() {
        assertThat(Topics.RISK_SNAPSHOTS.partitions()).isEqualTo(Topics.ORDERS_SUBMITTED.partitions());
        assertThat(Topics.MATCHING_SNAPSHOTS.partitions()).isEqualTo(Topics.ORDERS_ACCEPTED.partitions());
        for (TopicSpec<?> topic : List.of(Topics.RISK_SNAPSHOTS, Topics.MATCHING_SNAPSHOTS)) {
            assertThat(topic.isSnapshot()).isTrue();
            assertThat(topic.isDeadLetter()).isFalse();
            assertThat(topic.configs(3)).containsEntry("cleanup.policy", "compact");
        }
    }

    @Test
    void everyNameConstantIsACatalogueTopic() throws IllegalAccessException {
        for (java.lang.reflect.Field field : TopicNames.class.getFields()) {
            String name = (String) field.get(null);
            if (!name.equals(TopicNames.DEAD_LETTER_SUFFIX)) {
                assertThat(Topics.find(name)).as(field.getName()).isPresent();
            }
        }
    }

    @Test
    void topicsThatAreJoinedAreCoPartitioned() {
        // risk joins orders with executions by account; the matching engine reads accepted orders by symbol
        // beside the ticks and book it writes.
        assertSamePartitions(List.of(Topics.ORDERS_SUBMITTED, Topics.EXECUTIONS, Topics.ORDERS_REJECTED, Topics.RISK_CONTROLS));
        assertSamePartitions(List.of(Topics.MD_TICKS, Topics.ORDERS_ACCEPTED, Topics.MD_BOOK, Topics.MD_BARS_1M));
    }

    @Test
    void everyChannelConstantIsItsTopicsChannel() throws ReflectiveOperationException {
        for (java.lang.reflect.Field field : Channels.class.getFields()) {
            String topic = (String) TopicNames.class.getField(field.getName()).get(null);
            assertThat(field.get(null)).as(field.getName()).isEqualTo(Channels.of(topic));
        }
    }

    @Test
    void constantKeyTopicsHaveOnePartition() {
        assertThat(Topics.MD_MOVERS.partitions()).isEqualTo(1);
        assertThatThrownBy(() -> new TopicSpec<>("x", KeyKind.CONSTANT, null, 2, CleanupPolicy.DELETE,
                java.time.Duration.ofHours(1), null, "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void compactedTopicsKeepTombstonesForTheirRetention() {
        assertThat(Topics.REF_INSTRUMENTS.configs(3)).containsEntry("cleanup.policy", "compact")
                .containsEntry("delete.retention.ms", "86400000").containsEntry("min.insync.replicas", "2");
        assertThat(Topics.MD_TICKS.configs(1)).containsEntry("cleanup.policy", "delete")
                .containsEntry("retention.ms", "259200000").containsEntry("min.insync.replicas", "1");
    }

    @Test
    void catalogueSerializerRefusesTheWrongTypeForATopic() {
        try (TopicValueSerializer serializer = new TopicValueSerializer()) {
            assertThatThrownBy(() -> serializer.serialize("md.ticks", SampleRecords.newOrder()))
                    .isInstanceOf(SerializationException.class).hasMessageContaining("carries Tick");
            byte[] bytes = serializer.serialize("md.ticks", SampleRecords.tick());
            try (TopicValueDeserializer deserializer = new TopicValueDeserializer()) {
                assertThat(deserializer.deserialize("md.ticks", bytes)).isInstanceOf(Tick.class)
                        .isEqualTo(SampleRecords.tick());
                assertThatThrownBy(() -> deserializer.deserialize("orders.submitted", bytes))
                        .isInstanceOf(RecordDecodingException.class);
                assertThatThrownBy(() -> deserializer.deserialize("no.such.topic", bytes))
                        .isInstanceOf(SerializationException.class);
            }
        }
    }

    @Test
    void aPartitionLimitKeepsJoinedTopicsCoPartitionedAndLeavesSmallerTopicsAlone() {
        for (int limit = 1; limit <= Topics.mostPartitions(); limit++) {
            int cap = limit;
            for (List<TopicSpec<?>> joined : List.of(List.of(Topics.ORDERS_SUBMITTED, Topics.EXECUTIONS, Topics.RISK_CONTROLS,
                    Topics.RISK_SNAPSHOTS), List.of(Topics.MD_TICKS, Topics.ORDERS_ACCEPTED, Topics.MD_BOOK, Topics.MATCHING_SNAPSHOTS))) {
                assertThat(joined).extracting(topic -> topic.partitionsUpTo(cap)).as("limit " + cap)
                        .containsOnly(Math.min(cap, joined.getFirst().partitions()));
            }
        }
        assertThat(Topics.REF_ACCOUNTS.partitionsUpTo(4)).isEqualTo(Topics.REF_ACCOUNTS.partitions()).isLessThan(4);
        assertThat(Topics.MD_TICKS.partitionsUpTo(Topics.mostPartitions())).isEqualTo(Topics.MD_TICKS.partitions());
        assertThatThrownBy(() -> Topics.MD_TICKS.partitionsUpTo(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertSamePartitions(List<TopicSpec<?>> topics) {
        assertThat(topics).extracting(TopicSpec::partitions).as(topics.toString()).containsOnly(topics.getFirst().partitions());
    }
}
