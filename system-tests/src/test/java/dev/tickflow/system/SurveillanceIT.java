package dev.tickflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.tickflow.model.Alert;
import dev.tickflow.model.AlertType;
import dev.tickflow.model.Evidence;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.testsupport.EmbeddedKafka;
import dev.tickflow.testsupport.ServiceProcess;
import dev.tickflow.testsupport.TopicClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A scripted spoofing sequence through the public order API, with the real risk, matching engine and surveillance:
 * alice bids large 1% under the market three times and pulls each bid within a second, then sells into bob's bid.
 * Surveillance raises exactly one spoofing alert, with the three orders and the trade as evidence.
 */
class SurveillanceIT {

    private static final String ALICE = "alice-demo-token";
    private static final String BOB = "bob-demo-token";
    private static final String SYMBOL = "SPOOF";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static TopicClient topics;
    private static ServiceProcess[] services;
    private static ServiceProcess gateway;

    @BeforeAll
    static void start() throws Exception {
        String bootstrap = EmbeddedKafka.get().bootstrapServers();
        topics = new TopicClient(bootstrap);
        // the last trade every service prices from, known before they start
        TradingStack.lastTrade(topics, SYMBOL, "100");
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
                record -> record.value().getType() == AlertType.SPOOFING && "alice".equals(record.key()), 1, WAIT);
        Alert alert = alerts.getFirst().value();
        assertThat(alert.getSymbol()).isEqualTo(SYMBOL);
        assertThat(alert.getEvidence()).extracting(Evidence::getKind).containsExactly("order", "order", "order", "execution");
        assertThat(topics.readAfter(Topics.ALERTS, record -> record.value().getType() == AlertType.SPOOFING, Duration.ofSeconds(5)))
                .as("exactly one").hasSize(1);
    }

    private static TradingStack.Reply order(String token, String clientOrderId, String side, long quantity, String price)
            throws Exception {
        TradingStack.Reply reply = TradingStack.send(gateway, "POST", "/orders?wait=true", token, Map.of("clientOrderId",
                clientOrderId, "symbol", SYMBOL, "side", side, "type", "LIMIT", "timeInForce", "GTC", "quantity", quantity,
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
