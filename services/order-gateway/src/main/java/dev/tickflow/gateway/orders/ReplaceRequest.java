package dev.tickflow.gateway.orders;

import java.math.BigDecimal;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * New price and/or total quantity for a working order.
 *
 * @param quantity the new total quantity (filled quantity included)
 */
@RegisterForReflection
public record ReplaceRequest(Long quantity, BigDecimal limitPrice) {
}
