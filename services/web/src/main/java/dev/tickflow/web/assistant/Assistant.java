package dev.tickflow.web.assistant;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.LookupReply;
import dev.tickflow.model.LookupStatus;
import dev.tickflow.model.MoverEntry;
import dev.tickflow.model.Tick;
import dev.tickflow.web.account.Messages;
import dev.tickflow.web.account.TradingDesk;
import dev.tickflow.web.backend.Backend;
import dev.tickflow.web.market.LastMarket;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Answers the console's lines. Trading goes through {@link TradingDesk} with the account's own token, so the console
 * can do exactly what the order API lets the account do; market questions are answered from what this instance has
 * seen, then from market-stats; terms from reference-data's glossary.
 */
@ApplicationScoped
public class Assistant {

    static final String HELP = String.join("\n",
            "I understand:",
            "  price AAPL                      last trade and session change",
            "  buy 100 AAPL at 190 [ioc|gtc]   a limit order (no price: a market order)",
            "  sell 50 MSFT at 410",
            "  cancel <order id> | cancel last",
            "  positions                       positions and P&L",
            "  orders                          your open orders",
            "  movers                          top gainers and losers",
            "  why was my last order rejected",
            "  what is VWAP | explain spread in french");
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(3);

    private final TradingDesk desk;
    private final Backend backend;
    private final LastMarket market;
    private final Messages messages;
    private final Lookups lookups;

    Assistant(TradingDesk desk, Backend backend, LastMarket market, Messages messages, Lookups lookups) {
        this.desk = desk;
        this.backend = backend;
        this.market = market;
        this.messages = messages;
        this.lookups = lookups;
    }

    /** The reply to one line, as text. */
    public Uni<String> answer(String account, String token, String line) {
        Intent intent = IntentParser.parse(line);
        return switch (intent) {
            case Intent.Help help -> Uni.createFrom().item(HELP);
            case Intent.Price price -> price(price.symbol());
            case Intent.Order order -> order(token, order);
            case Intent.Cancel cancel -> cancel(token, cancel);
            case Intent.Positions positions -> positions(account, token);
            case Intent.OpenOrders open -> openOrders(token);
            case Intent.Movers movers -> Uni.createFrom().item(movers());
            case Intent.WhyRejected why -> whyRejected(token);
            case Intent.Define define -> define(define);
            case Intent.Unknown unknown -> Uni.createFrom().item("I did not understand \"" + unknown.text() + "\"."
                    + (unknown.suggestion() == null ? "" : " Did you mean \"" + unknown.suggestion() + "\"?") + "\n" + HELP);
        };
    }

    private Uni<String> price(String symbol) {
        Tick tick = market.lastTick(symbol).orElse(null);
        return backend.stats("/symbols/" + Backend.encode(symbol) + "/quote").map(answer -> {
            if (answer.ok()) {
                JsonNode quote = messages.parse(answer.body());
                JsonNode session = quote.path("session");
                String last = tick != null ? FixedPoint.format(tick.getPrice()) : quote.path("lastTrade").path("price").asText();
                return symbol + " " + last + " (" + signed(session.path("changePercent").asText("0")) + "% today, high "
                        + session.path("high").asText() + ", low " + session.path("low").asText() + ", volume "
                        + session.path("volume").asLong() + ")";
            }
            if (tick != null) {
                return symbol + " last traded at " + FixedPoint.format(tick.getPrice());
            }
            return answer.status() == 404 ? "No trade of " + symbol + " yet. Is the symbol right? Try \"what is " + symbol + "\"."
                    : "Prices are unavailable just now (market-stats answered " + answer.status() + ").";
        });
    }

    private Uni<String> order(String token, Intent.Order order) {
        TradingDesk.Ticket ticket = new TradingDesk.Ticket("console-" + UUID.randomUUID(), order.symbol(), order.side(),
                order.limitPrice() == null ? "MARKET" : "LIMIT", order.limitPrice() == null ? "IOC" : order.timeInForce(),
                order.quantity(), order.limitPrice() == null ? null : order.limitPrice().toPlainString());
        return desk.place(token, ticket).map(answer -> {
            JsonNode body = messages.parse(answer.body());
            if (!answer.ok()) {
                return "Not sent: " + problem(body);
            }
            String what = order.side().toLowerCase(Locale.ROOT) + " " + order.quantity() + " " + order.symbol()
                    + (order.limitPrice() == null ? " at market" : " at " + order.limitPrice().toPlainString());
            return "Order " + body.path("orderId").asText() + " (" + what + "): " + status(body);
        });
    }

    private Uni<String> cancel(String token, Intent.Cancel cancel) {
        Uni<String> orderId = cancel.orderId() != null ? Uni.createFrom().item(cancel.orderId())
                : desk.orders(token, "open").map(answer -> {
                    JsonNode orders = messages.parse(answer.body());
                    return answer.ok() && orders.size() > 0 ? orders.get(0).path("orderId").asText() : null;
                });
        return orderId.flatMap(id -> id == null ? Uni.createFrom().item("You have no open order to cancel.")
                : desk.cancel(token, id).map(answer -> {
                    JsonNode body = messages.parse(answer.body());
                    return answer.ok() ? "Order " + id + ": " + status(body) : "Cannot cancel " + id + ": " + problem(body);
                }));
    }

