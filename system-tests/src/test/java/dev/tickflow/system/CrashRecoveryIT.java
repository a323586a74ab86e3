package dev.tickflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickflow.model.DailyStats;
import dev.tickflow.model.EventTime;
import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.NewOrder;
import dev.tickflow.model.OrderChannel;
import dev.tickflow.model.OrderCommand;
import dev.tickflow.model.OrderRejected;
import dev.tickflow.model.OrderType;
import dev.tickflow.model.RejectReason;
import dev.tickflow.model.Side;
import dev.tickflow.model.TimeInForce;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.testsupport.EmbeddedKafka;
import dev.tickflow.testsupport.ServiceProcess;
import dev.tickflow.testsupport.TestInstruments;
import dev.tickflow.testsupport.TopicClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Risk and the matching engine are killed with SIGKILL in the middle of an order stream and started again; the
 * executions, refusals and positions they produce must equal those of an undisturbed run of the same commands: none
 * lost, none applied twice.
 *
 * <p>Both runs use the same services on the same broker with their own accounts and symbols. Each run's two accounts
 * hash to the same orders.submitted partition, so risk sees their commands in one order and the books receive them
 * in that order: the outcome is then fully determined by the commands, and two runs can be compared exactly.
 */
class CrashRecoveryIT {

    private static final int COMMANDS = 400;
    private static final long SEED = 20261122L;
    private static final String[] ACCOUNTS = {"a", "b"};
    private static final String[] SYMBOLS = {"S1", "S2"};
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String OPS = "ops-demo-token";
    private static TopicClient topics;
    private static ServiceProcess risk;
    private static ServiceProcess matching;

    @BeforeAll
    static void start() throws Exception {
        String bootstrap = EmbeddedKafka.get().bootstrapServers();
        topics = new TopicClient(bootstrap);
        Path work = TradingStack.freshDirectory("crash-recovery");
        risk = TradingStack.start("risk", work, bootstrap, Map.of());
        matching = TradingStack.start("matching-engine", work, bootstrap, Map.of());
        risk.awaitReady(TradingStack.START);
        matching.awaitReady(TradingStack.START);
    }

    @AfterAll
    static void stop() {
        if (matching != null) {
            matching.close();
        }
        if (risk != null) {
            risk.close();
        }
        if (topics != null) {
            topics.close();
        }
    }

    @Test
    void aCrashMidStreamLosesNothingAndDuplicatesNothing() throws Exception {
        String clean = runPrefix("clean");
        String crashed = runPrefix("crash");
        price(clean);
        price(crashed);

        List<OrderScript.Step> cleanSteps = OrderScript.generate(SEED, COMMANDS, ACCOUNTS, SYMBOLS, clean, System.currentTimeMillis());
        send(cleanSteps, null);
        Outcome expected = outcome(clean, cleanSteps);

        List<OrderScript.Step> crashSteps = OrderScript.generate(SEED, COMMANDS, ACCOUNTS, SYMBOLS, crashed, System.currentTimeMillis());
        AtomicInteger sent = new AtomicInteger();
        CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> send(crashSteps, sent));
        await().atMost(WAIT).until(() -> sent.get() >= COMMANDS / 3
                && !topics.readAfter(Topics.EXECUTIONS, record -> record.key().startsWith(crashed), Duration.ZERO).isEmpty());
        risk.kill();
        matching.kill();
        int sentAtKill = sent.get();
        stream.join();
        risk.start();
        matching.start();
        risk.awaitReady(TradingStack.START);
        matching.awaitReady(TradingStack.START);
        Outcome actual = outcome(crashed, crashSteps);

