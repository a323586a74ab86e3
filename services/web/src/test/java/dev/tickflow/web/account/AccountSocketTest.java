package dev.tickflow.web.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tickflow.model.Alert;
import dev.tickflow.model.AlertType;
import dev.tickflow.model.AuthOutcome;
import dev.tickflow.model.Evidence;
import dev.tickflow.model.ExecType;
import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.LookupKind;
import dev.tickflow.model.LookupReply;
import dev.tickflow.model.LookupStatus;
import dev.tickflow.model.OrderStatus;
import dev.tickflow.model.OrderType;
import dev.tickflow.model.Severity;
import dev.tickflow.model.Side;
import dev.tickflow.model.TimeInForce;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.testsupport.KafkaBrokerResource;
import dev.tickflow.testsupport.TopicClient;
import dev.tickflow.testsupport.WebSocketRecorder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Real WebSocket clients of three accounts on the real broker: each hears its own account only, and alerts as it may see them. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class AccountSocketTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final TopicClient TOPICS = TopicClient.embedded();

    @TestHTTPResource("/ws/account")
    URI account;

    @AfterAll
    static void close() {
        TOPICS.close();
    }

    private URI uri() {
        return URI.create(account.toString().replaceFirst("^http", "ws"));
    }

    @Test
    void eachAccountHearsOnlyItsOwnExecutionsAndAlerts() throws Exception {
        try (WebSocketRecorder alice = new WebSocketRecorder(uri(), "alice-demo-token");
                WebSocketRecorder bob = new WebSocketRecorder(uri(), "bob-demo-token");
                WebSocketRecorder ops = new WebSocketRecorder(uri(), "ops-demo-token")) {
            assertThat(alice.next(text -> text.contains("\"hello\""), WAIT)).contains("\"account\":\"alice\"", "\"admin\":false");
            assertThat(ops.next(text -> text.contains("\"hello\""), WAIT)).contains("\"account\":\"ops\"", "\"admin\":true");
            bob.next(text -> text.contains("\"hello\""), WAIT);

            // the consumers start from the latest offset: publish until both traders have heard their own fill
            String run = UUID.randomUUID().toString();
            long deadline = System.nanoTime() + WAIT.toNanos();
            boolean heard = false;
            int round = 0;
            while (!heard && System.nanoTime() < deadline) {
                round++;
                TOPICS.send(Topics.EXECUTIONS, "alice", fill("alice", "bob", run + "-a" + round));
                TOPICS.send(Topics.EXECUTIONS, "bob", fill("bob", "alice", run + "-b" + round));
                Thread.sleep(200);
                heard = alice.all().stream().anyMatch(text -> text.contains("\"execution\""))
                        && bob.all().stream().anyMatch(text -> text.contains("\"execution\""));
            }
            assertThat(heard).as("both accounts heard their fills").isTrue();
            assertThat(executions(alice)).isNotEmpty().allMatch(text -> text.contains("\"account\":\"alice\""));
            assertThat(executions(bob)).isNotEmpty().allMatch(text -> text.contains("\"account\":\"bob\""));
            assertThat(executions(ops)).as("an administrator's screen is its own account's too").isEmpty();

            // all on one key, so one partition keeps them in order: once bob hears the last, the web has routed all four
            List<Alert> alerts = List.of(alert(run + "-spoof", AlertType.SPOOFING, "alice", null, null),
                    alert(run + "-logins", AlertType.FAILED_LOGINS, "alice", null, "203.0.113.7"),
                    alert(run + "-anomaly", AlertType.PRICE_ANOMALY, null, "AAPL", null),
                    alert(run + "-gap", AlertType.TICK_GAP, null, "AAPL", null));
            deadline = System.nanoTime() + WAIT.toNanos();
            heard = false;
            while (!heard && System.nanoTime() < deadline) {
                alerts.forEach(alert -> TOPICS.send(Topics.ALERTS, "AAPL", alert));
                Thread.sleep(200);
                heard = bob.all().stream().anyMatch(text -> text.contains(run + "-gap"))
                        && alice.all().stream().anyMatch(text -> text.contains(run + "-gap"))
                        && ops.all().stream().anyMatch(text -> text.contains(run + "-gap"));
            }
            assertThat(heard).as("the public market alert reached everyone").isTrue();
            assertThat(alertIds(ops, run)).as("administrators see every alert")
                    .contains(run + "-spoof", run + "-logins", run + "-anomaly", run + "-gap");
            assertThat(alertIds(alice, run)).as("alice sees her own alerts and the public one")
                    .contains(run + "-spoof", run + "-logins", run + "-gap").doesNotContain(run + "-anomaly");
            assertThat(alertIds(bob, run)).as("bob never sees an alert about alice, nor a market alert not made public")
                    .containsOnly(run + "-gap");
            assertThat(ops.all()).filteredOn(text -> text.contains(run + "-logins")).allMatch(text -> text.contains("203.0.113.7"));
            assertThat(alice.all()).filteredOn(text -> text.contains(run + "-logins")).isNotEmpty()
                    .as("where a login came from is for administrators only").noneMatch(text -> text.contains("203.0.113"));
        }
    }

    @Test
    void anUpgradeWithoutAValidTokenIsRefusedAndReportedForSurveillance() {
        assertThatThrownBy(() -> new WebSocketRecorder(uri(), "not-a-token").close()).hasStackTraceContaining("401");
        var failures = TOPICS.await(Topics.AUTH_EVENTS, record -> record.value().getOutcome() == AuthOutcome.FAILURE
                && "web".equals(record.value().getChannel()), 1, WAIT);
        assertThat(failures.getFirst().key()).as("keyed by the source address: the token matched no account")
                .isEqualTo(failures.getFirst().value().getSourceAddress()).isNotNull();
        assertThat(failures.getFirst().value().getAccount()).isNull();
    }

    @Test
    void theAssistantAnswersWhatItCanAndExplainsWhatItCannot() throws Exception {
        try (WebSocketRecorder alice = new WebSocketRecorder(uri(), "alice-demo-token")) {
            alice.send("{\"action\":\"say\",\"requestId\":\"q1\",\"text\":\"help\"}");
            assertThat(alice.next(text -> text.contains("\"q1\""), WAIT)).contains("\"reply\"", "buy 100 AAPL at 190");
            alice.send("{\"action\":\"say\",\"requestId\":\"q2\",\"text\":\"biy 100 AAPL at 190\"}");
            assertThat(alice.next(text -> text.contains("\"q2\""), WAIT)).contains("Did you mean", "buy 100 AAPL at 190");
            alice.send("{\"action\":\"dance\",\"requestId\":\"q3\"}");
            assertThat(alice.next(text -> text.contains("\"q3\""), WAIT)).contains("\"error\"", "\"status\":400");
            alice.send("not json");
            assertThat(alice.next(text -> text.contains("not a command object"), WAIT)).contains("\"error\"");
        }
    }

    @Test
    void termsAreLookedUpInReferenceDataOverKafka() throws Exception {
        try (WebSocketRecorder alice = new WebSocketRecorder(uri(), "alice-demo-token")) {
            alice.send("{\"action\":\"say\",\"requestId\":\"t1\",\"text\":\"what is VWAP?\"}");
            // reference-data's part, played here: answer the request that arrives
            var request = TOPICS.await(Topics.REF_LOOKUP_REQUESTS, record -> record.value().getKind() == LookupKind.TERM_DEFINITION,
                    1, WAIT).getFirst().value();
            assertThat(request.getQuery()).isEqualToIgnoringCase("vwap");
            assertThat(request.getLanguage()).isEqualTo("en");
            TOPICS.send(Topics.REF_LOOKUP_REPLIES, request.getCorrelationId(), LookupReply.newBuilder()
                    .setCorrelationId(request.getCorrelationId()).setStatus(LookupStatus.OK).setInstruments(List.of())
                    .setDefinition("volume-weighted average price").setMessage(null)
                    .setRepliedAtMicros(System.currentTimeMillis() * 1000).build());
            assertThat(alice.next(text -> text.contains("\"t1\""), WAIT)).contains("volume-weighted average price");
        }
    }

    private static List<String> executions(WebSocketRecorder client) {
        return client.all().stream().filter(text -> text.contains("\"type\":\"execution\"")).toList();
    }

    private static ExecutionReport fill(String account, String counterparty, String executionId) {
        return ExecutionReport.newBuilder().setExecutionId(executionId).setOrderId("o-" + executionId).setCommandId("c-" + executionId)
                .setAccount(account).setClientOrderId("k-" + executionId).setSymbol("AAPL").setSide(Side.BUY)
                .setOrderType(OrderType.LIMIT).setTimeInForce(TimeInForce.DAY).setExecType(ExecType.TRADE)
                .setOrderStatus(OrderStatus.FILLED).setOrderQuantity(10).setLimitPrice(FixedPoint.parse("190"))
                .setLastQuantity(10).setLastPrice(FixedPoint.parse("190")).setCumulativeQuantity(10).setLeavesQuantity(0)
                .setAveragePrice(FixedPoint.parse("190")).setCounterpartyAccount(counterparty).setBookSequence(1)
                .setTransactTimeMicros(System.currentTimeMillis() * 1000).build();
    }

    private static List<String> alertIds(WebSocketRecorder client, String run) {
        Matcher ids = Pattern.compile("\"alertId\":\"(" + Pattern.quote(run) + "-[a-z]+)\"").matcher(String.join("\n", client.all()));
        return ids.results().map(match -> match.group(1)).distinct().toList();
    }

    private static Alert alert(String id, AlertType type, String account, String symbol, String sourceAddress) {
        long now = System.currentTimeMillis() * 1000;
        List<Evidence> evidence = sourceAddress == null ? List.of()
                : List.of(new Evidence("auth-failure", "e-" + id, now, "from " + sourceAddress + ": unknown token"));
        return Alert.newBuilder().setAlertId(id).setType(type).setSeverity(Severity.WARNING).setAccount(account).setSymbol(symbol)
                .setSourceAddress(sourceAddress).setDescription("test alert").setEvidence(evidence).setWindowStartMicros(now)
                .setWindowEndMicros(now).setDetectedAtMicros(now).build();
    }
}
