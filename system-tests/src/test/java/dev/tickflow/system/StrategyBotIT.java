package dev.tickflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickflow.model.Bar;
import dev.tickflow.model.EventTime;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.RecommendedAction;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.testsupport.EmbeddedKafka;
import dev.tickflow.testsupport.ServiceProcess;
import dev.tickflow.testsupport.TopicClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The strategy's bot (bob's account here) trading its recommendations through the real gateway, risk and matching
 * engine: nothing while halted, then market buys against alice's offer until the position cap, and no further.
 */
class StrategyBotIT {

    private static final String SYMBOL = "BOTX";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static TopicClient topics;
    private static ServiceProcess[] services;
    private static ServiceProcess gateway;
    private static ServiceProcess risk;
    private static ServiceProcess strategy;

    @BeforeAll
    static void start() throws Exception {
        String bootstrap = EmbeddedKafka.get().bootstrapServers();
        topics = new TopicClient(bootstrap);
        TradingStack.lastTrade(topics, SYMBOL, "100");
        Path work = TradingStack.freshDirectory("strategy-bot");
        risk = TradingStack.start("risk", work, bootstrap, Map.of());
        ServiceProcess matching = TradingStack.start("matching-engine", work, bootstrap, Map.of());
        gateway = TradingStack.start("order-gateway", work, bootstrap, Map.of());
        strategy = TradingStack.start("strategy", work, bootstrap, Map.of("tickflow.strategy.bot.enabled", "true",
                "tickflow.strategy.bot.account", "bob", "tickflow.strategy.bot.token", "bob-demo-token",
                "tickflow.strategy.bot.gateway-url", gateway.url("").toString(), "tickflow.strategy.bot.risk-url",
                risk.url("").toString(), "tickflow.strategy.bot.quantity", "10", "tickflow.strategy.bot.max-position", "20",
                "tickflow.strategy.bot.cooldown", "1s"));
        services = new ServiceProcess[] {strategy, gateway, matching, risk};
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
    void theBotTradesItsRecommendationsWithinItsCapAndStopsWhenHalted() throws Exception {
        TradingStack.Reply offer = TradingStack.send(gateway, "POST", "/orders?wait=true", "alice-demo-token", Map.of("clientOrderId",
                "bot-liquidity", "symbol", SYMBOL, "side", "SELL", "type", "LIMIT", "timeInForce", "GTC", "quantity", 100,
                "limitPrice", "100.00"));
        assertThat(offer.status()).as("%s", offer.body()).isIn(201, 202);
        assertThat(TradingStack.send(strategy, "POST", "/bot/halt", "alice-demo-token", null).status()).isEqualTo(403);
        assertThat(TradingStack.send(strategy, "POST", "/bot/halt", "ops-demo-token", null).body().path("active").asBoolean())
                .isFalse();

        // a steady rise: from the 20th bar on, both trend rules vote up (BUY, confidence 0.5)
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1));
        for (int minute = 0; minute < 23; minute++) {
            bar(start, minute);
        }
        topics.await(Topics.RECOMMENDATIONS, record -> SYMBOL.equals(record.key())
                && record.value().getAction() == RecommendedAction.BUY && record.value().getConfidence() >= 0.5, 3, WAIT);
        Thread.sleep(2_000);
        assertThat(botOrders()).as("halted: no order").isZero();

        TradingStack.send(strategy, "POST", "/bot/resume", "ops-demo-token", null);
        for (int minute = 23; minute < 28; minute++) {
            bar(start, minute);
            Thread.sleep(2_500);
        }
        await().atMost(WAIT).until(() -> position() == 20);
        Thread.sleep(3_000);
        assertThat(position()).as("never past the cap").isEqualTo(20);
        assertThat(botOrders()).isEqualTo(2);
    }

    private static void bar(Instant start, int minute) {
        Instant at = start.plus(Duration.ofMinutes(minute));
        long price = FixedPoint.parse(String.format(Locale.ROOT, "%.2f", 100 + minute * 0.1));
        topics.send(Topics.MD_BARS_1M, SYMBOL, Bar.newBuilder().setSymbol(SYMBOL).setIntervalSeconds(60)
                .setWindowStartMicros(EventTime.toMicros(at)).setWindowEndMicros(EventTime.toMicros(at.plusSeconds(60)))
                .setOpen(price).setHigh(price).setLow(price).setClose(price).setVolume(100).setTurnover(FixedPoint.notional(price, 100))
                .setVwap(price).setTradeCount(1).setFirstEventTimeMicros(EventTime.toMicros(at))
                .setLastEventTimeMicros(EventTime.toMicros(at)).setClosed(true).setEnriched(false).setCurrency(null).setSector(null)
                .build());
    }

    private static long botOrders() throws Exception {
        JsonNode orders = TradingStack.send(gateway, "GET", "/orders?symbol=" + SYMBOL, "bob-demo-token", null).body();
        long count = 0;
        for (JsonNode order : orders) {
            count += order.path("clientOrderId").asText().startsWith("bot-") ? 1 : 0;
        }
        return count;
    }

    private static long position() throws Exception {
        for (JsonNode position : TradingStack.send(risk, "GET", "/accounts/bob/positions", "bob-demo-token", null).body()) {
            if (SYMBOL.equals(position.path("symbol").asText())) {
                return position.path("quantity").asLong();
            }
        }
        return 0;
    }
}
