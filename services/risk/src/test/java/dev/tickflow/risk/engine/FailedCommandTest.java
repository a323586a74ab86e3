package dev.tickflow.risk.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.tickflow.model.RejectReason;
import dev.tickflow.model.RiskLimits;
import dev.tickflow.model.Side;
import dev.tickflow.model.topic.DeadLetters;
import dev.tickflow.model.topic.TopicNames;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** A command risk cannot process is dead-lettered and refused to its account, so that nobody waits for it. */
class FailedCommandTest {

    @Test
    void aCommandRiskFailsOnIsDeadLetteredAndRefusedToItsAccount() {
        // a defect behind a check: the limits of one account cannot be read
        Map<String, RiskLimits> broken = new ConcurrentHashMap<>() {
            @Override
            public RiskLimits get(Object key) {
                if ("mallory".equals(key)) {
                    throw new IllegalStateException("limits unreadable");
                }
                return super.get(key);
            }
        };
        RiskFixture failing = new RiskFixture(broken);
        failing.limit("mallory", "m1", "AAPL", Side.BUY, 1, "10");
        failing.limit("alice", "a1", "AAPL", Side.BUY, 1, "10");

        assertThat(failing.rejections()).singleElement().satisfies(rejected -> {
            assertThat(rejected.getOrderId()).isEqualTo("m1");
            assertThat(rejected.getAccount()).isEqualTo("mallory");
            assertThat(rejected.getReason()).isEqualTo(RejectReason.OTHER);
            assertThat(rejected.getMessage()).contains("orders.submitted.dlq");
        });
        ProducerRecord<byte[], byte[]> letter = failing.driver.read(TopicNames.ORDERS_SUBMITTED + TopicNames.DEAD_LETTER_SUFFIX)
                .getFirst();
        assertThat(DeadLetters.headerValue(letter.headers(), DeadLetters.REASON)).isEqualTo("IllegalStateException");
        assertThat(failing.accepted.readValuesToList()).as("the next command is decided as usual").singleElement()
                .satisfies(command -> assertThat(command.getOrderId()).isEqualTo("a1"));
        assertThat(failing.machine.state().openOrders).containsOnlyKeys("a1");
    }
}
