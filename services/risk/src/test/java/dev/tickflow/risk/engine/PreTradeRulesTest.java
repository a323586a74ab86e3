package dev.tickflow.risk.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import dev.tickflow.model.CancelOrder;
import dev.tickflow.model.ExecType;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.Instrument;
import dev.tickflow.model.OrderCommand;
import dev.tickflow.model.OrderRejected;
import dev.tickflow.model.RejectReason;
import dev.tickflow.model.RiskControl;
import dev.tickflow.model.RiskLimits;
import dev.tickflow.model.Side;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every pre-trade rule refuses with its own reason; a passing order is re-keyed by symbol. */
class PreTradeRulesTest {

    private final RiskFixture risk = new RiskFixture();

    @AfterEach
    void close() {
        risk.close();
    }

    @Test
    void aPassingOrderIsAcceptedKeyedBySymbolAndStamped() {
        risk.lastPrice("AAPL", "100");
        OrderCommand order = risk.limit("alice", "o1", "AAPL", Side.BUY, 10, "101");
        List<Received<OrderCommand>> accepted = risk.accepted.readRecordsToList();
        assertThat(accepted).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("AAPL");
            assertThat(record.value().getOrderId()).isEqualTo(order.getOrderId());
            assertThat(record.value().getAcceptedAtMicros()).isNotNull();
        });
        assertThat(risk.rejections()).isEmpty();
    }

    @Test
    void maxOrderQuantity() {
        risk.limit("alice", "o1", "AAPL", Side.BUY, 1_001, "1");
        assertReason(RejectReason.MAX_ORDER_QUANTITY);
    }

    @Test
    void maxOrderNotional() {
        risk.limit("alice", "o1", "AAPL", Side.BUY, 1_000, "100.01");
        assertReason(RejectReason.MAX_ORDER_NOTIONAL);
    }

    @Test
    void priceCollarAroundTheLastTrade() {
        risk.lastPrice("AAPL", "100");
        risk.limit("alice", "o1", "AAPL", Side.BUY, 1, "105");
        risk.limit("alice", "o2", "AAPL", Side.BUY, 1, "105.01");
        risk.limit("alice", "o3", "AAPL", Side.SELL, 1, "94.99");
        assertThat(risk.accepted.readValuesToList()).extracting(OrderCommand::getOrderId).containsExactly("o1");
        assertThat(risk.rejections()).extracting(OrderRejected::getReason)
                .containsExactly(RejectReason.PRICE_COLLAR, RejectReason.PRICE_COLLAR);
    }

    @Test
    void aMarketOrderNeedsAReferencePrice() {
        risk.market("alice", "o1", "NEWCO", Side.BUY, 1);
        assertReason(RejectReason.NO_REFERENCE_PRICE);
        risk.lastPrice("NEWCO", "10");
        risk.market("alice", "o2", "NEWCO", Side.BUY, 1);
        assertThat(risk.accepted.readValuesToList()).extracting(OrderCommand::getOrderId).containsExactly("o2");
    }

    @Test
    void maxOpenOrders() {
        for (int i = 1; i <= 4; i++) {
            risk.advanceMillis(500);
            risk.limit("alice", "o" + i, "AAPL", Side.BUY, 1, "1");
        }
        assertThat(risk.accepted.readValuesToList()).hasSize(3);
        assertReason(RejectReason.MAX_OPEN_ORDERS);
    }

    @Test
    void theOrderRateWindowMovesOn() {
        for (int i = 1; i <= 6; i++) {
            risk.limit("alice", "o" + i, "AAPL", Side.BUY, 1, "1");
            risk.report("alice", "o" + i, "AAPL", Side.BUY, ExecType.CANCELED, 0, null, 0, 0);
        }
        risk.advanceMillis(600);
        risk.limit("alice", "o7", "AAPL", Side.BUY, 1, "1");
        risk.advanceMillis(500);
        for (int i = 8; i <= 13; i++) {
            risk.limit("alice", "o" + i, "AAPL", Side.BUY, 1, "1");
            risk.report("alice", "o" + i, "AAPL", Side.BUY, ExecType.CANCELED, 0, null, 0, 0);
        }
        // o1-o5 pass and o6 is the sixth in a second; 0.6 s later o7 still meets those five; 1.1 s after them they
        // are out of the window and five more pass
        assertThat(risk.accepted.readValuesToList()).extracting(OrderCommand::getOrderId)
                .containsExactly("o1", "o2", "o3", "o4", "o5", "o8", "o9", "o10", "o11", "o12");
        assertThat(risk.rejected.readValuesToList()).extracting(OrderRejected::getOrderId, OrderRejected::getReason)
                .containsExactly(tuple("o6", RejectReason.ORDER_RATE), tuple("o7", RejectReason.ORDER_RATE),
                        tuple("o13", RejectReason.ORDER_RATE));
    }

    @Test
    void aCancelledOrderFreesItsOpenOrderSlot() {
        for (int i = 1; i <= 3; i++) {
            risk.advanceMillis(500);
            risk.limit("alice", "o" + i, "AAPL", Side.BUY, 1, "1");
        }
        risk.report("alice", "o2", "AAPL", Side.BUY, ExecType.CANCELED, 0, null, 0, 0);
        risk.advanceMillis(500);
        risk.limit("alice", "o4", "AAPL", Side.BUY, 1, "1");
        assertThat(risk.accepted.readValuesToList()).extracting(OrderCommand::getOrderId).containsExactly("o1", "o2", "o3", "o4");
    }

    @Test
    void orderRatePerSecond() {
        for (int i = 1; i <= 6; i++) {
            risk.limit("alice", "o" + i, "AAPL", Side.BUY, 1, "1");
            risk.report("alice", "o" + i, "AAPL", Side.BUY, ExecType.CANCELED, 0, null, 0, 0);
        }
        assertThat(risk.accepted.readValuesToList()).hasSize(5);
        assertReason(RejectReason.ORDER_RATE);
        risk.advanceMillis(1_000);
        risk.limit("alice", "o7", "AAPL", Side.BUY, 1, "1");
        assertThat(risk.accepted.readValuesToList()).extracting(OrderCommand::getOrderId).containsExactly("o7");
    }

    @Test
    void maxPositionCountsFillsAndOpenOrders() {
        risk.limit("alice", "o1", "AAPL", Side.BUY, 1_000, "1");
        risk.report("alice", "o1", "AAPL", Side.BUY, ExecType.TRADE, 1_000, "1", 1_000, 0);
        risk.advanceMillis(1_000);
        risk.limit("alice", "o2", "AAPL", Side.BUY, 400, "1");
        risk.advanceMillis(1_000);
        risk.limit("alice", "o3", "AAPL", Side.BUY, 200, "1");
        risk.advanceMillis(1_000);
        risk.limit("alice", "o4", "AAPL", Side.SELL, 1_000, "1");
        assertThat(risk.accepted.readValuesToList()).extracting(OrderCommand::getOrderId).containsExactly("o1", "o2", "o4");
        assertReason(RejectReason.MAX_POSITION);
    }

    @Test
    void theKillSwitchHaltsAndResumesAnAccount() {
        risk.controls.pipeInput("alice", new RiskControl("alice", true, "runaway algo", "ops", 0L));
        risk.limit("alice", "o1", "AAPL", Side.BUY, 1, "1");
        risk.limit("bob", "o2", "AAPL", Side.BUY, 1, "1");
        assertReason(RejectReason.ACCOUNT_HALTED);
        risk.controls.pipeInput("alice", new RiskControl("alice", false, null, "ops", 0L));
        risk.limit("alice", "o3", "AAPL", Side.BUY, 1, "1");
        assertThat(risk.accepted.readValuesToList()).extracting(OrderCommand::getOrderId).containsExactly("o2", "o3");
    }

    @Test
    void theKillSwitchCancelsTheAccountsOpenOrders() {
        risk.limit("alice", "o1", "AAPL", Side.BUY, 1, "1");
        risk.limit("alice", "o2", "MSFT", Side.SELL, 1, "1");
        risk.limit("bob", "o3", "AAPL", Side.BUY, 1, "1");
        risk.accepted.readValuesToList();
        risk.controls.pipeInput("alice", new RiskControl("alice", true, "runaway algo", "ops", 42L));
        List<Received<OrderCommand>> cancels = risk.accepted.readRecordsToList();
        assertThat(cancels).extracting(record -> record.key() + " " + record.value().getOrderId() + " " + record.value().getCommandId())
                .containsExactlyInAnyOrder("AAPL o1 halt-42-o1", "MSFT o2 halt-42-o2");
        assertThat(cancels).allSatisfy(record -> assertThat(record.value().getCommand()).isInstanceOfSatisfying(CancelOrder.class,
                cancel -> assertThat(cancel.getReason()).isEqualTo("kill switch: runaway algo")));
    }

    @Test
    void pricesOffTheTickGridAndPartLotsAreRefused() {
        risk.instruments.pipeInput("GRID", Instrument.newBuilder().setSymbol("GRID").setName("Grid Co").setCurrency("USD")
                .setTickSize(FixedPoint.parse("0.05")).setLotSize(10).setSector(null).setTradable(true).setUpdatedAtMicros(0).build());
        risk.limit("alice", "o1", "GRID", Side.BUY, 10, "1.03");
        assertReason(RejectReason.INVALID_ORDER);
        risk.limit("alice", "o2", "GRID", Side.BUY, 15, "1.05");
        assertReason(RejectReason.INVALID_ORDER);
        risk.limit("alice", "o3", "GRID", Side.BUY, 20, "1.05");
        risk.replace("alice", "o3", "GRID", null, "1.07");
        assertReason(RejectReason.INVALID_ORDER);
        risk.replace("alice", "o3", "GRID", 30L, "1.1");
        assertThat(risk.accepted.readValuesToList()).extracting(OrderCommand::getOrderId).containsExactly("o3", "o3");
    }

    @Test
    void anInstrumentThatIsNotTradableIsRefused() {
        risk.instruments.pipeInput("HALTD", Instrument.newBuilder().setSymbol("HALTD").setName("Halted Co").setCurrency("USD")
                .setTickSize(1).setLotSize(1).setSector(null).setTradable(false).setUpdatedAtMicros(0).build());
        risk.limit("alice", "o1", "HALTD", Side.BUY, 1, "1");
        assertReason(RejectReason.INSTRUMENT_NOT_TRADABLE);
    }

    @Test
    void cancelsAndReplacesOfUnknownOrForeignOrdersAreRefused() {
        risk.limit("alice", "o1", "AAPL", Side.BUY, 1, "1");
        risk.cancel("bob", "o1", "AAPL");
        risk.replace("alice", "nope", "AAPL", 5L, null);
        assertThat(risk.rejections()).extracting(OrderRejected::getReason)
                .containsExactly(RejectReason.UNKNOWN_ORDER, RejectReason.UNKNOWN_ORDER);
        risk.cancel("alice", "o1", "AAPL");
        assertThat(risk.accepted.readValuesToList()).hasSize(2);
    }

    @Test
    void aReplaceIsCheckedLikeAnOrder() {
        risk.lastPrice("AAPL", "100");
        risk.limit("alice", "o1", "AAPL", Side.BUY, 10, "100");
        risk.replace("alice", "o1", "AAPL", 5_000L, null);
        risk.replace("alice", "o1", "AAPL", null, "120");
        risk.replace("alice", "o1", "AAPL", 20L, "101");
        assertThat(risk.rejections()).extracting(OrderRejected::getReason)
                .containsExactly(RejectReason.MAX_ORDER_QUANTITY, RejectReason.PRICE_COLLAR);
        assertThat(risk.accepted.readValuesToList()).hasSize(2);
    }

    @Test
    void limitsFromReferenceDataReplaceTheDefaults() {
        risk.limits.pipeInput("bob", new RiskLimits("bob", 5L, FixedPoint.parse("1000000"), 100L, 10, 10, 1_000, 0L));
        risk.limit("bob", "o1", "AAPL", Side.BUY, 6, "1");
        risk.limit("alice", "o2", "AAPL", Side.BUY, 6, "1");
        assertReason(RejectReason.MAX_ORDER_QUANTITY);
        assertThat(risk.accepted.readValuesToList()).extracting(OrderCommand::getOrderId).containsExactly("o2");
    }

    @Test
    void theMatchingEngineRefusingAnOrderFreesItsSlot() {
        for (int i = 1; i <= 3; i++) {
            risk.advanceMillis(500);
            risk.limit("alice", "o" + i, "AAPL", Side.BUY, 1, "1");
        }
        OrderCommand third = risk.accepted.readValuesToList().getLast();
        risk.rejections.pipeInput("alice", OrderRejected.newBuilder().setCommandId(third.getCommandId()).setOrderId("o3")
                .setAccount("alice").setClientOrderId("c-o3").setSymbol("AAPL").setReason(RejectReason.INVALID_ORDER)
                .setMessage("refused").setRejectedBy("matching-engine").setRejectedAtMicros(0).build());
        risk.advanceMillis(500);
        risk.limit("alice", "o4", "AAPL", Side.BUY, 1, "1");
        assertThat(risk.accepted.readValuesToList()).extracting(OrderCommand::getOrderId).containsExactly("o4");
    }

    private void assertReason(RejectReason reason) {
        assertThat(risk.rejections()).extracting(OrderRejected::getReason).containsExactly(reason);
    }
}
