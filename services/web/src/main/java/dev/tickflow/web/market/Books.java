package dev.tickflow.web.market;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickflow.model.BookLevel;
import dev.tickflow.model.BookUpdate;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.web.backend.Backend;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The L2 books of the symbols browsers watch, kept whole in this instance. md.book carries changed levels only, and a
 * conflating outbox may drop any message but the newest, so browsers are sent the whole top of the book each time,
 * never a delta. A book this instance has not seen from its start (the engine sends a snapshot only after it starts)
 * is read once from the matching engine; the deltas that arrive meanwhile are applied on top, in order. A delta holds
 * a level's new absolute quantity, so applying one the snapshot already reflects changes nothing. A read that keeps
 * failing forgets the book, so the next change or the next follower reads it again.
 */
@ApplicationScoped
public class Books {

    static final int DEPTH = 10;
    private static final Duration RETRY_FIRST = Duration.ofMillis(200);
    private static final Duration RETRY_MAX = Duration.ofSeconds(5);
    private static final int RETRIES = 8;

    /** One symbol's book: price (fixed point) to {quantity, orders}. */
    static final class Book {
        final NavigableMap<Long, long[]> bids = new TreeMap<>(Collections.reverseOrder());
        final NavigableMap<Long, long[]> asks = new TreeMap<>();
        long sequence;
        /** Deltas that arrived while the snapshot was being read; null once the book is whole. */
        List<BookUpdate> pending = new ArrayList<>();
    }

    private final Map<String, Book> books = new ConcurrentHashMap<>();
    /** Reads a symbol's book from the matching engine. */
    private final Function<String, Uni<Backend.Answer>> snapshots;
    private final ObjectMapper json;

    @Inject
    Books(Backend backend, ObjectMapper json) {
        this(symbol -> backend.matching("/books/" + Backend.encode(symbol) + "?depth=" + DEPTH), json);
    }

    Books(Function<String, Uni<Backend.Answer>> snapshots, ObjectMapper json) {
        this.snapshots = snapshots;
        this.json = json;
    }

    /**
     * Applies a change from md.book; {@code changed} receives the symbol and its whole top (encoded only if asked for)
     * when the book is known.
     */
    void apply(BookUpdate update, BiConsumer<String, Supplier<String>> changed) {
        String symbol = update.getSymbol();
        if (update.getSnapshot()) {
            Book book = new Book();
            book.pending = null;
            apply(book, update);
            books.put(symbol, book);
            changed.accept(symbol, () -> view(symbol, book));
            return;
        }
        Book book = books.get(symbol);
        if (book == null) {
            load(symbol, changed);
            book = books.get(symbol);
            if (book == null) {
                return;
            }
        }
        synchronized (book) {
            if (book.pending != null) {
                book.pending.add(update);
                return;
            }
            apply(book, update);
        }
        Book known = book;
        changed.accept(symbol, () -> view(symbol, known));
    }

    /** The symbol's whole top as the browser's message, or null while it is being read. */
    String current(String symbol, BiConsumer<String, Supplier<String>> changed) {
        Book book = books.get(symbol);
        if (book == null) {
            load(symbol, changed);
            return null;
        }
        synchronized (book) {
            return book.pending == null ? view(symbol, book) : null;
        }
    }

    private void load(String symbol, BiConsumer<String, Supplier<String>> changed) {
        Book fresh = new Book();
        if (books.putIfAbsent(symbol, fresh) != null) {
            return;
        }
        // the engine answers 503 while its state moves between instances (at start, in a rebalance): try a few times
        Uni.createFrom().deferred(() -> snapshots.apply(symbol)).map(answer -> {
            if (!answer.ok()) {
                throw new IllegalStateException("the matching engine answered " + answer.status() + " for the book of " + symbol);
            }
            return answer;
        }).onFailure().retry().withBackOff(RETRY_FIRST, RETRY_MAX).atMost(RETRIES).subscribe().with(
                answer -> loaded(symbol, fresh, answer.body(), changed),
                failure -> books.remove(symbol, fresh));
    }

    private void loaded(String symbol, Book book, String body, BiConsumer<String, Supplier<String>> changed) {
        JsonNode snapshot;
        try {
            snapshot = json.readTree(body);
        } catch (JsonProcessingException e) {
            books.remove(symbol, book);
            return;
        }
        synchronized (book) {
            for (JsonNode level : snapshot.path("bids")) {
                book.bids.put(FixedPoint.parse(level.path("price").asText()), new long[] {level.path("quantity").asLong(),
                        level.path("orders").asLong()});
            }
            for (JsonNode level : snapshot.path("asks")) {
                book.asks.put(FixedPoint.parse(level.path("price").asText()), new long[] {level.path("quantity").asLong(),
                        level.path("orders").asLong()});
            }
            for (BookUpdate update : book.pending) {
                apply(book, update);
            }
            book.pending = null;
        }
        changed.accept(symbol, () -> view(symbol, book));
    }

    private static void apply(Book book, BookUpdate update) {
        side(book.bids, update.getBids());
        side(book.asks, update.getAsks());
        book.sequence = Math.max(book.sequence, update.getSequence());
    }

    private static void side(NavigableMap<Long, long[]> side, List<BookLevel> levels) {
        for (BookLevel level : levels) {
            if (level.getQuantity() == 0) {
                side.remove(level.getPrice());
            } else {
                side.put(level.getPrice(), new long[] {level.getQuantity(), level.getOrderCount()});
            }
        }
        // levels pushed out of the published top are never reported again: keep what the engine publishes
        while (side.size() > DEPTH * 2) {
            side.pollLastEntry();
        }
    }

    private String view(String symbol, Book book) {
        ObjectNode message = json.createObjectNode().put("type", "book").put("symbol", symbol);
        ObjectNode data = message.putObject("data").put("symbol", symbol);
        synchronized (book) {
            data.put("sequence", book.sequence);
            levels(data.putArray("bids"), book.bids);
            levels(data.putArray("asks"), book.asks);
        }
        return message.toString();
    }

    private static void levels(ArrayNode array, NavigableMap<Long, long[]> side) {
        int count = 0;
        for (Map.Entry<Long, long[]> level : side.entrySet()) {
            if (count++ == DEPTH) {
                break;
            }
            array.addObject().put("price", FixedPoint.toBigDecimal(level.getKey())).put("quantity", level.getValue()[0])
                    .put("orders", level.getValue()[1]);
        }
    }
}
