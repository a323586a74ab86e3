package dev.tickflow.strategy.bot;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.tickflow.model.Recommendation;
import dev.tickflow.model.topic.Channels;
import dev.tickflow.strategy.StrategyConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The bot account (off by default): recommendations become orders through the order gateway's public API with the
 * bot's own token, so risk checks them like anyone's. Before each order the bot reads its position from risk (the
 * source of truth for positions), so the cap holds whatever filled meanwhile. An administrator halts and resumes it; a
 * halted bot sends nothing.
 */
@ApplicationScoped
public class BotTrader {

    private static final Logger LOG = Logger.getLogger(BotTrader.class);

    private final StrategyConfig.Bot config;
    private final BotPolicy policy;
    private final WebClient client;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Long> positions = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastOrders = new ConcurrentHashMap<>();
    private final AtomicBoolean halted = new AtomicBoolean();

    BotTrader(StrategyConfig config, Vertx vertx, MeterRegistry meters) {
        this.config = config.bot();
        this.policy = new BotPolicy(this.config.quantity(), this.config.maxPosition(), this.config.minConfidence(), this.config.cooldown());
        this.client = WebClient.create(vertx);
        this.meters = meters;
    }

    /** A bot is active when enabled with a token and not halted. */
    public boolean active() {
        return config.enabled() && config.token().isPresent() && !halted.get();
    }

    public boolean halted() {
        return halted.get();
    }

    public void halt() {
        halted.set(true);
    }

    public void resume() {
        halted.set(false);
    }

    public Map<String, Long> positions() {
        return Map.copyOf(positions);
    }

    @Incoming(Channels.RECOMMENDATIONS)
    Uni<Void> recommendation(Recommendation recommendation) {
        if (recommendation == null || !active()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant();
        String symbol = recommendation.getSymbol();
        // most recommendations are HOLD or not confident enough: the position is read only when it matters
        if (!policy.actionable(recommendation, lastOrders.get(symbol), now)) {
            return Uni.createFrom().voidItem();
        }
        return position(symbol).flatMap(position -> {
            positions.put(symbol, position);
            return policy.decide(recommendation, position, lastOrders.get(symbol), now).map(intent -> {
                lastOrders.put(symbol, now);
                return send(intent);
            }).orElse(Uni.createFrom().voidItem());
        }).onFailure().recoverWithItem(failure -> {
            meters.counter("tickflow.strategy.bot.orders", "status", "no-position").increment();
            return null;
        });
    }

    /** The bot's position in the symbol, from risk. */
    private Uni<Long> position(String symbol) {
        return client.getAbs(config.riskUrl().replaceAll("/$", "") + "/accounts/" + config.account() + "/positions")
                .putHeader("Authorization", "Bearer " + config.token().orElseThrow())
                .send()
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("risk answered " + response.statusCode() + " for the bot's positions");
                    }
                    for (Object entry : response.bodyAsJsonArray()) {
                        JsonObject position = (JsonObject) entry;
                        if (symbol.equals(position.getString("symbol"))) {
                            return position.getLong("quantity", 0L);
                        }
                    }
                    return 0L;
                });
    }

    private Uni<Void> send(BotPolicy.Intent intent) {
        JsonObject order = new JsonObject().put("clientOrderId", "bot-" + UUID.randomUUID()).put("symbol", intent.symbol())
                .put("side", intent.side()).put("type", "MARKET").put("timeInForce", "IOC").put("quantity", intent.quantity());
        return client.postAbs(config.gatewayUrl().replaceAll("/$", "") + "/orders?wait=true")
                .putHeader("Authorization", "Bearer " + config.token().orElseThrow())
                .sendJsonObject(order)
                .map(response -> {
                    meters.counter("tickflow.strategy.bot.orders", "status", Integer.toString(response.statusCode())).increment();
                    if (response.statusCode() >= 300) {
                        LOG.warnf("bot order %s %d %s refused: %d %s", intent.side(), intent.quantity(), intent.symbol(),
                                response.statusCode(), response.bodyAsString());
                    }
                    return (Void) null;
                })
                .onFailure().recoverWithItem(failure -> {
                    meters.counter("tickflow.strategy.bot.orders", "status", "unreachable").increment();
                    return null;
                });
    }
}
