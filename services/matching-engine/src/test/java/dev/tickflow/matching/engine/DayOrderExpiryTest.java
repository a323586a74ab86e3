package dev.tickflow.matching.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Properties;

import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.OrderCommand;
import dev.tickflow.model.Side;
import dev.tickflow.model.TimeInForce;
import dev.tickflow.model.topic.TopicNames;
import dev.tickflow.model.topic.Topics;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** DAY orders end with the session at the exchange's close, on the wall clock; GTC orders stay. */
class DayOrderExpiryTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, OrderCommand> accepted;
    private final TestOutputTopic<String, ExecutionReport> executions;

    DayOrderExpiryTest() throws Exception {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "matching-engine");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("matching-expiry").toString());
        Instant beforeTheClose = java.time.LocalDateTime.parse("2026-11-20T15:58:00").atZone(NEW_YORK).toInstant();
        driver = new TopologyTestDriver(MatchingTopology.build(new TradingSession(NEW_YORK, LocalTime.of(16, 0))), config,
                beforeTheClose);
        accepted = driver.createInputTopic(TopicNames.ORDERS_ACCEPTED, new StringSerializer(), Topics.ORDERS_ACCEPTED.valueSerde());
        executions = driver.createOutputTopic(TopicNames.EXECUTIONS, new StringDeserializer(), Topics.EXECUTIONS.valueSerde());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void dayOrdersExpireAtTheCloseAndAnOrderEnteredAfterItLivesUntilTheNextOne() {
        send(Orders.limit("alice", "day", "AAPL", Side.BUY, 10, "190"));
        send(Orders.limit("alice", "gtc", "AAPL", Side.BUY, 10, "189", TimeInForce.GTC));
        driver.advanceWallClockTime(Duration.ofMinutes(1));
        assertThat(reports()).as("15:59, still open").containsExactly("day NEW", "gtc NEW");

        driver.advanceWallClockTime(Duration.ofMinutes(2));
        assertThat(reports()).as("16:01, the session has closed").containsExactly("day EXPIRED");

        send(Orders.limit("alice", "late", "AAPL", Side.BUY, 10, "190"));
        driver.advanceWallClockTime(Duration.ofMinutes(10));
        assertThat(reports()).as("entered after the close: the next session's").containsExactly("late NEW");

        driver.advanceWallClockTime(Duration.ofHours(24));
        assertThat(reports()).as("the next close").containsExactly("late EXPIRED");
    }

    private void send(OrderCommand command) {
        accepted.pipeInput(command.getSymbol(), command);
    }

    private java.util.List<String> reports() {
        return executions.readValuesToList().stream().map(report -> report.getOrderId() + " " + report.getExecType()).toList();
    }
}
