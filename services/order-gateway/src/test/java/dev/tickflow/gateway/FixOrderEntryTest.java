package dev.tickflow.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import dev.tickflow.gateway.fix.FixAcceptor;
import dev.tickflow.model.AuthOutcome;
import dev.tickflow.model.CancelOrder;
import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.NewOrder;
import dev.tickflow.model.OrderChannel;
import dev.tickflow.model.OrderCommand;
import dev.tickflow.model.OrderType;
import dev.tickflow.model.RejectReason;
import dev.tickflow.model.ReplaceOrder;
import dev.tickflow.model.Side;
import dev.tickflow.model.TimeInForce;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.testsupport.FixClient;
import dev.tickflow.testsupport.KafkaBrokerResource;
import dev.tickflow.testsupport.TestInstruments;
import dev.tickflow.testsupport.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.field.ClOrdID;
import quickfix.field.CxlRejReason;
import quickfix.field.ExecType;
import quickfix.field.LastPx;
import quickfix.field.LastQty;
import quickfix.field.LeavesQty;
import quickfix.field.MsgType;
import quickfix.field.OrdRejReason;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Price;
import quickfix.field.SecondaryExecID;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.TransactTime;
import quickfix.fix44.NewOrderSingle;
import quickfix.fix44.OrderCancelReplaceRequest;
import quickfix.fix44.OrderCancelRequest;
import quickfix.fix44.OrderStatusRequest;

