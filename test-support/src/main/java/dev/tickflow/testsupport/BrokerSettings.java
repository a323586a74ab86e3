package dev.tickflow.testsupport;

import java.util.Map;

/** Broker settings that a one-node cluster needs: internal topics cannot have three replicas on one node. */
final class BrokerSettings {

    private BrokerSettings() {
    }

    static Map<String, Object> singleNode() {
        return Map.of(
                "offsets.topic.replication.factor", "1",
                "offsets.topic.num.partitions", "6",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "transaction.state.log.num.partitions", "6",
                // consumer groups in tests form at once instead of waiting three seconds for more members
                "group.initial.rebalance.delay.ms", "0",
                "auto.create.topics.enable", "false",
                "num.partitions", "1");
    }
}
