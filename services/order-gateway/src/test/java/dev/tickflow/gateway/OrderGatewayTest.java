package dev.tickflow.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.tickflow.model.AuthOutcome;
import dev.tickflow.model.CancelOrder;
import dev.tickflow.model.EventTime;
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
import dev.tickflow.testsupport.KafkaBrokerResource;
import dev.tickflow.testsupport.TestInstruments;
import dev.tickflow.testsupport.TopicClient;
import dev.tickflow.testsupport.WebSocketRecorder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway alone against the real broker: the test reads what it writes to orders.submitted and answers as risk
 * and the matching engine would, on orders.rejected and executions.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class OrderGatewayTest {

    private static final String ALICE = "alice-demo-token";
    private static final String BOB = "bob-demo-token";
    private static final String OPS = "ops-demo-token";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TopicClient topics;

    @jakarta.inject.Inject
    dev.tickflow.gateway.orders.InstrumentDirectory instruments;

    @jakarta.inject.Inject
    io.micrometer.core.instrument.MeterRegistry meters;

    @TestHTTPResource("/ws/orders")
    URI socket;

    @BeforeAll
    static void connect() {
        topics = TopicClient.embedded();
        TestInstruments.publish(topics, "GWA", "GWB", "GWC", "GWD", "GWE", "GWQ");
    }

    @BeforeEach
    void gatewayHasReadTheOrderTopics() {
        // RestAssured learns the test port per test instance, so this cannot live in @BeforeAll
        await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        // the instruments published above reach the gateway's directory as they come
        await().atMost(WAIT).until(() -> instruments.find("GWQ").isPresent());
    }

    @AfterAll
    static void disconnect() {
        topics.close();
    }

    @Test
    void aRequestWithoutATokenIsRefusedWith401AndAProblem() {
        given().contentType(ContentType.JSON).body(limitOrder(clientId(), "GWA", "BUY", 10, "100"))
                .post("/orders")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
    }

    @Test
    void aWrongTokenIsRefusedAndReportedToSurveillance() {
        given().auth().oauth2("not-a-token").get("/orders")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("detail", containsString("not valid"));
        var failures = topics.await(Topics.AUTH_EVENTS, record -> record.value().getOutcome() == AuthOutcome.FAILURE, 1, WAIT);
        assertThat(failures.getFirst().value().getSourceAddress()).isNotBlank();
        assertThat(failures.getFirst().value().getAccount()).isNull();
        assertThat(failures.getFirst().key()).isEqualTo(failures.getFirst().value().getSourceAddress());
    }

    @Test
    void aGoodTokenIsReportedAsASuccessOfItsAccount() {
        given().auth().oauth2(BOB).get("/orders").then().statusCode(200);
        topics.await(Topics.AUTH_EVENTS, record -> "bob".equals(record.key()) && record.value().getOutcome() == AuthOutcome.SUCCESS
                && "rest".equals(record.value().getChannel()), 1, WAIT);
    }

    @Test
    void anInvalidOrderGets400WithEveryBrokenRuleAndNeverReachesKafka() {
        String clientOrderId = clientId();
        Map<String, Object> order = Map.of("clientOrderId", clientOrderId, "symbol", "GWA", "quantity", -5, "type", "LIMIT",
                "timeInForce", "FOREVER");
        given().auth().oauth2(ALICE).contentType(ContentType.JSON).body(order)
                .post("/orders")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("side"))
                .body("errors.field", hasItem("quantity"))
                .body("errors.field", hasItem("limitPrice"))
                .body("errors.field", hasItem("timeInForce"))
                .body("errors", hasSize(4));
        given().auth().oauth2(ALICE).contentType(ContentType.JSON).body(Map.of("clientOrderId", clientOrderId, "symbol", "GWA",
                        "side", "BUY", "quantity", 5, "limitPrice", "10.1234567"))
                .post("/orders")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("limitPrice"));
        assertThat(topics.readAfter(Topics.ORDERS_SUBMITTED, record -> clientOrderId.equals(record.value().getClientOrderId()),
                Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void anOrderForAnotherAccountIsForbidden() {
        Map<String, Object> order = new java.util.HashMap<>(limitOrder(clientId(), "GWA", "BUY", 10, "100"));
        order.put("account", "bob");
        given().auth().oauth2(ALICE).contentType(ContentType.JSON).body(order)
                .post("/orders")
                .then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void anOrderIsWrittenKeyedByAccountAndItsAcknowledgementUpdatesIt() {
        String clientOrderId = clientId();
        Response placed = given().auth().oauth2(ALICE).contentType(ContentType.JSON)
                .body(limitOrder(clientOrderId, "gwa", "buy", 25, "101.25"))
                .post("/orders");
        placed.then().statusCode(202)
                .header("Location", containsString("/orders/"))
                .body("status", equalTo("PENDING_NEW"))
                .body("symbol", equalTo("GWA"))
                .body("limitPrice", equalTo("101.25"));
        String orderId = placed.path("orderId");

        OrderCommand command = submitted(clientOrderId);
        assertThat(command.getOrderId()).isEqualTo(orderId);
        assertThat(command.getAccount()).isEqualTo("alice");
        assertThat(command.getChannel()).isEqualTo(OrderChannel.REST);
        assertThat(command.getCommand()).isEqualTo(new NewOrder(Side.BUY, OrderType.LIMIT, TimeInForce.DAY, 25L,
                FixedPoint.parse("101.25")));

        topics.send(Topics.EXECUTIONS, "alice", Reports.acknowledged(command));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(ALICE).get("/orders/" + orderId)
                .then().statusCode(200).body("status", equalTo("NEW")).body("leavesQuantity", equalTo(25)));
        topics.send(Topics.EXECUTIONS, "alice", Reports.traded(command, 10, FixedPoint.parse("101.25"), 10));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(ALICE).get("/orders/" + orderId)
                .then().body("status", equalTo("PARTIALLY_FILLED")).body("filledQuantity", equalTo(10))
                .body("leavesQuantity", equalTo(15)).body("averagePrice", equalTo("101.25")));
    }

    @Test
    void anOrderWithNoOutcomeBecomesUnconfirmedAndMovesOnWhenItsOutcomeComes() {
        String clientOrderId = clientId();
        String orderId = given().auth().oauth2(ALICE).contentType(ContentType.JSON).body(limitOrder(clientOrderId, "GWA", "BUY", 5, "99"))
                .post("/orders").then().statusCode(202).extract().path("orderId");
        OrderCommand command = submitted(clientOrderId);
        // nothing answers it (no risk runs here): after the outcome timeout (3 s in tests) it says so
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(ALICE).get("/orders/" + orderId).then().statusCode(200)
                .body("status", equalTo("UNCONFIRMED")).body("note", containsString("no acknowledgement or refusal")));
        topics.send(Topics.EXECUTIONS, "alice", Reports.acknowledged(command));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(ALICE).get("/orders/" + orderId).then().statusCode(200)
                .body("status", equalTo("NEW")).body("note", org.hamcrest.Matchers.nullValue()));
    }

    @Test
    void anOrderForASymbolReferenceDataDoesNotListIsRefusedAtEntry() {
        given().auth().oauth2(ALICE).contentType(ContentType.JSON).body(limitOrder(clientId(), "NOSUCH", "BUY", 5, "99"))
                .post("/orders").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItem("symbol"))
                .body("errors.code", org.hamcrest.Matchers.hasItem("unknown"));
    }

    @Test
    void aSynchronousOrderAnswersWithItsFirstOutcome() {
        String clientOrderId = clientId();
        CompletableFuture<Response> answer = inBackground(() -> given().auth().oauth2(ALICE)
                .contentType(ContentType.JSON).body(limitOrder(clientOrderId, "GWA", "SELL", 5, "99")).queryParam("wait", true)
                .post("/orders"));
        OrderCommand command = submitted(clientOrderId);
        topics.send(Topics.EXECUTIONS, "alice", Reports.acknowledged(command));
        answer.join().then().statusCode(201)
                .header("Location", containsString("/orders/" + command.getOrderId()))
                .body("status", equalTo("NEW"))
                .body("orderId", equalTo(command.getOrderId()));
    }

    @Test
    void aRejectReachesTheWaitingCallerWithTheReason() {
        String clientOrderId = clientId();
        CompletableFuture<Response> answer = inBackground(() -> given().auth().oauth2(ALICE)
                .contentType(ContentType.JSON).body(limitOrder(clientOrderId, "GWA", "BUY", 5_000_000, "99")).queryParam("wait", true)
                .post("/orders"));
        OrderCommand command = submitted(clientOrderId);
        topics.send(Topics.ORDERS_REJECTED, "alice", Reports.rejected(command, RejectReason.MAX_ORDER_QUANTITY, "5000000 > 100000"));
        answer.join().then().statusCode(201)
                .body("status", equalTo("REJECTED"))
                .body("rejectReason", equalTo("MAX_ORDER_QUANTITY"))
                .body("rejectMessage", equalTo("5000000 > 100000"));
    }

    @Test
    void aSynchronousOrderWithNoAnswerInTimeIsAccepted() {
        given().auth().oauth2(ALICE).contentType(ContentType.JSON).body(limitOrder(clientId(), "GWA", "BUY", 1, "1"))
                .queryParam("wait", true)
                .post("/orders")
                .then().statusCode(202)
                .body("status", equalTo("PENDING_NEW"));
    }

    @Test
    void aRetryReturnsTheFirstOrderAndSendsNothingNew() {
        String clientOrderId = clientId();
        Map<String, Object> order = limitOrder(clientOrderId, "GWA", "BUY", 7, "100.5");
        String first = given().auth().oauth2(ALICE).contentType(ContentType.JSON).body(order).post("/orders")
                .then().statusCode(202).extract().path("orderId");
        given().auth().oauth2(ALICE).contentType(ContentType.JSON).body(order).post("/orders")
                .then().statusCode(200).body("orderId", equalTo(first));
        given().auth().oauth2(ALICE).contentType(ContentType.JSON).body(limitOrder(clientOrderId, "GWA", "BUY", 8, "100.5"))
                .post("/orders")
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString(first));
        // the same client order id is another account's own business
        given().auth().oauth2(BOB).contentType(ContentType.JSON).body(order).post("/orders")
                .then().statusCode(202).body("orderId", not(equalTo(first)));

        assertThat(topics.readAfter(Topics.ORDERS_SUBMITTED, record -> clientOrderId.equals(record.value().getClientOrderId())
                && "alice".equals(record.key()), Duration.ofSeconds(1))).hasSize(1);
    }

    @Test
    void aRetryIsRecognisedFromTheTopicAloneAsAfterARestart() {
        String clientOrderId = clientId();
        OrderCommand earlier = OrderCommand.newBuilder().setCommandId(UUID.randomUUID().toString())
                .setOrderId("earlier-" + clientOrderId).setAccount("alice").setClientOrderId(clientOrderId).setSymbol("GWA")
                .setChannel(OrderChannel.REST).setSubmittedAtMicros(EventTime.toMicros(java.time.Instant.now()))
                .setCommand(new NewOrder(Side.BUY, OrderType.LIMIT, TimeInForce.DAY, 3L, FixedPoint.parse("100"))).build();
        topics.send(Topics.ORDERS_SUBMITTED, "alice", earlier);
        // another writer's commands are read on an interval: a retry sent before that is, rightly, a new order
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(ALICE).get("/orders/" + earlier.getOrderId())
                .then().statusCode(200));
        given().auth().oauth2(ALICE).contentType(ContentType.JSON)
                .body(limitOrder(clientOrderId, "GWA", "BUY", 3, "100")).post("/orders")
                .then().statusCode(200).body("orderId", equalTo(earlier.getOrderId()));
    }

    @Test
    void anAccountSeesOnlyItsOwnOrdersAndAnAdminSeesAny() {
        String clientOrderId = clientId();
        String orderId = given().auth().oauth2(ALICE).contentType(ContentType.JSON)
                .body(limitOrder(clientOrderId, "GWB", "BUY", 1, "10")).post("/orders")
                .then().statusCode(202).extract().path("orderId");
        given().auth().oauth2(BOB).get("/orders/" + orderId).then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(BOB).delete("/orders/" + orderId).then().statusCode(403);
        given().auth().oauth2(BOB).get("/orders").then().statusCode(200).body("account", everyItem(equalTo("bob")));
        given().auth().oauth2(BOB).queryParam("account", "alice").get("/orders").then().statusCode(403);
        given().auth().oauth2(ALICE).queryParam("symbol", "GWB").queryParam("status", "open").get("/orders")
                .then().statusCode(200).body("orderId", hasItem(orderId));
        given().auth().oauth2(OPS).get("/orders/" + orderId).then().statusCode(200).body("account", equalTo("alice"));
        given().auth().oauth2(ALICE).get("/orders/no-such-order").then().statusCode(404);
        given().auth().oauth2(ALICE).queryParam("status", "SOMEDAY").get("/orders").then().statusCode(400);
    }

    @Test
    void aCancelIsSentForTheOrderAndAFinishedOrderCannotBeCancelled() {
        String clientOrderId = clientId();
        String orderId = given().auth().oauth2(ALICE).contentType(ContentType.JSON)
                .body(limitOrder(clientOrderId, "GWC", "SELL", 4, "50")).post("/orders")
                .then().statusCode(202).extract().path("orderId");
        OrderCommand order = submitted(clientOrderId);
        topics.send(Topics.EXECUTIONS, "alice", Reports.acknowledged(order));

        CompletableFuture<Response> answer = inBackground(() -> given().auth().oauth2(ALICE)
                .queryParam("wait", true).delete("/orders/" + orderId));
        OrderCommand cancel = topics.await(Topics.ORDERS_SUBMITTED, record -> orderId.equals(record.value().getOrderId())
                && record.value().getCommand() instanceof CancelOrder, 1, WAIT).getFirst().value();
        topics.send(Topics.EXECUTIONS, "alice", Reports.canceled(order, cancel));
        answer.join().then().statusCode(200).body("status", equalTo("CANCELED")).body("leavesQuantity", equalTo(0));

        given().auth().oauth2(ALICE).delete("/orders/" + orderId)
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("CANCELED"));
    }

    @Test
    void aReplaceCarriesTheNewTermsAndARefusedOneIsAConflict() {
        String clientOrderId = clientId();
        String orderId = given().auth().oauth2(ALICE).contentType(ContentType.JSON)
                .body(limitOrder(clientOrderId, "GWD", "BUY", 10, "20")).post("/orders")
                .then().statusCode(202).extract().path("orderId");
        OrderCommand order = submitted(clientOrderId);
        given().auth().oauth2(ALICE).contentType(ContentType.JSON).body(Map.of()).patch("/orders/" + orderId)
                .then().statusCode(400);

        CompletableFuture<Response> answer = inBackground(() -> given().auth().oauth2(ALICE)
                .contentType(ContentType.JSON).body(Map.of("limitPrice", "20.5", "quantity", 12)).queryParam("wait", true)
                .patch("/orders/" + orderId));
        OrderCommand replace = topics.await(Topics.ORDERS_SUBMITTED, record -> orderId.equals(record.value().getOrderId())
                && record.value().getCommand() instanceof ReplaceOrder, 1, WAIT).getFirst().value();
        assertThat(replace.getCommand()).isEqualTo(new ReplaceOrder(12L, FixedPoint.parse("20.5")));
        assertThat(replace.getAccount()).isEqualTo(order.getAccount());
        topics.send(Topics.ORDERS_REJECTED, "alice", Reports.rejected(replace, RejectReason.MAX_POSITION, "would exceed"));
        answer.join().then().statusCode(409).body("detail", containsString("MAX_POSITION"));
    }

    @Test
    void theWebSocketTakesCommandsAndPushesOnlyTheAccountsOwnReports() throws Exception {
        URI uri = URI.create(socket.toString().replaceFirst("^http", "ws"));
        double pushedBefore = count("tickflow.gateway.ws.pushed");
        double failedBefore = count("tickflow.gateway.push.failures") + count("tickflow.gateway.records.undecodable");
        try (WebSocketRecorder alice = new WebSocketRecorder(uri, ALICE); WebSocketRecorder bob = new WebSocketRecorder(uri, BOB)) {
            String clientOrderId = clientId();
            alice.send("""
                    {"action":"new","requestId":"r1","clientOrderId":"%s","symbol":"GWE","side":"BUY","type":"LIMIT",
                     "quantity":3,"limitPrice":"10.5"}""".formatted(clientOrderId));
            JsonPath answer = next(alice, "order");
            assertThat(answer.getString("requestId")).isEqualTo("r1");
            assertThat(answer.getString("order.status")).isEqualTo("PENDING_NEW");
            OrderCommand order = submitted(clientOrderId);
            assertThat(order.getChannel()).isEqualTo(OrderChannel.WEBSOCKET);

            topics.send(Topics.EXECUTIONS, "alice", Reports.traded(order, 3, FixedPoint.parse("10.5"), 3));
            JsonPath pushed = next(alice, "execution");
            assertThat(pushed.getString("execution.orderId")).isEqualTo(order.getOrderId());
            assertThat(pushed.getString("execution.orderStatus")).isEqualTo("FILLED");
            assertThat(pushed.getString("execution.lastPrice")).isEqualTo("10.5");

            // bob's own report comes after alice's through the same reader, so bob would have had alice's first
            String bobOrder = clientId();
            bob.send("""
                    {"action":"new","requestId":"b1","clientOrderId":"%s","symbol":"GWE","side":"SELL","quantity":1,
                     "limitPrice":"11"}""".formatted(bobOrder));
            OrderCommand bobs = submitted(bobOrder);
            topics.send(Topics.ORDERS_REJECTED, "bob", Reports.rejected(bobs, RejectReason.PRICE_COLLAR, "too far"));
            JsonPath rejected = next(bob, "rejected");
            assertThat(rejected.getString("reject.reason")).isEqualTo("PRICE_COLLAR");
            assertThat(bob.all()).noneMatch(text -> text.contains(order.getOrderId()));

            bob.send("{\"action\":\"cancel\",\"requestId\":\"b2\",\"orderId\":\"" + order.getOrderId() + "\"}");
            assertThat(next(bob, "error").getInt("problem.status")).isEqualTo(403);
            bob.send("not json");
            assertThat(next(bob, "error").getInt("problem.status")).isEqualTo(400);
        }
        // a push that failed after its message went out would look fine to the client: only the gateway knows
        assertThat(count("tickflow.gateway.push.failures") + count("tickflow.gateway.records.undecodable")).isEqualTo(failedBefore);
        assertThat(count("tickflow.gateway.ws.pushed") - pushedBefore).isGreaterThanOrEqualTo(6);
    }

    private double count(String counter) {
        // a counter is registered with its bean, which may not have been created yet
        io.micrometer.core.instrument.Counter found = meters.find(counter).counter();
        return found == null ? 0 : found.count();
    }

    @Test
    void commandsSentBackToBackOnOneConnectionAreAllAnsweredAndWrittenInTheirOrder() throws Exception {
        URI uri = URI.create(socket.toString().replaceFirst("^http", "ws"));
        String prefix = clientId() + "-";
        List<String> sent = new java.util.ArrayList<>();
        try (WebSocketRecorder alice = new WebSocketRecorder(uri, ALICE)) {
            for (int i = 0; i < 30; i++) {
                sent.add(prefix + i);
                alice.send("""
                        {"action":"new","requestId":"q%d","clientOrderId":"%s%d","symbol":"GWQ","side":"BUY","type":"LIMIT",
                         "quantity":1,"limitPrice":"10"}""".formatted(i, prefix, i));
            }
            java.util.Set<String> answered = new java.util.HashSet<>();
            while (answered.size() < sent.size()) {
                JsonPath answer = next(alice, "order");
                answered.add(answer.getString("order.clientOrderId"));
                assertThat(answer.getString("order.status")).isEqualTo("PENDING_NEW");
            }
            assertThat(answered).containsExactlyInAnyOrderElementsOf(sent);
        }
        List<String> written = topics.await(Topics.ORDERS_SUBMITTED, record -> record.value().getClientOrderId().startsWith(prefix),
                sent.size(), WAIT).stream().map(record -> record.value().getClientOrderId()).toList();
        assertThat(written).as("one account's commands share a partition and keep the connection's order").isEqualTo(sent);
    }

    @Test
    void theWebSocketNeedsAToken() {
        URI uri = URI.create(socket.toString().replaceFirst("^http", "ws"));
        assertThat(java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(uri, new java.net.http.WebSocket.Listener() { }).handle((ok, failure) -> failure).join())
                .isNotNull()
                .hasCauseInstanceOf(java.net.http.WebSocketHandshakeException.class)
                .hasStackTraceContaining("401");
    }

    @Test
    void webSocketSignInsAreReportedToSurveillanceLikeAnyOther() throws Exception {
        URI uri = URI.create(socket.toString().replaceFirst("^http", "ws"));
        assertThat(java.net.http.HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer not-a-token")
                .buildAsync(uri, new java.net.http.WebSocket.Listener() { }).handle((ok, failure) -> failure).join())
                .hasStackTraceContaining("401");
        topics.await(Topics.AUTH_EVENTS, record -> record.value().getOutcome() == AuthOutcome.FAILURE
                && "websocket".equals(record.value().getChannel()) && record.value().getAccount() == null, 1, WAIT);

        try (WebSocketRecorder bob = new WebSocketRecorder(uri, BOB)) {
            topics.await(Topics.AUTH_EVENTS, record -> "bob".equals(record.key()) && record.value().getOutcome() == AuthOutcome.SUCCESS
                    && "websocket".equals(record.value().getChannel()), 1, WAIT);
        }
    }

    /**
     * Runs a request on another thread while the test answers it on Kafka. The test's class loader goes with it:
     * the pool's threads would not find RestAssured's JSON mapper otherwise.
     */
    private static CompletableFuture<Response> inBackground(java.util.function.Supplier<Response> request) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return CompletableFuture.supplyAsync(() -> {
            Thread.currentThread().setContextClassLoader(loader);
            return request.get();
        });
    }

    private static JsonPath next(WebSocketRecorder socket, String type) throws InterruptedException {
        return JsonPath.from(socket.next(text -> type.equals(JsonPath.from(text).getString("type")), WAIT));
    }

    private static OrderCommand submitted(String clientOrderId) {
        List<ConsumerRecord<String, OrderCommand>> records = topics.await(Topics.ORDERS_SUBMITTED,
                record -> clientOrderId.equals(record.value().getClientOrderId()) && record.value().getCommand() instanceof NewOrder,
                1, WAIT);
        assertThat(records.getFirst().key()).isEqualTo(records.getFirst().value().getAccount());
        return records.getFirst().value();
    }

    private static Map<String, Object> limitOrder(String clientOrderId, String symbol, String side, long quantity, String price) {
        return Map.of("clientOrderId", clientOrderId, "symbol", symbol, "side", side, "type", "LIMIT", "quantity", quantity,
                "limitPrice", price);
    }

    private static String clientId() {
        return "t-" + UUID.randomUUID().toString().substring(0, 13);
    }
}
