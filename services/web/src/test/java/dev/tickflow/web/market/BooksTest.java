package dev.tickflow.web.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickflow.model.BookLevel;
import dev.tickflow.model.BookUpdate;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.web.backend.Backend;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

/** Browsers get whole books built from md.book's changed levels, so dropping all but the newest message loses nothing. */
class BooksTest {

    private final ObjectMapper json = new ObjectMapper();
    private final List<String> published = new ArrayList<>();
    private final List<String> snapshotRequests = new CopyOnWriteArrayList<>();
    private CompletableFuture<Backend.Answer> snapshot = new CompletableFuture<>();
    private final Books books = new Books(symbol -> {
        snapshotRequests.add(symbol);
        return Uni.createFrom().completionStage(snapshot);
    }, json);

    private static BookLevel level(String price, long quantity) {
        return new BookLevel(FixedPoint.parse(price), quantity, quantity == 0 ? 0 : 1);
    }

    private static BookUpdate update(long sequence, boolean whole, List<BookLevel> bids, List<BookLevel> asks) {
        return BookUpdate.newBuilder().setSymbol("AAPL").setSequence(sequence).setSnapshot(whole).setBids(bids).setAsks(asks)
                .setEventTimeMicros(sequence).build();
    }

    private JsonNode last() throws Exception {
        return json.readTree(published.get(published.size() - 1)).path("data");
    }

    @Test
    void deltasAppliedToASnapshotGiveTheWholeTop() throws Exception {
        books.apply(update(1, true, List.of(level("190.00", 100), level("189.99", 50)), List.of(level("190.05", 70))),
                (symbol, whole) -> published.add(whole.get()));
        books.apply(update(2, false, List.of(level("190.00", 0), level("190.01", 30)), List.of()),
                (symbol, whole) -> published.add(whole.get()));

        JsonNode book = last();
        assertThat(book.path("sequence").asLong()).isEqualTo(2);
        assertThat(book.path("bids")).hasSize(2);
        assertThat(book.path("bids").get(0).path("price").decimalValue()).isEqualByComparingTo("190.01");
        assertThat(book.path("bids").get(1).path("price").decimalValue()).isEqualByComparingTo("189.99");
        assertThat(book.path("asks").get(0).path("quantity").asLong()).isEqualTo(70);
        assertThat(snapshotRequests).as("a book seen whole from its snapshot is never read again").isEmpty();
    }

    @Test
    void anUnknownBookIsReadOnceAndTheDeltasMeanwhileAreAppliedOnTop() throws Exception {
        books.apply(update(7, false, List.of(level("100.00", 5)), List.of()), (symbol, whole) -> published.add(whole.get()));
        books.apply(update(8, false, List.of(), List.of(level("100.10", 0))), (symbol, whole) -> published.add(whole.get()));
        assertThat(snapshotRequests).containsExactly("AAPL");
        assertThat(published).as("nothing is shown until the book is whole").isEmpty();
        assertThat(books.current("AAPL", (symbol, whole) -> published.add(whole.get()))).isNull();

        // the engine's book already holds the first change (100.00 x 5); the ask at 100.10 left after it was read
        snapshot.complete(new Backend.Answer(200, """
                {"symbol":"AAPL","bids":[{"price":"100.00","quantity":5,"orders":1},{"price":"99.90","quantity":20,"orders":2}],
                 "asks":[{"price":"100.10","quantity":40,"orders":1},{"price":"100.20","quantity":60,"orders":3}]}"""));

        JsonNode book = last();
        assertThat(book.path("bids")).hasSize(2);
        assertThat(book.path("bids").get(0).path("quantity").asLong()).isEqualTo(5);
        assertThat(book.path("asks")).hasSize(1);
        assertThat(book.path("asks").get(0).path("price").decimalValue()).isEqualByComparingTo("100.20");
        assertThat(books.current("AAPL", (symbol, whole) -> published.add(whole.get()))).contains("\"sequence\":8");
        assertThat(snapshotRequests).hasSize(1);
    }

    @Test
    void aRefusedReadIsTriedAgain() throws Exception {
        books.apply(update(1, false, List.of(level("50.00", 1)), List.of()), (symbol, whole) -> published.add(whole.get()));
        snapshot.complete(new Backend.Answer(503, "{}"));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (snapshotRequests.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(snapshotRequests).as("read again after the engine refused").hasSizeGreaterThanOrEqualTo(3);
        assertThat(published).isEmpty();
    }
}
