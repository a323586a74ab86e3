package dev.tickflow.gateway.orders;

import java.math.BigDecimal;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A new order as a client sends it. Prices are decimals (JSON numbers or strings), read exactly.
 *
 * @param account optional; when given it must be the authenticated account
 * @param type LIMIT or MARKET
 * @param timeInForce DAY (default), IOC or GTC; a market order is always IOC
 */
@RegisterForReflection
public record OrderRequest(String clientOrderId, String account, String symbol, String side, String type, String timeInForce,
        Long quantity, BigDecimal limitPrice) {
}
