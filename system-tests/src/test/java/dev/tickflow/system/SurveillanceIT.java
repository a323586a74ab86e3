package dev.tickflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.tickflow.model.Account;
import dev.tickflow.model.AccountStatus;
import dev.tickflow.model.Alert;
import dev.tickflow.model.AlertType;
import dev.tickflow.model.Evidence;
import dev.tickflow.model.TokenHash;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.testsupport.EmbeddedKafka;
import dev.tickflow.testsupport.ServiceProcess;
import dev.tickflow.testsupport.TopicClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A scripted sequence per pattern through the public order API, with the real risk, matching engine and
 * surveillance, each raising exactly one alert: spoofing (alice bids large 1% under the market three times, pulls each
 * bid, then sells into bob's bid), layering (the same at three levels), a wash trade (two accounts of one owner trade
 * with each other, twice) and failed logins (six wrong tokens at the gateway). The layering sequence with cancels the
 * engine made (IOC bids with nothing to match) raises none.
 */
class SurveillanceIT {

    private static final String ALICE = "alice-demo-token";
    private static final String BOB = "bob-demo-token";
    private static final String SYMBOL = "SPOOF";
    private static final String LAYERS = "LAYER";
    private static final String ENGINE_CANCELS = "IOCS";
    private static final String WASH = "WASH";
    private static final String FUND_A = "fund-a-test-token";
    private static final String FUND_B = "fund-b-test-token";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static TopicClient topics;
    private static ServiceProcess[] services;
    private static ServiceProcess gateway;