/**
 * FIX 4.4 order entry against the real broker, with a QuickFIX/J initiator as the client: logon with the account's
 * token, orders into the same pipeline as REST, reports and refusals back as ExecutionReports, cancel and replace by
 * ClOrdID, and nothing of one account on another's session. The test answers on executions and orders.rejected as risk
 * and the matching engine would.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class FixOrderEntryTest {

    private static final String ALICE = "alice-demo-token";
    private static final String BOB = "bob-demo-token";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TopicClient topics;

    @jakarta.inject.Inject
    dev.tickflow.gateway.orders.InstrumentDirectory instruments;

    @Inject
    FixAcceptor acceptor;

    private FixClient alice;

    @BeforeAll
    static void connect() {
        topics = TopicClient.embedded();
        TestInstruments.publish(topics, "FIXA");
    }

    @BeforeEach
    void aliceLogsOn() throws Exception {
        await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        // the instruments published above reach the gateway's directory as they come
        await().atMost(WAIT).until(() -> instruments.find("FIXA").isPresent());
        alice = new FixClient(acceptor.port(), "alice", ALICE);
        assertThat(alice.awaitLogon(WAIT)).as("alice's logon").isTrue();
    }

    @AfterEach
    void aliceLogsOff() {
        alice.close();
    }

    @AfterAll
    static void disconnect() {
        topics.close();
    }

    @Test
    void anOrderGoesInLikeAnyOtherAndItsReportsComeBackExactlyAndOnlyToItsAccount() throws Exception {
        try (FixClient bob = new FixClient(acceptor.port(), "bob", BOB)) {
            assertThat(bob.awaitLogon(WAIT)).isTrue();
            String clientOrderId = clientId();
            alice.send(newOrder(clientOrderId, "FIXA", quickfix.field.Side.BUY, "100", "101.25"));

            OrderCommand command = submitted(clientOrderId);
            assertThat(command.getAccount()).isEqualTo("alice");
            assertThat(command.getChannel()).isEqualTo(OrderChannel.FIX);
            assertThat(command.getCommand()).isEqualTo(new NewOrder(Side.BUY, OrderType.LIMIT, TimeInForce.DAY, 100L,
                    FixedPoint.parse("101.25")));

            topics.send(Topics.EXECUTIONS, "alice", Reports.acknowledged(command));
            Message acknowledged = alice.await(report(clientOrderId, ExecType.NEW), WAIT);
            assertThat(acknowledged.getString(OrderID.FIELD)).isEqualTo(command.getOrderId());
            assertThat(acknowledged.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.NEW);
            assertThat(acknowledged.getString(Price.FIELD)).isEqualTo("101.25");

            ExecutionReport traded = Reports.traded(command, 40, FixedPoint.parse("101.25"), 40);
            traded.setTradeId("FIXA-trade-1");
            topics.send(Topics.EXECUTIONS, "alice", traded);
            // the client validates against the FIX 4.4 dictionary: a field the message type lacks would never arrive
            Message fill = alice.await(report(clientOrderId, ExecType.TRADE), WAIT);
            assertThat(fill.getString(SecondaryExecID.FIELD)).isEqualTo("FIXA-trade-1");
            assertThat(fill.getString(LastPx.FIELD)).isEqualTo("101.25");
            assertThat(fill.getString(LastQty.FIELD)).isEqualTo("40");
            assertThat(fill.getString(LeavesQty.FIELD)).isEqualTo("60");
            assertThat(fill.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.PARTIALLY_FILLED);

            // the same order is visible over REST, and bob's session heard nothing of it
            given().auth().oauth2(ALICE).get("/orders/" + command.getOrderId()).then().statusCode(200);
            assertThat(bob.drain()).noneMatch(message -> clientOrderId.equals(text(message, ClOrdID.FIELD)));
        }
    }

    @Test
    void aRefusalByRiskComesBackAsARejectedReportWithItsReason() throws Exception {
        String clientOrderId = clientId();
        alice.send(newOrder(clientOrderId, "FIXA", quickfix.field.Side.SELL, "5000000", "99"));
        OrderCommand command = submitted(clientOrderId);
        topics.send(Topics.ORDERS_REJECTED, "alice", Reports.rejected(command, RejectReason.MAX_ORDER_QUANTITY, "5000000 > 100000"));

        Message rejected = alice.await(report(clientOrderId, ExecType.REJECTED), WAIT);
        assertThat(rejected.getInt(OrdRejReason.FIELD)).isEqualTo(OrdRejReason.ORDER_EXCEEDS_LIMIT);
        assertThat(rejected.getString(Text.FIELD)).contains("5000000 > 100000");
        assertThat(rejected.getChar(quickfix.field.Side.FIELD)).isEqualTo(quickfix.field.Side.SELL);
    }

    @Test
    void anOrderBreakingARuleIsRejectedAtOnceAndNeverReachesKafka() throws Exception {
        String clientOrderId = clientId();
        alice.send(newOrder(clientOrderId, "FIXA", quickfix.field.Side.BUY, "10", "10.1234567"));

        Message rejected = alice.await(report(clientOrderId, ExecType.REJECTED), WAIT);
        assertThat(rejected.getString(Text.FIELD)).contains("limitPrice");
        assertThat(rejected.getString(OrderID.FIELD)).isEqualTo("NONE");
        assertThat(topics.readAfter(Topics.ORDERS_SUBMITTED, record -> clientOrderId.equals(record.value().getClientOrderId()),
                Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void cancelAndReplaceNameTheOrderByItsClOrdId() throws Exception {
        String clientOrderId = clientId();
        OrderCommand order = working(clientOrderId, quickfix.field.Side.BUY, "30", "100");

        OrderCancelReplaceRequest replace = new OrderCancelReplaceRequest(new OrigClOrdID(clientOrderId), new ClOrdID(clientId()),
                new quickfix.field.Side(quickfix.field.Side.BUY), new TransactTime(now()), new OrdType(OrdType.LIMIT));
        replace.set(new Symbol("FIXA"));
        replace.setString(OrderQty.FIELD, "20");
        replace.setString(Price.FIELD, "100.5");
        alice.send(replace);
        OrderCommand replaced = followUp(order.getOrderId(), ReplaceOrder.class);
        assertThat(replaced.getCommand()).isEqualTo(new ReplaceOrder(20L, FixedPoint.parse("100.5")));
        assertThat(replaced.getChannel()).isEqualTo(OrderChannel.FIX);

        OrderCancelRequest cancel = cancelRequest(clientOrderId, quickfix.field.Side.BUY, "20");
        alice.send(cancel);
        OrderCommand canceling = followUp(order.getOrderId(), CancelOrder.class);
        topics.send(Topics.EXECUTIONS, "alice", Reports.canceled(order, canceling));
        assertThat(alice.await(report(clientOrderId, ExecType.CANCELED), WAIT).getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.CANCELED);

        // nothing of this account answers to that ClOrdID: the cancel is refused, not guessed at
        String unknown = clientId();
        OrderCancelRequest stray = cancelRequest(unknown, quickfix.field.Side.BUY, "1");
        alice.send(stray);
        Message refused = alice.await(message -> type(message).equals(MsgType.ORDER_CANCEL_REJECT)
                && unknown.equals(text(message, OrigClOrdID.FIELD)), WAIT);
        assertThat(refused.getInt(CxlRejReason.FIELD)).isEqualTo(CxlRejReason.UNKNOWN_ORDER);
    }

    @Test
    void aCancelTheBookRefusesComesBackAsACancelRejectAndTheOrderStands() throws Exception {
        String clientOrderId = clientId();
        OrderCommand order = working(clientOrderId, quickfix.field.Side.SELL, "10", "102");

        OrderCancelRequest cancel = cancelRequest(clientOrderId, quickfix.field.Side.SELL, "10");
        alice.send(cancel);
        OrderCommand canceling = followUp(order.getOrderId(), CancelOrder.class);
        topics.send(Topics.ORDERS_REJECTED, "alice", Reports.rejected(canceling, RejectReason.ORDER_NOT_ACTIVE, "already filled"));

        Message refused = alice.await(message -> type(message).equals(MsgType.ORDER_CANCEL_REJECT)
                && clientOrderId.equals(text(message, OrigClOrdID.FIELD)), WAIT);
        assertThat(refused.getString(Text.FIELD)).contains("already filled");
        assertThat(refused.getString(OrderID.FIELD)).isEqualTo(order.getOrderId());
        // a refused cancel is not a rejected order: no ExecutionReport says so
        assertThat(alice.drain()).noneMatch(message -> report(clientOrderId, ExecType.REJECTED).test(message));
    }

    @Test
    void aStatusRequestTellsWhereAnOrderStandsAndNeverAboutAnotherAccountsOrder() throws Exception {
        String clientOrderId = clientId();
        alice.send(newOrder(clientOrderId, "FIXA", quickfix.field.Side.BUY, "50", "99.5"));
        OrderCommand command = submitted(clientOrderId);
        topics.send(Topics.EXECUTIONS, "alice", Reports.acknowledged(command));
        topics.send(Topics.EXECUTIONS, "alice", Reports.traded(command, 20, FixedPoint.parse("99.5"), 20));
        alice.await(report(clientOrderId, ExecType.TRADE), WAIT);

        alice.send(statusRequest(clientOrderId));
        Message status = alice.await(report(clientOrderId, ExecType.ORDER_STATUS), WAIT);
        assertThat(status.getString(OrderID.FIELD)).isEqualTo(command.getOrderId());
        assertThat(status.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.PARTIALLY_FILLED);
        assertThat(status.getString(LeavesQty.FIELD)).isEqualTo("30");
        assertThat(status.getString(quickfix.field.CumQty.FIELD)).isEqualTo("20");
        assertThat(status.getString(quickfix.field.AvgPx.FIELD)).isEqualTo("99.5");

        // bob asks after alice's ClOrdID: his account has no such order
        try (FixClient bob = new FixClient(acceptor.port(), "bob", BOB)) {
            assertThat(bob.awaitLogon(WAIT)).isTrue();
            bob.send(statusRequest(clientOrderId));
            Message unknown = bob.await(report(clientOrderId, ExecType.ORDER_STATUS), WAIT);
            assertThat(unknown.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.REJECTED);
            assertThat(unknown.getString(OrderID.FIELD)).isEqualTo("NONE");
        }
    }

    @Test
    void aWrongTokenOrAnotherAccountsCompIdCannotLogOnAndSurveillanceHearsOfIt() throws Exception {
        try (FixClient stranger = new FixClient(acceptor.port(), "mallory", "not-a-token")) {
            assertThat(stranger.awaitLogon(Duration.ofSeconds(3))).isFalse();
            await().atMost(WAIT).untilAsserted(() -> assertThat(stranger.logoutText()).contains("unknown API token"));
        }
        topics.await(Topics.AUTH_EVENTS, record -> "fix".equals(record.value().getChannel())
                && record.value().getOutcome() == AuthOutcome.FAILURE && record.value().getSourceAddress() != null, 1, WAIT);
        try (FixClient impostor = new FixClient(acceptor.port(), "bob", ALICE)) {
            assertThat(impostor.awaitLogon(Duration.ofSeconds(3))).isFalse();
            await().atMost(WAIT).untilAsserted(() -> assertThat(impostor.logoutText()).contains("SenderCompID"));
        }
        topics.await(Topics.AUTH_EVENTS, record -> "fix".equals(record.value().getChannel())
                && record.value().getOutcome() == AuthOutcome.SUCCESS && "alice".equals(record.key()), 1, WAIT);
    }

    private static NewOrderSingle newOrder(String clientOrderId, String symbol, char side, String quantity, String price) {
        NewOrderSingle order = new NewOrderSingle(new ClOrdID(clientOrderId), new quickfix.field.Side(side), new TransactTime(now()),
                new OrdType(OrdType.LIMIT));
        order.set(new Symbol(symbol));
        order.setString(OrderQty.FIELD, quantity);
        order.setString(Price.FIELD, price);
        return order;
    }

    /** An order of alice's entered over FIX and acknowledged by the book, its acknowledgement received. */
    private OrderCommand working(String clientOrderId, char side, String quantity, String price) throws Exception {
        alice.send(newOrder(clientOrderId, "FIXA", side, quantity, price));
        OrderCommand order = submitted(clientOrderId);
        topics.send(Topics.EXECUTIONS, "alice", Reports.acknowledged(order));
        alice.await(report(clientOrderId, ExecType.NEW), WAIT);
        return order;
    }

    private static OrderCancelRequest cancelRequest(String originalClientOrderId, char side, String quantity) {
        OrderCancelRequest cancel = new OrderCancelRequest(new OrigClOrdID(originalClientOrderId), new ClOrdID(clientId()),
                new quickfix.field.Side(side), new TransactTime(now()));
        cancel.set(new Symbol("FIXA"));
        cancel.setString(OrderQty.FIELD, quantity);
        return cancel;
    }

    private static OrderStatusRequest statusRequest(String clientOrderId) {
        OrderStatusRequest request = new OrderStatusRequest(new ClOrdID(clientOrderId), new quickfix.field.Side(quickfix.field.Side.BUY));
        request.set(new Symbol("FIXA"));
        return request;
    }

    private static java.util.function.Predicate<Message> report(String clientOrderId, char execType) {
        return message -> type(message).equals(MsgType.EXECUTION_REPORT) && clientOrderId.equals(text(message, ClOrdID.FIELD))
                && text(message, ExecType.FIELD).equals(String.valueOf(execType));
    }

    private static OrderCommand submitted(String clientOrderId) {
        List<ConsumerRecord<String, OrderCommand>> records = topics.await(Topics.ORDERS_SUBMITTED,
                record -> clientOrderId.equals(record.value().getClientOrderId()) && record.value().getCommand() instanceof NewOrder,
                1, WAIT);
        return records.getFirst().value();
    }

    private static OrderCommand followUp(String orderId, Class<?> kind) {
        return topics.await(Topics.ORDERS_SUBMITTED, record -> orderId.equals(record.value().getOrderId())
                && kind.isInstance(record.value().getCommand()), 1, WAIT).getFirst().value();
    }

    private static String type(Message message) {
        try {
            return message.getHeader().getString(MsgType.FIELD);
        } catch (FieldNotFound e) {
            return "";
        }
    }

    private static String text(Message message, int field) {
        try {
            return message.isSetField(field) ? message.getString(field) : "";
        } catch (FieldNotFound e) {
            return "";
        }
    }

    private static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }

    private static String clientId() {
        return "f-" + UUID.randomUUID().toString().substring(0, 13);
    }
}
