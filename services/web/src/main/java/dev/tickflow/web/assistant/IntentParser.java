package dev.tickflow.web.assistant;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small grammar for the console, read case-insensitively:
 * <pre>
 *   price AAPL | quote AAPL | AAPL?
 *   buy 100 AAPL at 190 [day|ioc|gtc] | sell 50 MSFT | buy 1,000 shares of AAPL @ 189.5
 *   cancel &lt;order id&gt; | cancel last
 *   positions | pnl | orders | movers
 *   why was my last order rejected
 *   what is VWAP | define spread | explain VWAP in french | qu'est-ce que le VWAP
 *   help
 * </pre>
 * Anything else is {@link Intent.Unknown}, with the closest command when one is near.
 */
public final class IntentParser {

    private static final String SYMBOL = "([A-Za-z][A-Za-z0-9.]{0,11})";
    private static final Pattern ORDER = Pattern.compile("(buy|sell)\\s+([0-9][0-9,_]*)\\s+(?:shares?\\s+(?:of\\s+)?)?" + SYMBOL
            + "(?:\\s+(?:at|@)\\s*\\$?([0-9]+(?:\\.[0-9]+)?))?(?:\\s+(day|ioc|gtc))?");
    private static final Pattern PRICE = Pattern.compile("(?:price|quote|last)(?:\\s+(?:of|for))?\\s+" + SYMBOL + "\\s*\\??"
            + "|(?:what(?:'s| is) the price of)\\s+" + SYMBOL + "\\s*\\??|" + SYMBOL + "\\s*\\?");
    private static final Pattern CANCEL = Pattern.compile("cancel(?:\\s+order)?\\s+(\\S+)");
    private static final Pattern DEFINE = Pattern.compile("(?:what(?:'s| is| are)(?: an?| the)?|define|explain|meaning of)\\s+(.+?)"
            + "(?:\\s+in\\s+(french|english|fran[cç]ais|anglais))?");
    private static final Pattern DEFINE_FRENCH = Pattern.compile("qu'est[- ]ce (?:que|qu')\\s*(?:le |la |l'|les )?(.+)");
    private static final List<String> VERBS = List.of("price", "quote", "buy", "sell", "cancel", "positions", "pnl", "orders",
            "movers", "why", "what", "define", "explain", "help");

    private IntentParser() {
    }

    public static Intent parse(String line) {
        String text = line == null ? "" : line.strip().replaceAll("\\s+", " ");
        String lower = text.toLowerCase(Locale.ROOT).replaceAll("[.!]+$", "");
        if (lower.isEmpty() || lower.equals("help") || lower.equals("?") || lower.equals("commands")) {
            return new Intent.Help();
        }
        Matcher order = ORDER.matcher(lower);
        if (order.matches()) {
            long quantity = Long.parseLong(order.group(2).replace(",", "").replace("_", ""));
            BigDecimal price = order.group(4) == null ? null : new BigDecimal(order.group(4));
            String timeInForce = order.group(5) == null ? null : order.group(5).toUpperCase(Locale.ROOT);
            return new Intent.Order(order.group(1).toUpperCase(Locale.ROOT), quantity, symbol(order.group(3)), price, timeInForce);
        }
        Matcher cancel = CANCEL.matcher(lower);
        if (cancel.matches()) {
            String target = cancel.group(1);
            if (target.equals("last") || target.equals("latest")) {
                return new Intent.Cancel(null);
            }
            // order ids are case-sensitive: take the id as typed
            return new Intent.Cancel(text.substring(text.length() - target.length()));
        }
        if (lower.contains("why") && lower.contains("reject")) {
            return new Intent.WhyRejected();
        }
        String stripped = lower.replaceAll("\\?$", "").replaceAll("^(show |list |my |show my )+", "");
        switch (stripped) {
            case "positions", "position", "pnl", "p&l", "p/l", "portfolio" -> {
                return new Intent.Positions();
            }
            case "orders", "open orders", "blotter" -> {
                return new Intent.OpenOrders();
            }
            case "movers", "top movers", "gainers", "losers", "gainers and losers" -> {
                return new Intent.Movers();
            }
            default -> {
            }
        }
        Matcher price = PRICE.matcher(lower);
        if (price.matches()) {
            for (int group = 1; group <= price.groupCount(); group++) {
                if (price.group(group) != null) {
                    return new Intent.Price(symbol(price.group(group)));
                }
            }
        }
        Matcher french = DEFINE_FRENCH.matcher(stripped);
        if (french.matches()) {
            return new Intent.Define(term(french.group(1)), "fr");
        }
        Matcher define = DEFINE.matcher(stripped);
        if (define.matches()) {
            String language = define.group(2) == null || define.group(2).startsWith("eng") || define.group(2).startsWith("ang")
                    ? "en" : "fr";
            return new Intent.Define(term(define.group(1)), language);
        }
        return new Intent.Unknown(text, suggestion(lower));
    }

    private static String symbol(String raw) {
        return raw.toUpperCase(Locale.ROOT);
    }

    private static String term(String raw) {
        return raw.replaceAll("^(an? |the |le |la |l')", "").strip();
    }

    /** The verb the first word was probably meant to be (one typo away in a short word, two in a longer one), as an example line. */
    private static String suggestion(String lower) {
        String first = lower.split(" ", 2)[0];
        String best = null;
        int bestDistance = first.length() <= 4 ? 2 : 3;
        for (String verb : VERBS) {
            int distance = distance(first, verb);
            if (distance < bestDistance) {
                best = verb;
                bestDistance = distance;
            }
        }
        if (best == null || bestDistance == 0) {
            return null;
        }
        return switch (best) {
            case "buy" -> "buy 100 AAPL at 190";
            case "sell" -> "sell 100 AAPL at 191";
            case "price", "quote" -> "price AAPL";
            case "cancel" -> "cancel last";
            case "why" -> "why was my last order rejected";
            case "what", "define", "explain" -> "what is VWAP";
            default -> best;
        };
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
