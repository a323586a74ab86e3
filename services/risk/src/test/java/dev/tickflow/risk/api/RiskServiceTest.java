package dev.tickflow.risk.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import dev.tickflow.model.DailyStats;
import dev.tickflow.model.EventTime;
import dev.tickflow.model.ExecType;
import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.NewOrder;
import dev.tickflow.model.OrderChannel;
import dev.tickflow.model.OrderCommand;
import dev.tickflow.model.OrderRejected;
import dev.tickflow.model.OrderStatus;
import dev.tickflow.model.OrderType;
import dev.tickflow.model.RejectReason;
import dev.tickflow.model.Side;
import dev.tickflow.model.TimeInForce;
import dev.tickflow.model.topic.DeadLetters;
import dev.tickflow.model.topic.TopicNames;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.testsupport.KafkaBrokerResource;
import dev.tickflow.testsupport.TestInstruments;
import dev.tickflow.testsupport.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** risk as a running service on the real broker: orders in, accepted (by symbol) or rejected (by account) out, REST. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class RiskServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ALICE = "alice-demo-token";
    private static final String BOB = "bob-demo-token";
    private static TopicClient topics;

    @BeforeAll
    static void priceTheSymbols() {
        topics = TopicClient.embedded();
        TestInstruments.publish(topics, "RKA", "RKB", "RKZ");
        lastPrice("RKA", "100");
        lastPrice("RKB", "105");
        // the reference prices reach risk's global table asynchronously: wait until a market order can be valued
        await().atMost(Duration.ofSeconds(100)).pollInterval(Duration.ofMillis(500)).until(() -> {
            OrderCommand probe = order("probe", "RKA", Side.BUY, OrderType.MARKET, 1, null);
            return outcome(probe) instanceof OrderCommand;
        });
    }

    @AfterAll
    static void disconnect() {
        topics.close();
    }

    @Test
    void aPassingOrderIsRekeyedBySymbolAndStampedAccepted() {
        OrderCommand order = order("alice", "RKA", Side.BUY, OrderType.LIMIT, 10, "101");
        Object outcome = outcome(order);
        assertThat(outcome).isInstanceOf(OrderCommand.class);
        OrderCommand accepted = (OrderCommand) outcome;
        assertThat(accepted.getAcceptedAtMicros()).isNotNull().isGreaterThanOrEqualTo(order.getSubmittedAtMicros());
        assertThat(accepted.getCommand()).isEqualTo(order.getCommand());
    }

    @Test
    void anOrderOutsideThePriceCollarIsRejectedWithTheReason() {
        Object outcome = outcome(order("alice", "RKA", Side.BUY, OrderType.LIMIT, 10, "150"));
        assertThat(outcome).isInstanceOfSatisfying(OrderRejected.class, rejected -> {
            assertThat(rejected.getReason()).isEqualTo(RejectReason.PRICE_COLLAR);
            assertThat(rejected.getRejectedBy()).isEqualTo("risk");
            assertThat(rejected.getMessage()).contains("last trade 100");
        });
    }

    @Test
    void anOrderForASymbolReferenceDataDoesNotListIsRejectedNotLeftWaiting() {
        Object outcome = outcome(order("alice", "ZZZZ", Side.BUY, OrderType.LIMIT, 1, "10"));
        assertThat(outcome).isInstanceOfSatisfying(OrderRejected.class,
                rejected -> assertThat(rejected.getReason()).isEqualTo(RejectReason.UNKNOWN_INSTRUMENT));
    }

    @Test
    void aMarketOrderWithoutAReferencePriceIsRejected() {
        Object outcome = outcome(order("alice", "RKZ", Side.SELL, OrderType.MARKET, 1, null));
        assertThat(outcome).isInstanceOfSatisfying(OrderRejected.class,
                rejected -> assertThat(rejected.getReason()).isEqualTo(RejectReason.NO_REFERENCE_PRICE));
    }

    @Test
    void theKillSwitchHaltsAnAccountUntilResumedAndOnlyForItsOwnerOrAnAdmin() {
        given().auth().oauth2(ALICE).contentType(ContentType.JSON).body("{\"reason\":\"nope\"}").post("/accounts/bob/halt")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(BOB).contentType(ContentType.JSON).body("{\"reason\":\"desk review\"}").post("/accounts/bob/halt")
                .then().statusCode(202);
        topics.await(Topics.RISK_CONTROLS, record -> "bob".equals(record.key()) && record.value().getHalted(), 1, WAIT);
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(BOB).get("/accounts/bob/risk")
                .then().statusCode(200).body("halted", equalTo(true)).body("haltReason", equalTo("desk review")));

        Object halted = outcome(order("bob", "RKA", Side.SELL, OrderType.LIMIT, 5, "100"));
        assertThat(halted).isInstanceOfSatisfying(OrderRejected.class,
                rejected -> assertThat(rejected.getReason()).isEqualTo(RejectReason.ACCOUNT_HALTED));

        given().auth().oauth2(BOB).post("/accounts/bob/resume").then().statusCode(403);
        given().auth().oauth2("ops-demo-token").post("/accounts/bob/resume").then().statusCode(202);
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(BOB).get("/accounts/bob/risk")
                .then().statusCode(200).body("halted", equalTo(false)));
        assertThat(outcome(order("bob", "RKA", Side.SELL, OrderType.LIMIT, 5, "100"))).isInstanceOf(OrderCommand.class);
    }

    @Test
    void positionsAndPnlFollowTheExecutionsAndTheLastPrice() {
        String account = "alice";
        fill(account, "RKB", Side.BUY, 10, "100");
        fill(account, "RKB", Side.SELL, 4, "110");
        // 6 left at an average cost of 100; realized (110 - 100) x 4 = 40; unrealized (105 - 100) x 6 = 30
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(ALICE).get("/accounts/alice/positions")
                .then().statusCode(200)
                .body("find { it.symbol == 'RKB' }.quantity", equalTo(6))
                .body("find { it.symbol == 'RKB' }.averageCost", equalTo("100"))
                .body("find { it.symbol == 'RKB' }.realizedPnl", equalTo("40"))
                .body("find { it.symbol == 'RKB' }.unrealizedPnl", equalTo("30")));
        given().auth().oauth2(ALICE).get("/accounts/alice/pnl")
                .then().statusCode(200).body("realizedPnl", equalTo("40")).body("unrealizedPnl", equalTo("30"))
                .body("totalPnl", equalTo("70"));
        given().auth().oauth2(BOB).get("/accounts/alice/pnl").then().statusCode(403);
        given().get("/accounts/alice/pnl").then().statusCode(401);
    }

    @Test
    void anUnreadableCommandIsDeadLetteredAndTheNextOneStillPasses() {
        byte[] key = "alice".getBytes(StandardCharsets.UTF_8);
        topics.sendRaw(TopicNames.ORDERS_SUBMITTED, key, "not an order".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<byte[], byte[]> dead = topics.awaitRaw(TopicNames.ORDERS_SUBMITTED + TopicNames.DEAD_LETTER_SUFFIX,
                record -> "not an order".equals(new String(record.value(), StandardCharsets.UTF_8)), 1, WAIT).getFirst();
        assertThat(DeadLetters.headerValue(dead.headers(), DeadLetters.REASON)).isNotBlank();
        assertThat(DeadLetters.headerValue(dead.headers(), DeadLetters.SOURCE)).isEqualTo("risk");
        assertThat(outcome(order("alice", "RKA", Side.BUY, OrderType.LIMIT, 1, "100"))).isInstanceOf(OrderCommand.class);
    }

    /** The command risk passed on to orders.accepted, or the rejection it wrote, whichever appears. */
    private static Object outcome(OrderCommand order) {
        topics.send(Topics.ORDERS_SUBMITTED, order.getAccount(), order);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            var accepted = topics.readAfter(Topics.ORDERS_ACCEPTED,
                    record -> record.value().getCommandId().equals(order.getCommandId()), Duration.ZERO);
            if (!accepted.isEmpty()) {
                assertThat(accepted).hasSize(1);
                assertThat(accepted.getFirst().key()).isEqualTo(order.getSymbol());
                return accepted.getFirst().value();
            }
            var rejected = topics.readAfter(Topics.ORDERS_REJECTED,
                    record -> record.value().getCommandId().equals(order.getCommandId()), Duration.ZERO);
            if (!rejected.isEmpty()) {
                assertThat(rejected).hasSize(1);
                assertThat(rejected.getFirst().key()).isEqualTo(order.getAccount());
                return rejected.getFirst().value();
            }
        }
        throw new AssertionError("risk neither accepted nor rejected " + order + "; on the topics: accepted "
                + topics.readAfter(Topics.ORDERS_ACCEPTED, r -> true, Duration.ZERO).size() + ", rejected "
                + topics.readAfter(Topics.ORDERS_REJECTED, r -> true, Duration.ZERO) + ", submitted "
                + topics.readAfter(Topics.ORDERS_SUBMITTED, r -> true, Duration.ZERO).size());
    }

    private static OrderCommand order(String account, String symbol, Side side, OrderType type, long quantity, String price) {
        String id = UUID.randomUUID().toString();
        return OrderCommand.newBuilder().setCommandId(id).setOrderId("o-" + id).setAccount(account).setClientOrderId("c-" + id)
                .setSymbol(symbol).setChannel(OrderChannel.REST).setSubmittedAtMicros(EventTime.fromMillis(System.currentTimeMillis()))
                .setCommand(new NewOrder(side, type, type == OrderType.MARKET ? TimeInForce.IOC : TimeInForce.DAY, quantity,
                        price == null ? null : FixedPoint.parse(price)))
                .build();
    }

    private static void fill(String account, String symbol, Side side, long quantity, String price) {
        String id = UUID.randomUUID().toString();
        long now = EventTime.fromMillis(System.currentTimeMillis());
        topics.send(Topics.EXECUTIONS, account, ExecutionReport.newBuilder().setExecutionId("x-" + id).setOrderId("o-" + id)
                .setCommandId(id).setAccount(account).setClientOrderId("c-" + id).setSymbol(symbol).setSide(side)
                .setOrderType(OrderType.LIMIT).setTimeInForce(TimeInForce.DAY).setExecType(ExecType.TRADE)
                .setOrderStatus(OrderStatus.FILLED).setOrderQuantity(quantity).setLimitPrice(FixedPoint.parse(price))
                .setLastQuantity(quantity).setLastPrice(FixedPoint.parse(price)).setCumulativeQuantity(quantity).setLeavesQuantity(0)
                .setAveragePrice(FixedPoint.parse(price)).setBookSequence(1).setTransactTimeMicros(now).build());
    }

    private static void lastPrice(String symbol, String price) {
        long last = FixedPoint.parse(price);
        long now = EventTime.fromMillis(System.currentTimeMillis());
        topics.send(Topics.MD_DAILY_STATS, symbol, DailyStats.newBuilder().setSymbol(symbol).setTradingDate("2026-11-20")
                .setOpen(last).setHigh(last).setLow(last).setLast(last).setPreviousClose(null).setChangePpm(0).setVolume(1)
                .setTurnover(last).setTradeCount(1).setLastEventTimeMicros(now).setFirstEventTimeMicros(now).setLastQuantity(1)
                .setLastSide(null).setLastVenue(null).build());
    }
}
