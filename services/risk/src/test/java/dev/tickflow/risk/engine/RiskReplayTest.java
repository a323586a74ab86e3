package dev.tickflow.risk.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.tickflow.model.ExecType;
import dev.tickflow.model.OrderCommand;
import dev.tickflow.model.OrderRejected;
import dev.tickflow.model.RejectReason;
import dev.tickflow.model.Side;
import dev.tickflow.model.serde.RecordTypes;
import dev.tickflow.model.topic.TopicNames;
import dev.tickflow.risk.state.RiskState;
import dev.tickflow.sequencer.Input;
import dev.tickflow.sequencer.Outputs;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** What makes risk safe to replay: recorded outcomes are followed, repeated commands answered once, snapshots whole. */
class RiskReplayTest {

    @Test
    void aReplayFollowsTheRecordedAcceptanceEvenWhenThePriceHasMovedSince() {
        RiskFixture first = new RiskFixture();
        first.lastPrice("AAPL", "100");
        OrderCommand order = first.limit("alice", "o1", "AAPL", Side.BUY, 10, "105");
        byte[] written = first.driver.read(TopicNames.ORDERS_ACCEPTED).getFirst().value();

        // the replay meets the same command after the price moved: deciding again would refuse it (collar)
        RiskFixture replay = new RiskFixture();
        replay.lastPrice("AAPL", "80");
        Recorder outputs = new Recorder();
        replay.machine.apply(input(order, List.of(new Input.Recorded(0, TopicNames.ORDERS_ACCEPTED, 2, "AAPL".getBytes(), written))),
                outputs);
        assertThat(outputs.resent).hasSize(1);
        assertThat(outputs.sent).isEmpty();
        assertThat(replay.machine.state().openOrders).containsKey("o1");
        assertThat(replay.position("alice", "AAPL").openBuyQuantity).isEqualTo(10);
        // and the order is then as open as in the first run: its fill closes it
        replay.report("alice", "o1", "AAPL", Side.BUY, ExecType.TRADE, 10, "105", 10, 0);
        assertThat(replay.machine.state().openOrders).isEmpty();
        assertThat(replay.position("alice", "AAPL").quantity).isEqualTo(10);
    }

    @Test
    void aReplayFollowsTheRecordedRefusal() {
        RiskFixture first = new RiskFixture();
        first.lastPrice("AAPL", "100");
        OrderCommand order = first.limit("alice", "o1", "AAPL", Side.BUY, 10, "150");
        byte[] written = first.driver.read(TopicNames.ORDERS_REJECTED).getFirst().value();

        RiskFixture replay = new RiskFixture();
        replay.lastPrice("AAPL", "150");
        replay.machine.apply(input(order, List.of(new Input.Recorded(0, TopicNames.ORDERS_REJECTED, 1, "alice".getBytes(), written))),
                new Recorder());
        assertThat(replay.machine.state().openOrders).isEmpty();
        assertThat(replay.machine.state().outcomes.get(order.getCommandId()).reason()).isEqualTo(RejectReason.PRICE_COLLAR);
    }

    @Test
    void aCommandThatArrivesAgainGetsItsFirstOutcomeAndNoSecondEffect() {
        RiskFixture risk = new RiskFixture();
        risk.lastPrice("AAPL", "100");
        OrderCommand accepted = risk.limit("alice", "o1", "AAPL", Side.BUY, 10, "100");
        OrderCommand refused = risk.limit("alice", "o2", "AAPL", Side.BUY, 10, "150");
        assertThat(risk.accepted.readValuesToList()).hasSize(1);
        assertThat(risk.rejections()).hasSize(1);

        risk.submitted.pipeInput("alice", accepted);
        risk.submitted.pipeInput("alice", refused);
        assertThat(risk.accepted.readValuesToList()).as("not sent to the engine twice").isEmpty();
        assertThat(risk.rejections()).extracting(OrderRejected::getCommandId, OrderRejected::getReason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(refused.getCommandId(), RejectReason.PRICE_COLLAR));
        assertThat(risk.machine.state().accounts.get("alice").openOrders).isEqualTo(1);
        assertThat(risk.position("alice", "AAPL").openBuyQuantity).isEqualTo(10);
    }

    @Test
    void aStateRestoredFromItsSnapshotDecidesAsTheOriginal() {
        RiskFixture original = new RiskFixture();
        original.lastPrice("AAPL", "100");
        original.controls.pipeInput("bob", new dev.tickflow.model.RiskControl("bob", true, "review", "ops", 7L));
        for (int i = 1; i <= 3; i++) {
            original.advanceMillis(400);
            original.limit("alice", "o" + i, "AAPL", i % 2 == 0 ? Side.SELL : Side.BUY, 100, "100");
        }
        original.report("alice", "o1", "AAPL", Side.BUY, ExecType.TRADE, 40, "100.25", 40, 60);
        original.report("alice", "o2", "AAPL", Side.SELL, ExecType.TRADE, 30, "100.5", 30, 70);
        RiskState restored = RiskState.decode(original.machine.snapshot(), 1_000);
        assertThat(restored.encode()).isEqualTo(original.machine.state().encode());
        assertThat(restored.accounts.get("bob").halted).isTrue();
        assertThat(restored.positions.get("alice").get("AAPL").realizedPnl).isEqualTo(original.position("alice", "AAPL").realizedPnl);
        assertThat(restored.openOrders.keySet()).containsExactlyInAnyOrder("o1", "o2", "o3");
        assertThat(restored.accounts.get("alice").rateBuckets).isEqualTo(original.machine.state().accounts.get("alice").rateBuckets);
    }

    private static Input input(OrderCommand command, List<Input.Recorded> recorded) {
        byte[] value = RecordTypes.ORDER_COMMAND.encode(command);
        return new Input(RiskInputs.SUBMITTED, new ConsumerRecord<>(TopicNames.ORDERS_SUBMITTED, 0, 0L, 0L, TimestampType.CREATE_TIME,
                -1, value.length, command.getAccount().getBytes(), value, new RecordHeaders(), Optional.empty()), recorded);
    }

    /** Outputs as the machine hands them over. */
    private static final class Recorder implements Outputs {
        final List<String> sent = new ArrayList<>();
        final List<Input.Recorded> resent = new ArrayList<>();

        @Override
        public void send(String topic, String key, byte[] value) {
            sent.add(topic + " " + key);
        }

        @Override
        public void send(String topic, int partition, String key, byte[] value) {
            sent.add(topic + " " + key);
        }

        @Override
        public void send(String topic, String key, byte[] value, Iterable<Header> headers) {
            sent.add(topic + " " + key);
        }

        @Override
        public void resend(Input.Recorded recorded) {
            resent.add(recorded);
        }
    }
}
