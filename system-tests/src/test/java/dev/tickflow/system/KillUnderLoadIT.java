package dev.tickflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickflow.model.ExecType;
import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.OrderRejected;
import dev.tickflow.model.Side;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.testsupport.ServiceProcess;
import dev.tickflow.testsupport.TestInstruments;
import dev.tickflow.testsupport.TopicClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Under a steady stream of orders through the gateway, risk, the matching engine, the gateway and the broker are each
 * killed with SIGKILL and started again. Afterwards every order the gateway accepted has exactly one outcome, no
 * execution id is on the executions topic twice, and risk's positions equal a replay of the executions. The time each
 * component took to answer orders again is written to target/kill-under-load.txt.
 */
class KillUnderLoadIT {

    private static final String SYMBOL = "KILL";
    private static final String[][] TRADERS = {{"alice", "alice-demo-token"}, {"bob", "bob-demo-token"}};
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static BrokerProcess broker;
    private static TopicClient topics;
    private static ServiceProcess risk;
    private static ServiceProcess matching;
    private static ServiceProcess gateway;

    @BeforeAll
    static void start() throws Exception {
        Path work = TradingStack.freshDirectory("kill-under-load");
        broker = BrokerProcess.start(work.resolve("kafka"));
        String bootstrap = broker.bootstrapServers();
        topics = new TopicClient(bootstrap);
        TestInstruments.publish(topics, SYMBOL);
        risk = TradingStack.start("risk", work, bootstrap, Map.of());
        matching = TradingStack.start("matching-engine", work, bootstrap, Map.of());
        gateway = TradingStack.start("order-gateway", work, bootstrap, Map.of());
        risk.awaitReady(TradingStack.START);
        matching.awaitReady(TradingStack.START);
        gateway.awaitReady(TradingStack.START);
    }

    @AfterAll
    static void stop() throws Exception {
        TradingStack.stopAll(gateway, matching, risk);
        if (topics != null) {
            topics.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void everyAcceptedOrderHasOneOutcomeAfterEachComponentIsKilled() throws Exception {
        Load load = new Load();
        Thread sender = Thread.ofPlatform().name("order-load").start(load::run);
        Map<String, Double> resume = new LinkedHashMap<>();
        try {
            awaitAccepted(load, 100);
            resume.put("risk", killAndRestart(risk::kill, risk::start, risk));
            awaitAccepted(load, load.accepted.size() + 100);
            resume.put("matching-engine", killAndRestart(matching::kill, matching::start, matching));
            awaitAccepted(load, load.accepted.size() + 100);
            resume.put("order-gateway", killAndRestart(gateway::kill, gateway::start, gateway));
            awaitAccepted(load, load.accepted.size() + 100);
            resume.put("broker", killAndRestart(broker::kill, broker::start, null));
            awaitAccepted(load, load.accepted.size() + 100);
        } finally {
            load.running.set(false);
            sender.join();
        }
        report(resume, load);

        // every accepted order gets its outcome, however long the restarts delayed it
        Map<String, Integer> outcomes = new HashMap<>();
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            outcomes.clear();
            outcomes.putAll(outcomes());
            return outcomes.keySet().containsAll(load.accepted.values());
        });
        assertThat(load.accepted).as("orders accepted under load").hasSizeGreaterThan(400);
        for (String orderId : load.accepted.values()) {
            assertThat(outcomes.get(orderId)).as("outcomes of accepted order %s", orderId).isEqualTo(1);
        }
        assertThat(outcomes.values()).as("no order, accepted or in doubt, has two outcomes").allMatch(count -> count == 1);

        List<ExecutionReport> executions = executions();
        assertThat(executions).extracting(ExecutionReport::getExecutionId).as("execution ids on the topic").doesNotHaveDuplicates();
        assertThat(executions).filteredOn(report -> report.getExecType() == ExecType.TRADE).as("the load trades").hasSizeGreaterThan(200);
        for (String[] trader : TRADERS) {
            Map<String, String> replayed = replay(executions, trader[0]);
            await().atMost(WAIT).untilAsserted(() -> assertThat(positionOf(trader)).as("%s's position in risk", trader[0])
                    .isEqualTo(replayed));
        }
    }

    /** Kills a component under load, starts it again, and measures how long until an order is answered again. */
    private static double killAndRestart(Killer kill, Starter start, ServiceProcess service) throws Exception {
        kill.kill();
        Thread.sleep(1_000);
        long restarted = System.nanoTime();
        start.start();
        if (service != null) {
            service.awaitReady(TradingStack.START);
        }
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(KillUnderLoadIT::probeAnswered);
        return (System.nanoTime() - restarted) / 1e9;
    }

