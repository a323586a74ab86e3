package dev.tickflow.strategy.bot;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.tickflow.model.Recommendation;
import dev.tickflow.model.RecommendedAction;

/**
 * When the bot turns a recommendation into an order: only BUY or SELL at or above the minimum confidence, never past
 * the position cap either way, and at most one order per symbol per cooldown. What the order then does is up to risk
 * and the book, as for anyone.
 */
public final class BotPolicy {

    /** An order the bot wants to send. */
    public record Intent(String symbol, String side, long quantity) {
    }

    private final long quantity;
    private final long maxPosition;
    private final double minConfidence;
    private final Duration cooldown;

    public BotPolicy(long quantity, long maxPosition, double minConfidence, Duration cooldown) {
        this.quantity = quantity;
        this.maxPosition = maxPosition;
        this.minConfidence = minConfidence;
        this.cooldown = cooldown;
    }

    /** Whether the recommendation could lead to an order at all, before the position is known. */
    public boolean actionable(Recommendation recommendation, Instant lastOrder, Instant now) {
        return recommendation.getAction() != RecommendedAction.HOLD && recommendation.getConfidence() >= minConfidence
                && (lastOrder == null || !lastOrder.plus(cooldown).isAfter(now));
    }

    /**
     * @param position the bot's current position in the symbol (negative: short)
     * @param lastOrder when the bot last sent an order for the symbol, or null
     */
    public Optional<Intent> decide(Recommendation recommendation, long position, Instant lastOrder, Instant now) {
        if (!actionable(recommendation, lastOrder, now)) {
            return Optional.empty();
        }
        boolean buy = recommendation.getAction() == RecommendedAction.BUY;
        long room = buy ? maxPosition - position : maxPosition + position;
        long size = Math.min(quantity, room);
        if (size <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Intent(recommendation.getSymbol(), buy ? "BUY" : "SELL", size));
    }
}
