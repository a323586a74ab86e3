package dev.tickflow.web.assistant;

import java.math.BigDecimal;

/** What a line typed into the assistant console asks for. */
public sealed interface Intent {

    record Help() implements Intent {
    }

    record Price(String symbol) implements Intent {
    }

    /** A new order; {@code limitPrice} null means a market order. */
    record Order(String side, long quantity, String symbol, BigDecimal limitPrice, String timeInForce) implements Intent {
    }

    /** {@code orderId} null means the account's newest open order. */
    record Cancel(String orderId) implements Intent {
    }

    record Positions() implements Intent {
    }

    record OpenOrders() implements Intent {
    }

    record Movers() implements Intent {
    }

    record WhyRejected() implements Intent {
    }

    record Define(String term, String language) implements Intent {
    }

    /** Not understood; {@code suggestion} is the command the words were probably meant to be, or null. */
    record Unknown(String text, String suggestion) implements Intent {
    }
}