    private Uni<String> positions(String account, String token) {
        return desk.pnl(account, token).map(answer -> {
            JsonNode pnl = messages.parse(answer.body());
            if (!answer.ok()) {
                return "Positions are unavailable just now: " + problem(pnl);
            }
            List<String> lines = new ArrayList<>();
            for (JsonNode position : pnl.path("positions")) {
                if (position.path("quantity").asLong() != 0 || !"0".equals(position.path("realizedPnl").asText("0"))) {
                    lines.add(String.format(Locale.ROOT, "  %-6s %8d @ %s  last %s  unrealized %s  realized %s",
                            position.path("symbol").asText(), position.path("quantity").asLong(), position.path("averageCost").asText(),
                            position.path("lastPrice").asText(), signed(position.path("unrealizedPnl").asText()),
                            signed(position.path("realizedPnl").asText())));
                }
            }
            String total = "P&L " + signed(pnl.path("totalPnl").asText("0")) + " (realized " + signed(pnl.path("realizedPnl").asText("0"))
                    + ", unrealized " + signed(pnl.path("unrealizedPnl").asText("0")) + ")";
            return lines.isEmpty() ? "No positions. " + total : "Positions:\n" + String.join("\n", lines) + "\n" + total;
        });
    }

    private Uni<String> openOrders(String token) {
        return desk.orders(token, "open").map(answer -> {
            JsonNode orders = messages.parse(answer.body());
            if (!answer.ok()) {
                return "Orders are unavailable just now: " + problem(orders);
            }
            if (orders.isEmpty()) {
                return "You have no open orders.";
            }
            List<String> lines = new ArrayList<>();
            for (JsonNode order : orders) {
                lines.add("  " + order.path("orderId").asText() + "  " + order.path("side").asText() + " " + order.path("quantity").asLong()
                        + " " + order.path("symbol").asText() + " @ " + order.path("limitPrice").asText("MKT") + "  "
                        + order.path("status").asText() + ", filled " + order.path("filledQuantity").asLong());
            }
            return "Open orders:\n" + String.join("\n", lines);
        });
    }

    private String movers() {
        return market.movers().map(movers -> "Gainers: " + entries(movers.getGainers()) + "\nLosers: " + entries(movers.getLosers()))
                .orElse("No movers yet: they appear once symbols have traded this session.");
    }

    private Uni<String> whyRejected(String token) {
        return desk.orders(token, "REJECTED").map(answer -> {
            JsonNode orders = messages.parse(answer.body());
            if (!answer.ok()) {
                return "Orders are unavailable just now: " + problem(orders);
            }
            if (orders.isEmpty()) {
                return "None of your orders was rejected.";
            }
            JsonNode last = orders.get(0);
            return "Order " + last.path("orderId").asText() + " (" + last.path("side").asText() + " " + last.path("quantity").asLong() + " "
                    + last.path("symbol").asText() + ") was rejected: " + last.path("rejectReason").asText() + " — "
                    + last.path("rejectMessage").asText("no detail");
        });
    }

    private Uni<String> define(Intent.Define define) {
        return lookups.define(define.term(), define.language(), LOOKUP_TIMEOUT).map(reply -> explain(define.term(), reply))
                .onFailure().recoverWithItem(failure -> "The glossary did not answer in time; try again.");
    }

    private static String explain(String term, LookupReply reply) {
        if (reply.getStatus() == LookupStatus.OK && reply.getDefinition() != null) {
            return term.toUpperCase(Locale.ROOT).equals(term) ? term + ": " + reply.getDefinition()
                    : capitalize(term) + ": " + reply.getDefinition();
        }
        return "I have no definition of \"" + term + "\"" + (reply.getMessage() == null ? "." : ": " + reply.getMessage());
    }

    private static String status(JsonNode order) {
        String status = order.path("status").asText();
        return switch (status) {
            case "REJECTED" -> "REJECTED — " + order.path("rejectReason").asText() + ": " + order.path("rejectMessage").asText();
            case "FILLED", "PARTIALLY_FILLED" -> status + " " + order.path("filledQuantity").asLong() + " at "
                    + order.path("averagePrice").asText();
            default -> status;
        };
    }

    private static String problem(JsonNode problem) {
        StringBuilder text = new StringBuilder(problem.path("detail").asText(problem.path("title").asText("refused")));
        for (JsonNode error : problem.path("errors")) {
            text.append("; ").append(error.path("field").asText()).append(": ").append(error.path("message").asText());
        }
        return text.toString();
    }

    private static String entries(List<MoverEntry> entries) {
        if (entries.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        for (MoverEntry entry : entries) {
            parts.add(entry.getSymbol() + " " + FixedPoint.format(entry.getLast()) + " (" + signed(percent(entry.getChangePpm())) + "%)");
        }
        return String.join(", ", parts);
    }

    private static String percent(long changePpm) {
        return new BigDecimal(changePpm).movePointLeft(4).setScale(2, RoundingMode.DOWN).toPlainString();
    }

    private static String signed(String number) {
        return number.startsWith("-") || number.startsWith("+") || number.matches("0(\\.0*)?") ? number : "+" + number;
    }

    private static String capitalize(String term) {
        return term.isEmpty() ? term : Character.toUpperCase(term.charAt(0)) + term.substring(1);
    }
}