        assertThat(sentAtKill).as("killed mid-stream").isLessThan(COMMANDS);
        assertThat(expected.executions()).as("the script trades").hasSizeGreaterThan(50);
        assertThat(expected.refusals()).as("the script has refusals").isNotEmpty();
        assertThat(actual.executionIds()).as("no execution twice").doesNotHaveDuplicates();
        assertSame("executions", actual.executions(), expected.executions());
        assertSame("refusals", actual.refusals(), expected.refusals());
        assertThat(actual.positions()).isEqualTo(expected.positions());
    }

    private static void assertSame(String what, List<String> actual, List<String> expected) {
        int first = 0;
        while (first < Math.min(actual.size(), expected.size()) && actual.get(first).equals(expected.get(first))) {
            first++;
        }
        List<String> missing = new ArrayList<>(expected);
        missing.removeAll(actual);
        List<String> extra = new ArrayList<>(actual);
        extra.removeAll(expected);
        assertThat(actual).as("%s after the crash differ from line %d (expected %s, was %s): %d missing %s, %d extra %s", what,
                first, expected.subList(first, Math.min(first + 5, expected.size())),
                actual.subList(first, Math.min(first + 5, actual.size())), missing.size(),
                missing.subList(0, Math.min(10, missing.size())), extra.size(), extra.subList(0, Math.min(10, extra.size())))
                .isEqualTo(expected);
    }

    /** What one run produced, with its prefix taken out and run-specific times left out. */
    private record Outcome(List<String> executions, List<String> executionIds, List<String> refusals, Map<String, String> positions) {
    }

    private static Outcome outcome(String run, List<OrderScript.Step> steps) throws Exception {
        List<OrderCommand> markers = markers(run, steps.getLast().timestampMillis() + 50);
        for (OrderCommand marker : markers) {
            // the markers rest far from the market: their acknowledgement means everything before them is done
            topics.await(Topics.EXECUTIONS, record -> record.value().getOrderId().equals(marker.getOrderId()), 1, WAIT);
        }
        // Per order, its reports in order: the order's whole fate. Sequence-derived ids (execution, trade, book sequence)
        // are left out: a cancel racing a fill may be refused by risk in one run and by the book in the other (risk
        // learns of the fill asynchronously), which shifts the book's command numbering but changes nothing else.
        Map<String, List<String>> reportsByOrder = new TreeMap<>();
        List<String> ids = new ArrayList<>();
        for (ConsumerRecord<String, ExecutionReport> record : topics.readAfter(Topics.EXECUTIONS,
                record -> isScripted(run, record.key()), Duration.ZERO)) {
            ExecutionReport report = record.value();
            ids.add(report.getExecutionId());
            reportsByOrder.computeIfAbsent(report.getOrderId().replace(run, ""), unused -> new ArrayList<>())
                    .add(String.join("|", report.getCommandId(), report.getAccount(), report.getExecType().name(),
                            report.getOrderStatus().name(), Long.toString(report.getOrderQuantity()),
                            String.valueOf(report.getLimitPrice()), Long.toString(report.getLastQuantity()),
                            String.valueOf(report.getLastPrice()), Long.toString(report.getCumulativeQuantity()),
                            Long.toString(report.getLeavesQuantity()), String.valueOf(report.getAveragePrice()),
                            String.valueOf(report.getCounterpartyAccount())).replace(run, ""));
        }
        List<String> executions = new ArrayList<>();
        reportsByOrder.forEach((order, reports) -> reports.forEach(report -> executions.add(order + ": " + report)));
        List<String> refusals = new ArrayList<>();
        for (ConsumerRecord<String, OrderRejected> record : topics.readAfter(Topics.ORDERS_REJECTED,
                record -> isScripted(run, record.key()), Duration.ZERO)) {
            OrderRejected rejected = record.value();
            refusals.add(rejected.getCommandId().replace(run, "") + "|" + refusal(rejected.getReason()));
        }
        refusals.sort(null);
        Map<String, String> positions = new TreeMap<>();
        for (String account : ACCOUNTS) {
            TradingStack.Reply reply = TradingStack.send(risk, "GET", "/accounts/" + run + account + "/positions", OPS, null);
            assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
            for (JsonNode position : reply.body()) {
                positions.put(account + "/" + position.path("symbol").asText().replace(run, ""), String.join("|",
                        position.path("quantity").asText(), position.path("averageCost").asText(),
                        position.path("realizedPnl").asText(), position.path("openBuyQuantity").asText(),
                        position.path("openSellQuantity").asText()));
            }
        }
        return new Outcome(executions, ids, refusals, positions);
    }

    /** A command for an order that is no longer working is refused by risk or by the book, whichever knows first. */
    private static String refusal(RejectReason reason) {
        return reason == RejectReason.UNKNOWN_ORDER || reason == RejectReason.ORDER_NOT_ACTIVE ? "NOT_WORKING" : reason.name();
    }

    private static boolean isScripted(String run, String account) {
        return account.startsWith(run) && !account.endsWith("probe");
    }

    private static List<OrderCommand> markers(String run, long timestampMillis) {
        List<OrderCommand> markers = new ArrayList<>();
        for (String symbol : SYMBOLS) {
            OrderCommand marker = OrderCommand.newBuilder().setCommandId(run + "marker-" + symbol).setOrderId(run + "marker-" + symbol)
                    .setAccount(run + ACCOUNTS[0]).setClientOrderId(run + "marker-" + symbol).setSymbol(run + symbol)
                    .setChannel(OrderChannel.OTHER).setSubmittedAtMicros(timestampMillis * 1000)
                    .setCommand(new NewOrder(Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 1L, FixedPoint.parse("91")))
                    .build();
            topics.send(Topics.ORDERS_SUBMITTED, marker.getAccount(), marker, timestampMillis);
            markers.add(marker);
        }
        return markers;
    }

    /** Writes the commands at about 200 a second, each with its scripted timestamp (risk's rate limit reads it). */
    private static void send(List<OrderScript.Step> steps, AtomicInteger sent) {
        for (OrderScript.Step step : steps) {
            topics.send(Topics.ORDERS_SUBMITTED, step.command().getAccount(), step.command(), step.timestampMillis());
            if (sent != null) {
                sent.incrementAndGet();
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A prefix under which both scripted accounts land on the same orders.submitted partition. */
    private static String runPrefix(String name) {
        int partitions = Topics.ORDERS_SUBMITTED.partitions();
        for (int attempt = 0; ; attempt++) {
            String prefix = name + attempt + "-";
            Set<Integer> used = new HashSet<>();
            for (String account : ACCOUNTS) {
                used.add(Utils.toPositive(Utils.murmur2((prefix + account).getBytes(StandardCharsets.UTF_8))) % partitions);
            }
            if (used.size() == 1) {
                return prefix;
            }
        }
    }

    /**
     * Publishes the reference price of the run's symbols and waits until risk values a market order with it, so that no
     * scripted order meets risk before its price does (that would be a refusal one run has and the other not).
     */
    private static void price(String run) {
        publishPrice(run);
        for (String symbol : SYMBOLS) {
            await().atMost(WAIT).until(() -> riskValuesAMarketOrder(run, symbol));
        }
    }

    private static boolean riskValuesAMarketOrder(String run, String symbol) {
        String id = run + "probe-" + UUID.randomUUID();
        topics.send(Topics.ORDERS_SUBMITTED, run + "probe", OrderCommand.newBuilder().setCommandId(id).setOrderId(id)
                .setAccount(run + "probe").setClientOrderId(id).setSymbol(run + symbol).setChannel(OrderChannel.OTHER)
                .setSubmittedAtMicros(0).setCommand(new NewOrder(Side.BUY, OrderType.MARKET, TimeInForce.IOC, 1L, null)).build());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!topics.readAfter(Topics.ORDERS_ACCEPTED, record -> id.equals(record.value().getCommandId()), Duration.ZERO).isEmpty()) {
                return true;
            }
            if (!topics.readAfter(Topics.ORDERS_REJECTED, record -> id.equals(record.value().getCommandId()), Duration.ZERO).isEmpty()) {
                return false;
            }
        }
        return false;
    }

    private static void publishPrice(String run) {
        long last = FixedPoint.parse("100");
        long now = EventTime.fromMillis(System.currentTimeMillis());
        for (String symbol : SYMBOLS) {
            TestInstruments.publish(topics, run + symbol);
            topics.send(Topics.MD_DAILY_STATS, run + symbol, DailyStats.newBuilder().setSymbol(run + symbol)
                    .setTradingDate("2026-11-20").setOpen(last).setHigh(last).setLow(last).setLast(last).setPreviousClose(null)
                    .setChangePpm(0).setVolume(1).setTurnover(last).setTradeCount(1).setLastEventTimeMicros(now)
                    .setFirstEventTimeMicros(now).setLastQuantity(1).setLastSide(null).setLastVenue(null).build());
        }
    }
}
