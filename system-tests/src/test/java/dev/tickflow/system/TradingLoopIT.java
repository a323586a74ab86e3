package dev.tickflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.Tick;
import dev.tickflow.model.TickSource;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.testsupport.EmbeddedKafka;
import dev.tickflow.testsupport.FixClient;
import dev.tickflow.testsupport.ServiceProcess;
import dev.tickflow.testsupport.TopicClient;
import dev.tickflow.testsupport.WebSocketRecorder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.field.ClOrdID;
import quickfix.field.ExecType;
import quickfix.field.LastPx;
import quickfix.field.LastQty;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.Price;
import quickfix.field.Symbol;
import quickfix.field.TransactTime;
import quickfix.fix44.NewOrderSingle;

/**
 * The trading loop end to end, each service its own JVM from its packaged form on a real broker: two accounts cross an
 * order through the gateway's REST API, both hear their executions over the WebSocket, risk's positions and P&amp;L
 * follow, and the trade is market data on md.ticks; an order entered over FIX trades against one entered over REST.
 */
class TradingLoopIT {

    private static final String ALICE = "alice-demo-token";
    private static final String BOB = "bob-demo-token";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SYMBOL = "LOOP";
    private static TopicClient topics;
    private static ServiceProcess risk;
    private static ServiceProcess matching;
    private static ServiceProcess gateway;
    private static int fixPort;

    @BeforeAll
    static void startTheTradingPath() throws Exception {
        String bootstrap = EmbeddedKafka.get().bootstrapServers();
        topics = new TopicClient(bootstrap);
        Path work = TradingStack.freshDirectory("trading-loop");
        risk = TradingStack.start("risk", work, bootstrap, Map.of());
        matching = TradingStack.start("matching-engine", work, bootstrap, Map.of());
        fixPort = ServiceProcess.freePort();
        gateway = TradingStack.start("order-gateway", work, bootstrap, Map.of("tickflow.gateway.fix.port", Integer.toString(fixPort)));
        risk.awaitReady(TradingStack.START);
        matching.awaitReady(TradingStack.START);
        gateway.awaitReady(TradingStack.START);
        lastTrade("100");
    }

    @AfterAll
    static void stop() {
        for (ServiceProcess service : new ServiceProcess[] {gateway, matching, risk}) {
            if (service != null) {
                service.close();
            }
        }
        if (topics != null) {
            topics.close();
        }
    }