    /** A buy far below the market, waited for: answered once the whole path works again. */
    private static boolean probeAnswered() {
        try {
            HttpResponse<String> response = post(TRADERS[0][1], "probe-" + System.nanoTime(), "BUY", "90", true);
            return response.statusCode() == 201 && TradingStack.json(response.body()).path("status").asText().equals("NEW");
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static void awaitAccepted(Load load, int count) {
        await().atMost(WAIT).until(() -> load.accepted.size() >= count);
    }

    private static HttpResponse<String> post(String token, String clientOrderId, String side, String price, boolean wait)
            throws IOException, InterruptedException {
        String body = "{\"clientOrderId\":\"" + clientOrderId + "\",\"symbol\":\"" + SYMBOL + "\",\"side\":\"" + side
                + "\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"quantity\":1,\"limitPrice\":\"" + price + "\"}";
        return HTTP.send(HttpRequest.newBuilder(gateway.url("/orders" + (wait ? "?wait=true" : ""))).timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Per order id of the test's symbol: how many outcomes its new order has (an acknowledgement or a refusal). */
    private static Map<String, Integer> outcomes() {
        Map<String, Integer> outcomes = new HashMap<>();
        for (ConsumerRecord<String, ExecutionReport> record : topics.readAfter(Topics.EXECUTIONS,
                record -> SYMBOL.equals(record.value().getSymbol()) && record.value().getExecType() == ExecType.NEW, Duration.ZERO)) {
            outcomes.merge(record.value().getOrderId(), 1, Integer::sum);
        }
        for (ConsumerRecord<String, OrderRejected> record : topics.readAfter(Topics.ORDERS_REJECTED,
                record -> SYMBOL.equals(record.value().getSymbol()), Duration.ZERO)) {
            outcomes.merge(record.value().getOrderId(), 1, Integer::sum);
        }
        return outcomes;
    }

    private static List<ExecutionReport> executions() {
        List<ExecutionReport> executions = new ArrayList<>();
        topics.readAfter(Topics.EXECUTIONS, record -> SYMBOL.equals(record.value().getSymbol()), Duration.ZERO)
                .forEach(record -> executions.add(record.value()));
        return executions;
    }

    /** Quantity, bought, sold and realized P&L from the account's fills, on an exact cost basis, independently of risk. */
    private static Map<String, String> replay(List<ExecutionReport> executions, String account) {
        long quantity = 0;
        long bought = 0;
        long sold = 0;
        BigDecimal cost = BigDecimal.ZERO;
        BigDecimal realized = BigDecimal.ZERO;
        for (ExecutionReport report : executions) {
            if (!report.getAccount().equals(account) || report.getExecType() != ExecType.TRADE) {
                continue;
            }
            BigDecimal price = FixedPoint.toBigDecimal(report.getLastPrice());
            long fill = report.getLastQuantity();
            boolean buy = report.getSide() == Side.BUY;
            long signed = buy ? fill : -fill;
            if (quantity == 0 || Long.signum(quantity) == Long.signum(signed)) {
                cost = cost.add(price.multiply(BigDecimal.valueOf(fill)));
            } else {
                long closing = Math.min(Math.abs(quantity), fill);
                BigDecimal closedCost = closing == Math.abs(quantity) ? cost
                        : cost.multiply(BigDecimal.valueOf(closing)).divide(BigDecimal.valueOf(Math.abs(quantity)), 6,
                                java.math.RoundingMode.HALF_EVEN);
                BigDecimal value = price.multiply(BigDecimal.valueOf(closing));
                realized = realized.add(quantity > 0 ? value.subtract(closedCost) : closedCost.subtract(value));
                cost = cost.subtract(closedCost);
                if (Math.abs(signed) > Math.abs(quantity)) {
                    cost = price.multiply(BigDecimal.valueOf(Math.abs(quantity + signed)));
                }
            }
            quantity += signed;
            if (buy) {
                bought += fill;
            } else {
                sold += fill;
            }
        }
        return Map.of("quantity", Long.toString(quantity), "bought", Long.toString(bought), "sold", Long.toString(sold),
                "realizedPnl", FixedPoint.format(FixedPoint.of(realized)));
    }

    private static Map<String, String> positionOf(String[] trader) throws IOException, InterruptedException {
        TradingStack.Reply reply = TradingStack.send(risk, "GET", "/accounts/" + trader[0] + "/positions", trader[1], null);
        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
        for (JsonNode position : reply.body()) {
            if (position.path("symbol").asText().equals(SYMBOL)) {
                return Map.of("quantity", position.path("quantity").asText(), "bought", position.path("boughtQuantity").asText(),
                        "sold", position.path("soldQuantity").asText(), "realizedPnl", position.path("realizedPnl").asText());
            }
        }
        return Map.of();
    }

    private static void report(Map<String, Double> resume, Load load) throws IOException {
        StringBuilder text = new StringBuilder("SIGKILL under load (about 40 orders/s through the gateway), then a restart: time from\n"
                + "the restart until an order is answered again (the process start included).\n\n");
        resume.forEach((component, seconds) -> text.append(String.format("%-16s %5.1f s%n", component, seconds)));
        text.append(String.format("%norders accepted %d, refused or unanswered by the gateway %d%n", load.accepted.size(),
                load.failed.get()));
        Path file = Path.of("target", "kill-under-load.txt");
        Files.writeString(file, text);
        System.getLogger(KillUnderLoadIT.class.getName()).log(System.Logger.Level.INFO, text.toString());
    }

    @FunctionalInterface
    private interface Killer {
        void kill() throws Exception;
    }

    @FunctionalInterface
    private interface Starter {
        void start() throws Exception;
    }

    /** Alice buys and Bob sells one lot at 100, alternately, about 40 times a second; a 2xx answer accepts the order. */
    private static final class Load {
        final Map<String, String> accepted = new ConcurrentHashMap<>();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicBoolean running = new AtomicBoolean(true);
        private final Set<String> seen = new HashSet<>();

        void run() {
            int n = 0;
            while (running.get()) {
                String[] trader = TRADERS[n & 1];
                String clientOrderId = "load-" + n;
                try {
                    HttpResponse<String> response = post(trader[1], clientOrderId, (n & 1) == 0 ? "BUY" : "SELL", "100", false);
                    if (response.statusCode() / 100 == 2) {
                        String orderId = TradingStack.json(response.body()).path("orderId").asText();
                        if (seen.add(orderId)) {
                            accepted.put(clientOrderId, orderId);
                        }
                    } else {
                        failed.incrementAndGet();
                    }
                } catch (IOException e) {
                    failed.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                n++;
                try {
                    Thread.sleep(25);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
