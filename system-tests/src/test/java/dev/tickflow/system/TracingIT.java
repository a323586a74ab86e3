package dev.tickflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.tickflow.testsupport.EmbeddedKafka;
import dev.tickflow.testsupport.ServiceProcess;
import dev.tickflow.testsupport.TopicClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One order followed through the trading path in its trace: the gateway's request, risk's and the engine's processing
 * of the command, and the gateway hearing the execution back, each service exporting its spans over OTLP to a
 * collector this test runs (spans kept in memory), the context carried between them in Kafka headers.
 */
class TracingIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SYMBOL = "TRACE";
    private static OtlpReceiver collector;
    private static TopicClient topics;
    private static ServiceProcess risk;
    private static ServiceProcess matching;
    private static ServiceProcess gateway;

    @BeforeAll
    static void startTheTradingPathWithTracing() throws Exception {
        collector = OtlpReceiver.start();
        String bootstrap = EmbeddedKafka.get().bootstrapServers();
        topics = new TopicClient(bootstrap);
        Map<String, String> tracing = Map.of("quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                "quarkus.otel.exporter.otlp.traces.endpoint", collector.endpoint(),
                "quarkus.otel.bsp.schedule.delay", "200ms");
        var work = TradingStack.freshDirectory("tracing");
        risk = TradingStack.start("risk", work, bootstrap, tracing);
        matching = TradingStack.start("matching-engine", work, bootstrap, tracing);
        gateway = TradingStack.start("order-gateway", work, bootstrap, tracing);
        risk.awaitReady(TradingStack.START);
        matching.awaitReady(TradingStack.START);
        gateway.awaitReady(TradingStack.START);
        TradingStack.lastTrade(topics, SYMBOL, "50");
    }

    @AfterAll
    static void stop() {
        TradingStack.stopAll(gateway, matching, risk);
        if (topics != null) {
            topics.close();
        }
        if (collector != null) {
            collector.close();
        }
    }

    @Test
    void anOrdersTraceHasSpansFromTheGatewayRiskTheEngineAndBack() throws Exception {
        TradingStack.Reply sell = TradingStack.send(gateway, "POST", "/orders?wait=true", "bob-demo-token", Map.of("clientOrderId",
                "traced-bob-1", "symbol", SYMBOL, "side", "SELL", "type", "LIMIT", "quantity", 5, "limitPrice", "50"));
        assertThat(sell.status()).as("%s", sell.body()).isIn(200, 201, 202);
        TradingStack.Reply buy = TradingStack.send(gateway, "POST", "/orders?wait=true", "alice-demo-token", Map.of("clientOrderId",
                "traced-alice-1", "symbol", SYMBOL, "side", "BUY", "type", "LIMIT", "quantity", 5, "limitPrice", "50"));
        assertThat(buy.status()).as("%s", buy.body()).isIn(200, 201, 202);

        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<OtlpReceiver.ReceivedSpan> requests = collector.spans().stream()
                    .filter(span -> span.service().equals("order-gateway") && span.kind().equals("SPAN_KIND_SERVER")
                            && span.name().contains("/orders"))
                    .toList();
            assertThat(requests).as("the gateway's order requests (%d spans in all; receiver: %s)", collector.spans().size(),
                    collector.lastFailure()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(requests).as("an order request whose trace crosses the whole path").anySatisfy(request -> {
                List<OtlpReceiver.ReceivedSpan> trace = collector.trace(request.traceId());
                assertThat(trace).anySatisfy(span -> assertThat(span.service() + " " + span.name())
                        .isEqualTo("risk orders.submitted process"));
                assertThat(trace).anySatisfy(span -> assertThat(span.service() + " " + span.name())
                        .isEqualTo("matching-engine orders.accepted process"));
                assertThat(trace).anySatisfy(span -> assertThat(span.service() + " " + span.name())
                        .isEqualTo("order-gateway executions process"));
                // each hop is the child of the one before: the engine's span descends from risk's, risk's from the request
                OtlpReceiver.ReceivedSpan riskSpan = trace.stream().filter(span -> span.service().equals("risk")
                        && span.name().equals("orders.submitted process")).findFirst().orElseThrow();
                assertThat(collector.isAncestor(request, riskSpan)).isTrue();
                OtlpReceiver.ReceivedSpan engineSpan = trace.stream().filter(span -> span.service().equals("matching-engine"))
                        .findFirst().orElseThrow();
                assertThat(collector.isAncestor(riskSpan, engineSpan)).isTrue();
            });
        });
    }
}
