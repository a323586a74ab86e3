package dev.tickflow.web.account;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What the account's screen sends: {@code new} (the ticket's fields), {@code cancel} ({@code orderId}), {@code refresh}
 * (orders and P&L again) or {@code say} (a line for the assistant, in {@code text}). {@code requestId} comes back on the
 * answer.
 */
@RegisterForReflection
public record AccountCommand(String action, String requestId, String clientOrderId, String symbol, String side, String type,
        String timeInForce, Long quantity, String limitPrice, String orderId, String text) {
}
