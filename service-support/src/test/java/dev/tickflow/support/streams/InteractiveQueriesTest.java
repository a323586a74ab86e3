package dev.tickflow.support.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

class InteractiveQueriesTest {

    private final InteractiveQueries queries = new InteractiveQueries(null, new HostInfo("localhost", 8080));

    @Test
    void aStoreRefusingAReadMidRebalanceIsStateUnavailable() {
        assertThatThrownBy(() -> queries.read(() -> {
            throw new InvalidStateStoreException("Cannot get state store daily-stats because the stream thread is STARTING");
        })).isInstanceOf(StoreUnavailableException.class).hasMessageContaining("STARTING");
    }

    @Test
    void aReadThatWorksReturnsItsResult() {
        assertThat(queries.read(() -> "AAPL")).isEqualTo("AAPL");
    }
}
