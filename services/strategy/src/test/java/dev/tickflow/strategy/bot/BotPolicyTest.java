package dev.tickflow.strategy.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.tickflow.model.Recommendation;
import dev.tickflow.model.RecommendedAction;
import org.junit.jupiter.api.Test;

/** When the bot trades: confident BUY/SELL only, inside its position cap, once per cooldown per symbol. */
class BotPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-20T15:00:00Z");
    private final BotPolicy policy = new BotPolicy(100, 250, 0.5, Duration.ofSeconds(60));

    private static Recommendation recommendation(RecommendedAction action, double confidence) {
        return new Recommendation("AAPL", action, confidence, 0.6, List.of(), 0L, 0L);
    }

    @Test
    void aConfidentBuyBecomesAnOrder() {
        assertThat(policy.decide(recommendation(RecommendedAction.BUY, 0.7), 0, null, NOW))
                .contains(new BotPolicy.Intent("AAPL", "BUY", 100));
        assertThat(policy.decide(recommendation(RecommendedAction.SELL, 0.5), 0, null, NOW))
                .contains(new BotPolicy.Intent("AAPL", "SELL", 100));
    }

    @Test
    void holdsAndWeakRecommendationsAreIgnored() {
        assertThat(policy.decide(recommendation(RecommendedAction.HOLD, 0.9), 0, null, NOW)).isEmpty();
        assertThat(policy.decide(recommendation(RecommendedAction.BUY, 0.49), 0, null, NOW)).isEmpty();
    }

    @Test
    void thePositionCapHoldsBothWays() {
        assertThat(policy.decide(recommendation(RecommendedAction.BUY, 0.9), 200, null, NOW))
                .as("only the room left under the cap").contains(new BotPolicy.Intent("AAPL", "BUY", 50));
        assertThat(policy.decide(recommendation(RecommendedAction.BUY, 0.9), 250, null, NOW)).isEmpty();
        assertThat(policy.decide(recommendation(RecommendedAction.SELL, 0.9), -250, null, NOW)).isEmpty();
        assertThat(policy.decide(recommendation(RecommendedAction.SELL, 0.9), 250, null, NOW))
                .as("selling out of a long position is always allowed").contains(new BotPolicy.Intent("AAPL", "SELL", 100));
    }

    @Test
    void oneOrderPerSymbolPerCooldown() {
        assertThat(policy.decide(recommendation(RecommendedAction.BUY, 0.9), 0, NOW.minusSeconds(30), NOW)).isEmpty();
        assertThat(policy.decide(recommendation(RecommendedAction.BUY, 0.9), 0, NOW.minusSeconds(60), NOW)).isPresent();
    }
}