    @Test
    void twoAccountsTradeAndBothSeeTheirExecutionsPositionsAndTheTrade() throws Exception {
        try (WebSocketRecorder aliceSocket = new WebSocketRecorder(TradingStack.webSocket(gateway, "/ws/orders"), ALICE);
                WebSocketRecorder bobSocket = new WebSocketRecorder(TradingStack.webSocket(gateway, "/ws/orders"), BOB)) {

            TradingStack.Reply sell = TradingStack.send(gateway, "POST", "/orders?wait=true", BOB, Map.of("clientOrderId", "bob-1",
                    "symbol", SYMBOL, "side", "SELL", "type", "LIMIT", "quantity", 10, "limitPrice", "100.50"));
            assertThat(settled(sell, BOB).path("status").asText()).isEqualTo("NEW");
            String bobOrder = sell.body().path("orderId").asText();

            TradingStack.Reply buy = TradingStack.send(gateway, "POST", "/orders?wait=true", ALICE, Map.of("clientOrderId", "alice-1",
                    "symbol", SYMBOL, "side", "BUY", "type", "LIMIT", "quantity", 4, "limitPrice", "101"));
            assertThat(settled(buy, ALICE).path("status").asText()).isIn("NEW", "FILLED");
            String aliceOrder = buy.body().path("orderId").asText();

            JsonNode aliceFill = execution(aliceSocket, aliceOrder, "TRADE");
            assertThat(aliceFill.path("orderStatus").asText()).isEqualTo("FILLED");
            assertThat(aliceFill.path("lastPrice").asText()).isEqualTo("100.5");
            assertThat(aliceFill.path("lastQuantity").asLong()).isEqualTo(4);
            JsonNode bobFill = execution(bobSocket, bobOrder, "TRADE");
            assertThat(bobFill.path("orderStatus").asText()).isEqualTo("PARTIALLY_FILLED");
            assertThat(bobFill.path("leavesQuantity").asLong()).isEqualTo(6);
            assertThat(bobFill.path("tradeId").asText()).isEqualTo(aliceFill.path("tradeId").asText());
            assertThat(aliceSocket.all()).noneMatch(text -> text.contains(bobOrder));
            assertThat(bobSocket.all()).noneMatch(text -> text.contains(aliceOrder));

            List<ConsumerRecord<String, Tick>> trades = topics.await(Topics.MD_TICKS, record -> SYMBOL.equals(record.key())
                    && record.value().getSource() == TickSource.MATCHING_ENGINE, 1, WAIT);
            assertThat(trades.getFirst().value().getPrice()).isEqualTo(FixedPoint.parse("100.5"));
            assertThat(trades.getFirst().value().getQuantity()).isEqualTo(4);
            assertThat(trades.getFirst().value().getTradeId()).isEqualTo(aliceFill.path("tradeId").asText());

            // valued at the last trade, 101 after this one: alice +4 x 0.5, bob -4 x 0.5 (a short)
            lastTrade("101");
            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode position = position("alice", ALICE);
                assertThat(position.path("quantity").asLong()).isEqualTo(4);
                assertThat(position.path("averageCost").asText()).isEqualTo("100.5");
                assertThat(position.path("unrealizedPnl").asText()).isEqualTo("2");
            });
            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode position = position("bob", BOB);
                assertThat(position.path("quantity").asLong()).isEqualTo(-4);
                assertThat(position.path("unrealizedPnl").asText()).isEqualTo("-2");
            });
            TradingStack.Reply pnl = TradingStack.send(risk, "GET", "/accounts/alice/pnl", ALICE, null);
            assertThat(pnl.body().path("totalPnl").asText()).isEqualTo("2");
            assertThat(TradingStack.send(risk, "GET", "/accounts/alice/pnl", BOB, null).status()).isEqualTo(403);

            TradingStack.Reply cancel = TradingStack.send(gateway, "DELETE", "/orders/" + bobOrder + "?wait=true", BOB, null);
            assertThat(cancel.status()).as("%s", cancel.body()).isEqualTo(200);
            assertThat(cancel.body().path("status").asText()).isEqualTo("CANCELED");
            assertThat(execution(bobSocket, bobOrder, "CANCELED").path("leavesQuantity").asLong()).isZero();

            // the kill switch pulls what the account has in the book
            TradingStack.Reply resting = TradingStack.send(gateway, "POST", "/orders?wait=true", BOB, Map.of("clientOrderId", "bob-2",
                    "symbol", SYMBOL, "side", "SELL", "type", "LIMIT", "timeInForce", "GTC", "quantity", 3, "limitPrice", "102"));
            String restingOrder = settled(resting, BOB).path("orderId").asText();
            assertThat(TradingStack.send(risk, "POST", "/accounts/bob/halt", "ops-demo-token", Map.of("reason", "desk review")).status())
                    .isEqualTo(202);
            assertThat(execution(bobSocket, restingOrder, "CANCELED").path("leavesQuantity").asLong()).isZero();
            await().atMost(WAIT).untilAsserted(() -> assertThat(TradingStack.send(gateway, "GET", "/orders/" + restingOrder, BOB, null)
                    .body().path("status").asText()).isEqualTo("CANCELED"));
            // and the desk lifts it: bob trades again (the broker is shared with the tests that follow)
            assertThat(TradingStack.send(risk, "POST", "/accounts/bob/resume", "ops-demo-token", null).status()).isIn(200, 202);
            await().atMost(WAIT).untilAsserted(() -> assertThat(TradingStack.send(risk, "GET", "/accounts/bob/risk", BOB, null)
                    .body().path("halted").asBoolean()).isFalse());

            TradingStack.Reply mine = TradingStack.send(gateway, "GET", "/orders?symbol=" + SYMBOL, ALICE, null);
            assertThat(mine.body()).hasSize(1);
            assertThat(mine.body().get(0).path("status").asText()).isEqualTo("FILLED");
            assertThat(TradingStack.send(gateway, "GET", "/orders/" + bobOrder, ALICE, null).status()).isEqualTo(403);
        }
    }

    /**
     * The order once the engine has answered. A synchronous submit answers 201 with the outcome, or 202 when the outcome
     * takes longer than the gateway waits (a first order on a cold stack may): then the client follows the order.
     */
    private static JsonNode settled(TradingStack.Reply reply, String token) {
        assertThat(reply.status()).as("%s", reply.body()).isIn(201, 202);
        if (reply.status() == 201) {
            return reply.body();
        }
        String path = "/orders/" + reply.body().path("orderId").asText();
        return await().atMost(WAIT).until(() -> TradingStack.send(gateway, "GET", path, token, null).body(),
                order -> !"PENDING_NEW".equals(order.path("status").asText()));
    }

    private static JsonNode execution(WebSocketRecorder socket, String orderId, String execType) throws Exception {
        String text = socket.next(message -> message.contains("\"execution\"") && message.contains(orderId)
                && message.contains("\"execType\":\"" + execType + "\""), WAIT);
        return TradingStack.json(text).path("execution");
    }

    private static JsonNode position(String account, String token) throws Exception {
        TradingStack.Reply positions = TradingStack.send(risk, "GET", "/accounts/" + account + "/positions", token, null);
        assertThat(positions.status()).as("%s", positions.body()).isEqualTo(200);
        for (JsonNode position : positions.body()) {
            if (SYMBOL.equals(position.path("symbol").asText())) {
                return position;
            }
        }
        throw new AssertionError("no " + SYMBOL + " position for " + account + " in " + positions.body());
    }

    /** The session statistics market-stats would publish after a trade at this price. */
    @Test
    void aFixOrderTradesAgainstARestOrderThroughRiskAndTheBook() throws Exception {
        String symbol = "LOOPF";
        TradingStack.lastTrade(topics, symbol, "100");
        try (FixClient aliceFix = new FixClient(fixPort, "alice", ALICE)) {
            assertThat(aliceFix.awaitLogon(WAIT)).as("alice's FIX logon").isTrue();
            TradingStack.Reply sell = TradingStack.send(gateway, "POST", "/orders?wait=true", BOB, Map.of("clientOrderId",
                    "bob-fix-1", "symbol", symbol, "side", "SELL", "type", "LIMIT", "quantity", 3, "limitPrice", "100"));
            assertThat(settled(sell, BOB).path("status").asText()).isEqualTo("NEW");

            NewOrderSingle buy = new NewOrderSingle(new ClOrdID("alice-fix-1"), new quickfix.field.Side(quickfix.field.Side.BUY),
                    new TransactTime(LocalDateTime.now(ZoneOffset.UTC)), new OrdType(OrdType.LIMIT));
            buy.set(new Symbol(symbol));
            buy.setString(OrderQty.FIELD, "3");
            buy.setString(Price.FIELD, "100.00");
            aliceFix.send(buy);

            Message fill = aliceFix.await(message -> message.isSetField(ExecType.FIELD) && message.isSetField(ClOrdID.FIELD)
                    && fieldIs(message, ExecType.FIELD, String.valueOf(ExecType.TRADE)) && fieldIs(message, ClOrdID.FIELD, "alice-fix-1"),
                    WAIT);
            assertThat(fill.getString(LastPx.FIELD)).isEqualTo("100");
            assertThat(fill.getString(LastQty.FIELD)).isEqualTo("3");
            assertThat(fill.getChar(OrdStatus.FIELD)).isEqualTo(OrdStatus.FILLED);
            // the order entered over FIX is an order like any other: REST shows it filled
            await().atMost(WAIT).untilAsserted(() -> assertThat(TradingStack.send(gateway, "GET", "/orders?symbol=" + symbol, ALICE, null)
                    .body().get(0).path("status").asText()).isEqualTo("FILLED"));
        }
    }

    private static boolean fieldIs(Message message, int field, String value) {
        try {
            return value.equals(message.getString(field));
        } catch (FieldNotFound e) {
            return false;
        }
    }

    private static void lastTrade(String price) {
        TradingStack.lastTrade(topics, SYMBOL, price);
    }
}
