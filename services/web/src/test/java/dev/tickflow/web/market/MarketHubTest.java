package dev.tickflow.web.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.tickflow.web.push.Outbox;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

class MarketHubTest {

    private final MarketHub hub = new MarketHub(new SimpleMeterRegistry());
    private final AtomicInteger encoded = new AtomicInteger();
    private final Supplier<String> tick = () -> "tick-" + encoded.incrementAndGet();

    @Test
    void withNobodyFollowingNothingIsEncoded() {
        hub.publish("ticks", "AAPL", tick);
        follower("ops", "bars", "AAPL");
        follower("bob", "ticks", "MSFT");
        hub.publish("ticks", "AAPL", tick);
        assertThat(encoded).as("no client follows AAPL's ticks").hasValue(0);
    }

    @Test
    void anEventIsEncodedOnceForAllItsFollowers() {
        List<String> alice = follower("alice", "ticks", "AAPL");
        List<String> bob = follower("bob", "ticks", "AAPL");
        hub.publish("ticks", "AAPL", tick);
        assertThat(encoded).hasValue(1);
        assertThat(alice).containsExactly("tick-1");
        assertThat(bob).containsExactly("tick-1");
    }

    private List<String> follower(String id, String stream, String symbol) {
        List<String> sent = new CopyOnWriteArrayList<>();
        hub.connect(id, new Outbox(message -> {
            sent.add(message);
            return Uni.createFrom().voidItem();
        }, 16));
        hub.subscriber(id).streams().add(stream);
        hub.subscriber(id).symbols().add(symbol);
        return sent;
    }
}
