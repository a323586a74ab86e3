package dev.tickflow.matching.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import dev.tickflow.model.CloseSession;
import dev.tickflow.model.EventTime;
import dev.tickflow.model.OrderChannel;
import dev.tickflow.model.OrderCommand;
import dev.tickflow.model.Side;
import dev.tickflow.model.TimeInForce;
import org.junit.jupiter.api.Test;

/**
 * DAY orders end with the session at the exchange's close; GTC orders stay. Time comes from the commands (when risk
 * accepted them) and from the closes the session clock writes into the log, never from the engine's own clock.
 */
class DayOrderExpiryTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private final EngineFixture engine = new EngineFixture();

    @Test
    void aCloseInTheLogExpiresDayOrdersAndAnOrderEnteredAfterTheCloseLivesUntilTheNextOne() {
        engine.send(at("2026-11-20T15:58:00", Orders.limit("alice", "day", "AAPL", Side.BUY, 10, "190")));
        engine.send(at("2026-11-20T15:59:00", Orders.limit("alice", "gtc", "AAPL", Side.BUY, 10, "189", TimeInForce.GTC)));
        assertThat(reports()).as("15:59, still open").containsExactly("day NEW", "gtc NEW");

        engine.send(close("2026-11-21"));
        assertThat(reports()).as("the clock wrote the close").containsExactly("day EXPIRED");
        engine.send(close("2026-11-21"));
        assertThat(reports()).as("a second close of the same session changes nothing").isEmpty();

        engine.send(at("2026-11-20T16:05:00", Orders.limit("alice", "late", "AAPL", Side.BUY, 10, "190")));
        assertThat(reports()).as("entered after the close: the next session's").containsExactly("late NEW");
        engine.send(close("2026-11-22"));
        assertThat(reports()).as("the next close").containsExactly("late EXPIRED");
    }

    @Test
    void aCommandOfALaterSessionClosesTheEarlierOneFirst() {
        engine.send(at("2026-11-20T10:00:00", Orders.limit("alice", "day", "AAPL", Side.BUY, 10, "190")));
        engine.send(at("2026-11-20T10:00:00", Orders.limit("bob", "other", "MSFT", Side.SELL, 10, "400")));
        engine.reports();
        // no close came (the clock was down): the next morning's first command ends yesterday's session on every book
        engine.send(at("2026-11-21T09:30:00", Orders.limit("bob", "ask", "AAPL", Side.SELL, 10, "190")));
        assertThat(reports()).as("yesterday's bid cannot meet today's ask")
                .containsExactly("day EXPIRED", "other EXPIRED", "ask NEW");
    }

    private List<String> reports() {
        return engine.reports();
    }

    private static OrderCommand at(String newYorkTime, OrderCommand command) {
        command.setAcceptedAtMicros(EventTime.fromMillis(LocalDateTime.parse(newYorkTime).atZone(NEW_YORK).toInstant().toEpochMilli()));
        return command;
    }

    private static OrderCommand close(String sessionDate) {
        String id = "close-" + sessionDate + "-0";
        return OrderCommand.newBuilder().setCommandId(id).setOrderId(id).setAccount("").setClientOrderId(id).setSymbol("")
                .setChannel(OrderChannel.OTHER).setSubmittedAtMicros(0).setAcceptedAtMicros(null).setCommand(new CloseSession(sessionDate))
                .build();
    }
}
