package dev.tickflow.web.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

/** A client that does not keep up: its outbox holds the latest per key, not a backlog, and sends in order when it can. */
class OutboxTest {

    private final List<String> sent = new ArrayList<>();
    private CompletableFuture<Void> inFlight = new CompletableFuture<>();
    private final Outbox outbox = new Outbox(message -> {
        sent.add(message);
        inFlight = new CompletableFuture<>();
        return Uni.createFrom().completionStage(inFlight);
    }, 3);

    @Test
    void aSlowClientGetsTheLatestPerKeyAndNothingPilesUp() {
        assertThat(outbox.offer("ticks|AAPL", "AAPL 1")).isEqualTo(Outbox.Outcome.SENT);
        for (int i = 2; i <= 1_000; i++) {
            outbox.offer("ticks|AAPL", "AAPL " + i);
            outbox.offer("ticks|MSFT", "MSFT " + i);
        }
        assertThat(outbox.waiting()).as("one waiting message per key, however many arrived").isEqualTo(2);

        inFlight.complete(null);
        assertThat(sent).containsExactly("AAPL 1", "AAPL 1000");
        inFlight.complete(null);
        assertThat(sent).containsExactly("AAPL 1", "AAPL 1000", "MSFT 1000");
        inFlight.complete(null);
        assertThat(outbox.waiting()).isZero();
        assertThat(outbox.offer("ticks|AAPL", "AAPL 1001")).as("idle again: sent at once").isEqualTo(Outbox.Outcome.SENT);
    }

    @Test
    void messagesThatCannotConflateAreBoundedByDroppingTheOldest() {
        outbox.offer("execution|1", "fill 1");
        for (int i = 2; i <= 10; i++) {
            Outbox.Outcome outcome = outbox.offer("execution|" + i, "fill " + i);
            assertThat(outcome).isEqualTo(i <= 4 ? Outbox.Outcome.QUEUED : Outbox.Outcome.DROPPED);
        }
        assertThat(outbox.waiting()).as("never more than the capacity").isEqualTo(3);
        for (int i = 0; i < 4; i++) {
            inFlight.complete(null);
        }
        assertThat(sent).as("the newest survive, in order").containsExactly("fill 1", "fill 8", "fill 9", "fill 10");
    }

    @Test
    void aClosedOutboxSendsNothingMore() {
        outbox.offer("book|AAPL", "first");
        outbox.offer("book|AAPL", "second");
        outbox.close();
        inFlight.complete(null);
        assertThat(sent).containsExactly("first");
    }
}