    @BeforeAll
    static void start() throws Exception {
        String bootstrap = EmbeddedKafka.get().bootstrapServers();
        topics = new TopicClient(bootstrap);
        // the last trade every service prices from, known before they start
        for (String symbol : List.of(SYMBOL, LAYERS, ENGINE_CANCELS, WASH)) {
            TradingStack.lastTrade(topics, symbol, "100");
        }
        // two accounts of one beneficial owner
        for (String fund : List.of("fund-a", "fund-b")) {
            topics.send(Topics.REF_ACCOUNTS, fund, Account.newBuilder().setAccountId(fund).setDisplayName(fund)
                    .setTokenHash(TokenHash.of(fund + "-test-token")).setStatus(AccountStatus.ACTIVE).setOwnerGroup("acme")
                    .setAdmin(false).setUpdatedAtMicros(0).build());
        }
        Path work = TradingStack.freshDirectory("surveillance");
        ServiceProcess risk = TradingStack.start("risk", work, bootstrap, Map.of());
        ServiceProcess matching = TradingStack.start("matching-engine", work, bootstrap, Map.of());
        gateway = TradingStack.start("order-gateway", work, bootstrap, Map.of());
        ServiceProcess surveillance = TradingStack.start("surveillance", work, bootstrap, Map.of());
        services = new ServiceProcess[] {surveillance, gateway, matching, risk};
        for (ServiceProcess service : services) {
            service.awaitReady(TradingStack.START);
        }
        TradingStack.resumeDemoTraders(risk);
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            TradingStack.stopAll(services);
        }
        if (topics != null) {
            topics.close();
        }
    }

    @Test
    void aScriptedSpoofingSequenceRaisesExactlyOneAlert() throws Exception {
        TradingStack.Reply bid = order(BOB, "bob-bid", "BUY", 100, "100.00");
        assertThat(bid.body().path("status").asText()).as("%s", bid.body()).isEqualTo("NEW");

        for (int i = 1; i <= 3; i++) {
            TradingStack.Reply layer = order(ALICE, "layer-" + i, "BUY", 5_000, "99.00");
            assertThat(layer.body().path("status").asText()).as("%s", layer.body()).isEqualTo("NEW");
            String orderId = layer.body().path("orderId").asText();
            TradingStack.Reply pulled = TradingStack.send(gateway, "DELETE", "/orders/" + orderId + "?wait=true", ALICE, null);
            assertThat(pulled.status()).as("%s", pulled.body()).isIn(200, 202);
            await().atMost(WAIT).until(() -> TradingStack.send(gateway, "GET", "/orders/" + orderId, ALICE, null).body()
                    .path("status").asText(), "CANCELED"::equals);
        }
        TradingStack.Reply sell = order(ALICE, "sell-into-bob", "SELL", 100, "100.00");
        assertThat(sell.status()).isIn(201, 202);

        List<ConsumerRecord<String, Alert>> alerts = topics.await(Topics.ALERTS,
                record -> record.value().getType() == AlertType.SPOOFING && SYMBOL.equals(record.value().getSymbol()), 1, WAIT);
        Alert alert = alerts.getFirst().value();
        assertThat(alert.getSymbol()).isEqualTo(SYMBOL);
        assertThat(alert.getEvidence()).extracting(Evidence::getKind).containsExactly("order", "order", "order", "execution");
        assertThat(topics.readAfter(Topics.ALERTS, record -> record.value().getType() == AlertType.SPOOFING
                && SYMBOL.equals(record.value().getSymbol()), Duration.ofSeconds(5))).as("exactly one").hasSize(1);
    }

    @Test
    void layeringPulledByTheTraderIsOneAlertAndTheSameWithCancelsTheEngineMadeIsNone() throws Exception {
        // first with IOC bids the engine cancels for want of liquidity: large, away from the market, gone at once
        order(BOB, ENGINE_CANCELS, "bob-iocs-bid", "BUY", 100, "100.00", "GTC");
        for (int i = 1; i <= 3; i++) {
            TradingStack.Reply ioc = order(ALICE, ENGINE_CANCELS, "ioc-" + i, "BUY", 5_000, "99.00", "IOC");
            String orderId = ioc.body().path("orderId").asText();
            await().atMost(WAIT).until(() -> TradingStack.send(gateway, "GET", "/orders/" + orderId, ALICE, null).body()
                    .path("status").asText(), "CANCELED"::equals);
        }
        order(ALICE, ENGINE_CANCELS, "iocs-sell-into-bob", "SELL", 100, "100.00", "GTC");

        // then layered: three levels, each pulled by alice
        order(BOB, LAYERS, "bob-layer-bid", "BUY", 100, "100.00", "GTC");
        String[] levels = {"99.00", "98.90", "98.80"};
        for (int i = 0; i < levels.length; i++) {
            TradingStack.Reply layer = order(ALICE, LAYERS, "level-" + i, "BUY", 5_000, levels[i], "GTC");
            String orderId = layer.body().path("orderId").asText();
            TradingStack.send(gateway, "DELETE", "/orders/" + orderId + "?wait=true", ALICE, null);
            await().atMost(WAIT).until(() -> TradingStack.send(gateway, "GET", "/orders/" + orderId, ALICE, null).body()
                    .path("status").asText(), "CANCELED"::equals);
        }
        order(ALICE, LAYERS, "layers-sell-into-bob", "SELL", 100, "100.00", "GTC");

        Alert layering = topics.await(Topics.ALERTS, record -> record.value().getType() == AlertType.SPOOFING
                && LAYERS.equals(record.value().getSymbol()), 1, WAIT).getFirst().value();
        assertThat(layering.getEvidence()).filteredOn(evidence -> evidence.getKind().equals("order")).extracting(Evidence::getDetail)
                .hasSize(3).anyMatch(detail -> detail.contains("@ 99 ")).anyMatch(detail -> detail.contains("@ 98.9 "))
                .anyMatch(detail -> detail.contains("@ 98.8 "));
        // alice's executions reach surveillance in order (one key, one partition): the IOC sequence was judged first
        List<ConsumerRecord<String, Alert>> spoofing = topics.readAfter(Topics.ALERTS,
                record -> record.value().getType() == AlertType.SPOOFING, Duration.ofSeconds(5));
        assertThat(spoofing).extracting(record -> record.value().getSymbol()).as("one for the layers, none for the IOC bids")
                .containsOnlyOnce(LAYERS).doesNotContain(ENGINE_CANCELS);
    }

    @Test
    void twoAccountsOfOneOwnerTradingWithEachOtherAreOneWashTradeAlert() throws Exception {
        for (int round = 1; round <= 2; round++) {
            order(FUND_B, WASH, "b-bid-" + round, "BUY", 100, "100.00", "GTC");
            TradingStack.Reply sell = order(FUND_A, WASH, "a-sell-" + round, "SELL", 100, "100.00", "GTC");
            String orderId = sell.body().path("orderId").asText();
            await().atMost(WAIT).until(() -> TradingStack.send(gateway, "GET", "/orders/" + orderId, FUND_A, null).body()
                    .path("status").asText(), "FILLED"::equals);
        }
        Alert wash = topics.await(Topics.ALERTS, record -> record.value().getType() == AlertType.WASH_TRADE
                && WASH.equals(record.value().getSymbol()), 1, WAIT).getFirst().value();
        assertThat(wash.getAccount()).as("raised on the buyer").isEqualTo("fund-b");
        assertThat(wash.getDescription()).contains("fund-a", "acme");
        assertThat(topics.readAfter(Topics.ALERTS, record -> record.value().getType() == AlertType.WASH_TRADE
                && WASH.equals(record.value().getSymbol()), Duration.ofSeconds(5))).as("the second trade is the same abuse").hasSize(1);
    }

    @Test
    void sixWrongTokensAtTheGatewayAreOneFailedLoginsAlert() throws Exception {
        for (int i = 0; i < 6; i++) {
            assertThat(TradingStack.send(gateway, "GET", "/orders", "wrong-token-" + i, null).status()).isEqualTo(401);
        }
        Alert logins = topics.await(Topics.ALERTS, record -> record.value().getType() == AlertType.FAILED_LOGINS, 1, WAIT)
                .getFirst().value();
        assertThat(logins.getAccount()).as("the tokens matched no account").isNull();
        assertThat(logins.getSourceAddress()).isNotNull();
        assertThat(logins.getEvidence()).hasSize(6).allMatch(evidence -> evidence.getKind().equals("auth-failure"));
        assertThat(topics.readAfter(Topics.ALERTS, record -> record.value().getType() == AlertType.FAILED_LOGINS, Duration.ofSeconds(5)))
                .hasSize(1);
    }

    private static TradingStack.Reply order(String token, String clientOrderId, String side, long quantity, String price)
            throws Exception {
        return order(token, SYMBOL, clientOrderId, side, quantity, price, "GTC");
    }

    private static TradingStack.Reply order(String token, String symbol, String clientOrderId, String side, long quantity,
            String price, String timeInForce) throws Exception {
        TradingStack.Reply reply = TradingStack.send(gateway, "POST", "/orders?wait=true", token, Map.of("clientOrderId",
                clientOrderId, "symbol", symbol, "side", side, "type", "LIMIT", "timeInForce", timeInForce, "quantity", quantity,
                "limitPrice", price));
        assertThat(reply.status()).as("%s", reply.body()).isIn(201, 202);
        if (reply.status() == 201) {
            return reply;
        }
        // a first order on a cold stack may take longer than the gateway waits: follow it as a client would
        String path = "/orders/" + reply.body().path("orderId").asText();
        return await().atMost(WAIT).until(() -> TradingStack.send(gateway, "GET", path, token, null),
                settled -> !"PENDING_NEW".equals(settled.body().path("status").asText()));
    }
}
