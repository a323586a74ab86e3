package dev.tickflow.web.market;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickflow.web.push.Outbox;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * /ws/market: public market data. A client sends {@code {"action":"subscribe","symbols":["AAPL"],"streams":["ticks",
 * "bars","book","movers"]}} (or "unsubscribe") and receives {@code {"type":"tick|bar|book|movers","symbol":...,
 * "data":{...}}} for what it follows; a slow client receives the latest per symbol and stream instead of a backlog.
 */
@WebSocket(path = "/ws/market")
public class MarketSocket {

    /** Keys conflate, so this is only reached by a client following thousands of (symbol, stream) pairs. */
    private static final int OUTBOX_CAPACITY = 10_000;

    private final MarketHub hub;
    private final Books books;
    private final ObjectMapper json;

    MarketSocket(MarketHub hub, Books books, ObjectMapper json) {
        this.hub = hub;
        this.books = books;
        this.json = json;
    }

    /** A client's request. */
    @RegisterForReflection
    public record Request(String action, List<String> symbols, List<String> streams) {
    }

    /** The answer to a request. */
    @RegisterForReflection
    public record Answer(String type, List<String> symbols, List<String> streams, String message) {
    }

    @OnOpen
    void open(WebSocketConnection connection) {
        hub.connect(connection.id(), new Outbox(connection::sendText, OUTBOX_CAPACITY));
    }

    @OnClose
    void close(WebSocketConnection connection) {
        hub.disconnect(connection.id());
    }

    @OnTextMessage
    String request(String text, WebSocketConnection connection) throws JsonProcessingException {
        MarketHub.Subscriber subscriber = hub.subscriber(connection.id());
        Request request;
        try {
            request = json.readValue(text, Request.class);
        } catch (JsonProcessingException e) {
            return answer("error", null, null, "not a request: " + e.getOriginalMessage());
        }
        String action = request.action() == null ? "" : request.action().toLowerCase(Locale.ROOT);
        List<String> symbols = request.symbols() == null ? List.of()
                : request.symbols().stream().map(symbol -> symbol.trim().toUpperCase(Locale.ROOT)).toList();
        List<String> streams = request.streams() == null ? List.copyOf(MarketHub.STREAMS) : request.streams();
        if (!MarketHub.STREAMS.containsAll(streams)) {
            return answer("error", null, null, "streams are ticks, bars, book, movers and signals");
        }
        switch (action) {
            case "subscribe" -> {
                subscriber.symbols().addAll(symbols);
                subscriber.streams().addAll(streams);
                if (subscriber.streams().contains("book")) {
                    // a book is a state, not a stream of news: a new follower gets it whole at once
                    for (String symbol : subscriber.symbols()) {
                        String whole = books.current(symbol, (changed, view) -> hub.publish("book", changed, view));
                        if (whole != null) {
                            subscriber.outbox().offer("book|" + symbol, whole);
                        }
                    }
                }
            }
            case "unsubscribe" -> {
                subscriber.symbols().removeAll(symbols);
                if (request.streams() != null) {
                    subscriber.streams().removeAll(streams);
                }
            }
            default -> {
                return answer("error", null, null, "action must be subscribe or unsubscribe");
            }
        }
        return answer("subscriptions", List.copyOf(subscriber.symbols()), List.copyOf(subscriber.streams()), null);
    }

    private String answer(String type, List<String> symbols, List<String> streams, String message) throws JsonProcessingException {
        return json.writeValueAsString(new Answer(type, symbols, streams, message));
    }
}
