package dev.tickflow.matching.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.tickflow.model.BookUpdate;
import dev.tickflow.model.CancelOrder;
import dev.tickflow.model.ExecType;
import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.Liquidity;
import dev.tickflow.model.NewOrder;
import dev.tickflow.model.OrderChannel;
import dev.tickflow.model.OrderCommand;
import dev.tickflow.model.OrderStatus;
import dev.tickflow.model.OrderType;
import dev.tickflow.model.Side;
import dev.tickflow.model.Tick;
import dev.tickflow.model.TickSource;
import dev.tickflow.model.TimeInForce;
import dev.tickflow.model.topic.DeadLetters;
import dev.tickflow.model.topic.TopicNames;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.testsupport.KafkaBrokerResource;
import dev.tickflow.testsupport.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The matching engine as a running service on the real broker: accepted orders in; executions, trades, book out. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class MatchingServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static TopicClient topics;

    @BeforeAll
    static void connect() {
        topics = TopicClient.embedded();
    }

    @AfterAll
    static void disconnect() {
        topics.close();
    }

    @Test
    void aCrossingOrderTradesBothSidesPublishesTheTradeAndLeavesTheRestInTheBook() {
        OrderCommand sell = accepted("bob", "MEA", newOrder(Side.SELL, 10, "50.25"));
        OrderCommand buy = accepted("alice", "MEA", newOrder(Side.BUY, 4, "51"));

        List<ConsumerRecord<String, ExecutionReport>> trades = topics.await(Topics.EXECUTIONS,
                record -> record.value().getExecType() == ExecType.TRADE && "MEA".equals(record.value().getSymbol()), 2, WAIT);
        ExecutionReport maker = report(trades, sell.getOrderId());
        ExecutionReport taker = report(trades, buy.getOrderId());
        assertThat(maker.getLastPrice()).isEqualTo(FixedPoint.parse("50.25"));
        assertThat(taker.getLastPrice()).isEqualTo(FixedPoint.parse("50.25"));
        assertThat(maker.getLastQuantity()).isEqualTo(4);
        assertThat(maker.getLeavesQuantity()).isEqualTo(6);
        assertThat(maker.getOrderStatus()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(taker.getOrderStatus()).isEqualTo(OrderStatus.FILLED);
        assertThat(maker.getLiquidity()).isEqualTo(Liquidity.MAKER);
        assertThat(taker.getLiquidity()).isEqualTo(Liquidity.TAKER);
        assertThat(maker.getTradeId()).isEqualTo(taker.getTradeId());
        assertThat(taker.getCounterpartyAccount()).isEqualTo("bob");
        assertThat(trades).allMatch(record -> record.key().equals(record.value().getAccount()));

        Tick trade = topics.await(Topics.MD_TICKS, record -> "MEA".equals(record.key())
                && record.value().getSource() == TickSource.MATCHING_ENGINE, 1, WAIT).getFirst().value();
        assertThat(trade.getPrice()).isEqualTo(FixedPoint.parse("50.25"));
        assertThat(trade.getQuantity()).isEqualTo(4);
        assertThat(trade.getSide()).isEqualTo(Side.BUY);
        assertThat(trade.getTradeId()).isEqualTo(taker.getTradeId());

        List<ConsumerRecord<String, BookUpdate>> book = topics.await(Topics.MD_BOOK, record -> "MEA".equals(record.key())
                && record.value().getAsks().stream().anyMatch(level -> level.getQuantity() == 6), 1, WAIT);
        assertThat(book.getFirst().value().getAsks().getFirst().getPrice()).isEqualTo(FixedPoint.parse("50.25"));

        await().atMost(WAIT).untilAsserted(() -> given().get("/books/mea")
                .then().statusCode(200)
                .body("symbol", equalTo("MEA"))
                .body("bids", empty())
                .body("asks", hasSize(1))
                .body("asks[0].price", equalTo("50.25"))
                .body("asks[0].quantity", equalTo(6))
                .body("asks[0].orders", equalTo(1)));
    }

    @Test
    void aCancelTakesTheRestingOrderOutOfTheBook() {
        OrderCommand resting = accepted("alice", "MEB", newOrder(Side.BUY, 7, "20"));
        topics.await(Topics.EXECUTIONS, record -> record.value().getOrderId().equals(resting.getOrderId())
                && record.value().getExecType() == ExecType.NEW, 1, WAIT);
        await().atMost(WAIT).untilAsserted(() -> given().get("/books/MEB").then().statusCode(200).body("bids", hasSize(1)));

        OrderCommand cancel = accepted("alice", "MEB", resting.getOrderId(), new CancelOrder("test"));
        ExecutionReport canceled = topics.await(Topics.EXECUTIONS, record -> record.value().getCommandId().equals(cancel.getCommandId()),
                1, WAIT).getFirst().value();
        assertThat(canceled.getExecType()).isEqualTo(ExecType.CANCELED);
        assertThat(canceled.getLeavesQuantity()).isZero();
        await().atMost(WAIT).untilAsserted(() -> given().get("/books/MEB").then().statusCode(200).body("bids", empty()));

        OrderCommand again = accepted("alice", "MEB", resting.getOrderId(), new CancelOrder(null));
        assertThat(topics.await(Topics.ORDERS_REJECTED, record -> record.value().getCommandId().equals(again.getCommandId()), 1, WAIT)
                .getFirst().value().getRejectedBy()).isEqualTo("matching-engine");
    }

    @Test
    void anUnreadableCommandIsDeadLetteredAndMatchingGoesOn() {
        topics.sendRaw(TopicNames.ORDERS_ACCEPTED, "MEC".getBytes(StandardCharsets.UTF_8), "garbage".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<byte[], byte[]> dead = topics.awaitRaw(TopicNames.ORDERS_ACCEPTED + TopicNames.DEAD_LETTER_SUFFIX,
                record -> "garbage".equals(new String(record.value(), StandardCharsets.UTF_8)), 1, WAIT).getFirst();
        assertThat(DeadLetters.headerValue(dead.headers(), DeadLetters.SOURCE)).isEqualTo("matching-engine");

        OrderCommand next = accepted("alice", "MEC", newOrder(Side.SELL, 1, "5"));
        topics.await(Topics.EXECUTIONS, record -> record.value().getOrderId().equals(next.getOrderId()), 1, WAIT);
    }

    private static ExecutionReport report(List<ConsumerRecord<String, ExecutionReport>> records, String orderId) {
        return records.stream().map(ConsumerRecord::value).filter(report -> report.getOrderId().equals(orderId)).findFirst()
                .orElseThrow(() -> new AssertionError("no report for " + orderId + " in " + records));
    }

    private static NewOrder newOrder(Side side, long quantity, String price) {
        return new NewOrder(side, OrderType.LIMIT, TimeInForce.DAY, quantity, FixedPoint.parse(price));
    }

    private static OrderCommand accepted(String account, String symbol, NewOrder order) {
        return accepted(account, symbol, "o-" + UUID.randomUUID(), order);
    }

    private static OrderCommand accepted(String account, String symbol, String orderId, Object body) {
        long now = System.currentTimeMillis() * 1000;
        OrderCommand command = OrderCommand.newBuilder().setCommandId(UUID.randomUUID().toString()).setOrderId(orderId)
                .setAccount(account).setClientOrderId("c-" + orderId).setSymbol(symbol).setChannel(OrderChannel.REST)
                .setSubmittedAtMicros(now).setAcceptedAtMicros(now).setCommand(body).build();
        topics.send(Topics.ORDERS_ACCEPTED, symbol, command);
        return command;
    }
}
