package dev.tickflow.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.tickflow.model.DailyStats;
import dev.tickflow.model.EventTime;
import dev.tickflow.model.ExecType;
import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.OrderCommand;
import dev.tickflow.model.OrderRejected;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.testsupport.DemoAccounts;
import dev.tickflow.testsupport.EmbeddedKafka;
import dev.tickflow.testsupport.TestInstruments;
import dev.tickflow.testsupport.TopicClient;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * Order to execution report through the whole trading path (WebSocket into the gateway, orders.submitted, risk,
 * orders.accepted, the matching engine, executions, back out of the gateway's WebSocket) beside three raw Kafka hops on
 * the same broker, at fixed offered rates.
 *
 * <p>Orders are sent on a schedule and each latency runs from the order's scheduled send time to the first report for
 * it (the acknowledgement, or a refusal), so a stalled sender or a queue anywhere counts in full: no coordinated
 * omission. Two accounts alternate a buy and a sell of one lot at the same price, so every second order trades, the book
 * stays one order deep and risk's limits (raised for the run) never bind.
 *
 * <p>{@code bench/run.sh trading-latency [seconds] [orders/s ...]}
 */
public final class TradingLatency {

    private static final String SYMBOL = "BENCH";
    private static final String[][] ACCOUNTS = {{"alice", "alice-demo-token"}, {"bob", "bob-demo-token"}};
    /**
     * -Dbench.hops-in-own-jvms=true adds a second baseline: the raw hops with each step in a JVM of its own, started
     * with the services' options, so that the hops share the cores among as many processes as the path does.
     */
    private static final boolean HOPS_IN_THEIR_OWN_JVMS = Boolean.getBoolean("bench.hops-in-own-jvms");

    private TradingLatency() {
    }

    public static void main(String[] args) {
        // the in-JVM broker's threads would keep a failed run alive: a failure ends the process
        try {
            run(args);
        } catch (Throwable e) {
            BenchSupport.OUT.println("the run failed: " + e);
            for (StackTraceElement frame : e.getStackTrace()) {
                BenchSupport.OUT.println("    at " + frame);
            }
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        // every rate is first run unreported for this long: the JIT compiles the paths that rate takes, the producers'
        // batches and the consumers' fetch sessions settle, and the measured window starts from a steady state
        int warmUp = Integer.parseInt(System.getenv().getOrDefault("TICKFLOW_BENCH_WARM_UP_SECONDS", "60"));
        List<Integer> rates = args.length > 1 ? Arrays.stream(args).skip(1).map(Integer::valueOf).toList()
                : List.of(1_000, 2_000, 5_000, 10_000);
        String bootstrap = EmbeddedKafka.get().bootstrapServers();
        Path work = Files.createTempDirectory("bench-trading");
        try (TopicClient topics = new TopicClient(bootstrap)) {
            referencePrice(topics);
            DemoAccounts.publish(topics);
            TestInstruments.publish(topics, SYMBOL);
        }
        Map<String, String> env = Map.of("TICKFLOW_STATE_DIR", work.toString(),
                "TICKFLOW_RISK_DEFAULT_LIMITS_MAX_ORDERS_PER_SECOND", "1000000",
                "TICKFLOW_RISK_DEFAULT_LIMITS_MAX_POSITION_QUANTITY", "100000000",
                "TICKFLOW_RISK_DEFAULT_LIMITS_MAX_OPEN_ORDERS", "1000000");
        Map<String, Process> services = new java.util.LinkedHashMap<>();
        int gatewayPort = BenchSupport.freePort();
        int riskPort = BenchSupport.freePort();
        services.put("risk", BenchSupport.startService("risk", riskPort, bootstrap, env, work.resolve("risk.log")));
        services.put("engine", BenchSupport.startService("matching-engine", BenchSupport.freePort(), bootstrap, env,
                work.resolve("matching.log")));
        services.put("gateway", BenchSupport.startService("order-gateway", gatewayPort, bootstrap, env, work.resolve("gateway.log")));
        try (KafkaHops hops = new KafkaHops(bootstrap, Topics.ORDERS_SUBMITTED.partitions(), 20)) {
            BenchSupport.OUT.printf("%d s per rate after %d s of warm-up at that rate, logs in %s%n%n", seconds, warmUp, work);
            Client client = new Client(gatewayPort);
            List<String> breakdowns = new ArrayList<>();
            List<String> costs = new ArrayList<>();
            BenchSupport.OUT.println("| orders/s | path | p50 | p99 | p99.9 | max (ms) | p50 first / last third | answered (refused) |");
            BenchSupport.OUT.println("|---:|---|---:|---:|---:|---:|---:|---:|");
            for (int rate : rates) {
                long records = (long) rate * seconds;
                hops.run(rate, warmUp, false);
                CpuTime hopsCpu = CpuTime.of(Map.of());
                BrokerRequests hopsRequests = BrokerRequests.now();
                print(rate, "3 raw Kafka hops (baseline)", hops.run(rate, seconds, false));
                String hopsCost = hopsCpu.perRecord(records) + "; broker requests " + BrokerRequests.now().perRecordSince(hopsRequests,
                        records);
                if (HOPS_IN_THEIR_OWN_JVMS) {
                    hops.run(rate, warmUp, false, true);
                    print(rate, "3 raw Kafka hops, each step in a JVM of its own", hops.run(rate, seconds, false, true));
                }
                client.run(rate, warmUp);
                CpuTime pathCpu = CpuTime.of(services);
                BrokerRequests pathRequests = BrokerRequests.now();
                print(rate, "**order -> execution report (WebSocket in and out)**", client.run(rate, seconds));
                costs.add(String.format("%,d orders/s: path %s; broker requests %s | raw hops: %s", rate, pathCpu.perRecord(records),
                        BrokerRequests.now().perRecordSince(pathRequests, records), hopsCost));
                breakdowns.add(String.format("%,d orders/s: %s | still open in risk afterwards %s", rate, client.breakdown(bootstrap),
                        openOrders(riskPort)));
            }
            BenchSupport.OUT.println();
            BenchSupport.OUT.println("Per stage, p50 / p99 (ms):");
            breakdowns.forEach(BenchSupport.OUT::println);
            BenchSupport.OUT.println();
            BenchSupport.OUT.println("CPU per order (µs; the harness is the broker and the clients, in one JVM):");
            costs.forEach(BenchSupport.OUT::println);
        } finally {
            for (Process service : List.copyOf(services.values()).reversed()) {
                BenchSupport.stop(service);
            }
        }
    }

    /**
     * CPU time used from now on by each service process and by this JVM (the broker and the clients), read when
     * {@link #perRecord} is called: what the measured window cost, per order or record.
     */
    private record CpuTime(Map<String, Process> processes, Map<String, Long> startNanos) {

        static CpuTime of(Map<String, Process> processes) {
            CpuTime cpu = new CpuTime(processes, new java.util.LinkedHashMap<>());
            cpu.now().forEach(cpu.startNanos()::put);
            return cpu;
        }

        private Map<String, Long> now() {
            Map<String, Long> now = new java.util.LinkedHashMap<>();
            processes.forEach((name, process) -> now.put(name, cpuNanos(process.toHandle())));
            now.put("harness", cpuNanos(ProcessHandle.current()));
            return now;
        }

        private static long cpuNanos(ProcessHandle process) {
            return process.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
        }

        String perRecord(long records) {
            StringBuilder line = new StringBuilder();
            long total = 0;
            for (Map.Entry<String, Long> end : now().entrySet()) {
                long used = end.getValue() - startNanos.get(end.getKey());
                total += used;
                line.append(String.format("%s %.0f, ", end.getKey(), used / 1e3 / records));
            }
            return line.append(String.format("total %.0f", total / 1e3 / records)).toString();
        }
    }

    /**
     * @param thirds p50 of the first and of the last third of the orders (by send time), micros: a queue that grows over
     *     the run shows as a last third slower than the first; null where not measured
     */
    record Result(Histogram latency, long sent, long answered, long refused, long[] thirds) {
    }

    private static void print(int rate, String path, Result result) {
        Histogram latency = result.latency();
        String thirds = result.thirds() == null ? "" : String.format("%.1f / %.1f", result.thirds()[0] / 1e3, result.thirds()[1] / 1e3);
        BenchSupport.OUT.printf("| %,d | %s | %.2f | %.2f | %.2f | %.2f | %s | %,d / %,d (%,d) |%n", rate, path,
                latency.getValueAtPercentile(50) / 1e3, latency.getValueAtPercentile(99) / 1e3, latency.getValueAtPercentile(99.9) / 1e3,
                latency.getMaxValue() / 1e3, thirds, result.answered(), result.sent(), result.refused());
    }

    private static String percentiles(Histogram histogram) {
        return String.format("%.1f / %.1f", histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(99) / 1e3);
    }

    /** How many orders risk still holds open per account: every order of the script trades, so a leak shows here. */
    private static String openOrders(int riskPort) throws Exception {
        StringBuilder open = new StringBuilder();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String[] account : ACCOUNTS) {
            String body = http.send(java.net.http.HttpRequest.newBuilder(URI.create("http://localhost:" + riskPort + "/accounts/"
                    + account[0] + "/risk")).header("Authorization", "Bearer " + account[1]).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            java.util.regex.Matcher count = java.util.regex.Pattern.compile("\"openOrders\":(\\d+)").matcher(body);
            open.append(account[0]).append('=').append(count.find() ? count.group(1) : body).append(' ');
        }
        return open.toString().trim();
    }

    /** Risk values orders against the last price: publish one, as market-stats would. */
    private static void referencePrice(TopicClient topics) {
        long last = FixedPoint.parse("100");
        long now = EventTime.fromMillis(System.currentTimeMillis());
        topics.send(Topics.MD_DAILY_STATS, SYMBOL, DailyStats.newBuilder().setSymbol(SYMBOL).setTradingDate("2026-11-20").setOpen(last)
                .setHigh(last).setLow(last).setLast(last).setPreviousClose(null).setChangePpm(0).setVolume(1).setTurnover(last)
                .setTradeCount(1).setLastEventTimeMicros(now).setFirstEventTimeMicros(now).setLastQuantity(1).setLastSide(null)
                .setLastVenue(null).build());
    }

    /** Two accounts' WebSocket sessions on the gateway. */
    private static final class Client {
        private final WebSocket[] sockets = new WebSocket[ACCOUNTS.length];
        private final Listener[] listeners = new Listener[ACCOUNTS.length];
        private int runs;
        private long startWallMicros;
        private String lastRun;
        private long lastInterval;

        Client(int port) {
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < ACCOUNTS.length; i++) {
                listeners[i] = new Listener();
                sockets[i] = http.newWebSocketBuilder().header("Authorization", "Bearer " + ACCOUNTS[i][1])
                        .buildAsync(URI.create("ws://localhost:" + port + "/ws/orders"), listeners[i]).join();
            }
        }

        Result run(int rate, int seconds) throws InterruptedException {
            int count = rate * seconds;
            String run = "r" + runs++ + "-";
            lastRun = run;
            lastInterval = 1_000_000L / rate;
            long[] scheduled = new long[count];
            Histogram latency = new SynchronizedHistogram(TimeUnit.SECONDS.toMicros(60), 3);
            AtomicLong answered = new AtomicLong();
            AtomicLong refused = new AtomicLong();
            long[] perOrder = new long[count];
            for (Listener listener : listeners) {
                listener.expect(run, scheduled, latency, answered, refused, perOrder);
            }
            long interval = 1_000_000_000L / rate;
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
            startWallMicros = EventTime.nowMicros(Clock.systemUTC()) + 100_000;
            for (int i = 0; i < count; i++) {
                long due = start + i * interval;
                scheduled[i] = due;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int account = i & 1;
                String side = account == 0 ? "BUY" : "SELL";
                sockets[account].sendText("{\"action\":\"new\",\"requestId\":\"" + i + "\",\"clientOrderId\":\"" + run + i
                        + "\",\"symbol\":\"" + SYMBOL + "\",\"side\":\"" + side + "\",\"type\":\"LIMIT\",\"timeInForce\":\"DAY\","
                        + "\"quantity\":1,\"limitPrice\":\"100\"}", true).exceptionally(failure -> {
                            throw new IllegalStateException("the gateway closed a connection at " + rate + " orders/s: "
                                    + listeners[account].closed, failure);
                        }).join();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (answered.get() < count && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            for (Listener listener : listeners) {
                if (listener.closed != null) {
                    // a run whose answers stopped coming would otherwise be reported as nothing answered
                    throw new IllegalStateException("the gateway closed a connection at " + rate + " orders/s: " + listener.closed);
                }
            }
            return new Result(latency.copy(), count, answered.get(), refused.get(),
                    new long[] {median(perOrder, 0, count / 3), median(perOrder, count - count / 3, count)});
        }

        private static long median(long[] values, int from, int to) {
            long[] part = java.util.Arrays.copyOfRange(values, from, to);
            java.util.Arrays.sort(part);
            return part.length == 0 ? 0 : part[part.length / 2];
        }

        /**
         * Where the last run's time went, per order, from the times the records carry (all clocks are this machine's):
         * into the gateway and onto orders.submitted, through risk onto orders.accepted, through the engine onto
         * executions, and back out through the gateway to the WebSocket.
         */
        String breakdown(String bootstrap) {
            String run = lastRun;
            Map<String, OrderCommand> accepted = new HashMap<>();
            for (OrderCommand command : BenchSupport.readAll(bootstrap, Topics.ORDERS_ACCEPTED,
                    command -> command.getClientOrderId() != null && command.getClientOrderId().startsWith(run))) {
                accepted.put(command.getClientOrderId(), command);
            }
            Histogram gateway = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
            Histogram risk = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
            Histogram engine = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
            Histogram back = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
            for (ExecutionReport report : BenchSupport.readAll(bootstrap, Topics.EXECUTIONS,
                    report -> report.getExecType() == ExecType.NEW && String.valueOf(report.getClientOrderId()).startsWith(run))) {
                OrderCommand command = accepted.get(report.getClientOrderId());
                int index = Integer.parseInt(report.getClientOrderId().substring(run.length()));
                long received = listeners[index & 1].receivedWallMicros[index];
                if (command == null || received == 0) {
                    continue;
                }
                long scheduledWall = startWallMicros + index * lastInterval;
                gateway.recordValue(Math.max(0, command.getSubmittedAtMicros() - scheduledWall));
                risk.recordValue(Math.max(0, command.getAcceptedAtMicros() - command.getSubmittedAtMicros()));
                engine.recordValue(Math.max(0, report.getTransactTimeMicros() - command.getAcceptedAtMicros()));
                back.recordValue(Math.max(0, received - report.getTransactTimeMicros()));
            }
            Map<String, Long> reasons = new TreeMap<>();
            for (OrderRejected rejected : BenchSupport.readAll(bootstrap, Topics.ORDERS_REJECTED,
                    rejected -> String.valueOf(rejected.getClientOrderId()).startsWith(run))) {
                reasons.merge(rejected.getReason().name(), 1L, Long::sum);
            }
            return String.format("gateway in %s | risk %s | engine %s | back out %s | refusals %s", percentiles(gateway),
                    percentiles(risk), percentiles(engine), percentiles(back), reasons);
        }
    }

    /**
     * Records, per order of the current run, the time of its first execution report or refusal. An order's reports
     * all come on its own account's connection, in order, so the first one is seen by one thread only.
     */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private volatile String run = "";
        private volatile long[] scheduled = new long[0];
        private volatile boolean[] seen = new boolean[0];
        private volatile Histogram latency;
        private volatile AtomicLong answered;
        private volatile AtomicLong refused;
        private volatile long[] receivedWallMicros = new long[0];
        private volatile long[] perOrder = new long[0];
        private volatile String closed;

        void expect(String nextRun, long[] nextScheduled, Histogram nextLatency, AtomicLong nextAnswered, AtomicLong nextRefused,
                long[] nextPerOrder) {
            perOrder = nextPerOrder;
            refused = nextRefused;
            receivedWallMicros = new long[nextScheduled.length];
            seen = new boolean[nextScheduled.length];
            scheduled = nextScheduled;
            latency = nextLatency;
            answered = nextAnswered;
            run = nextRun;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed = statusCode + " " + reason;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed = String.valueOf(error);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            partial.append(data);
            if (last) {
                record(partial.toString(), now);
                partial.setLength(0);
            }
            webSocket.request(1);
            return CompletableFuture.completedStage(null);
        }

        private void record(String message, long now) {
            boolean execution = message.startsWith("{\"type\":\"execution\"");
            if (!execution && !message.startsWith("{\"type\":\"rejected\"")) {
                return;
            }
            String marker = "\"clientOrderId\":\"" + run;
            int at = message.indexOf(marker);
            if (at < 0) {
                return;
            }
            int from = at + marker.length();
            int index = Integer.parseInt(message, from, message.indexOf('"', from), 10);
            if (index < seen.length && !seen[index]) {
                seen[index] = true;
                receivedWallMicros[index] = EventTime.nowMicros(Clock.systemUTC());
                long micros = Math.max(0, (now - scheduled[index]) / 1_000);
                latency.recordValue(micros);
                perOrder[index] = micros;
                answered.incrementAndGet();
                if (!execution) {
                    refused.incrementAndGet();
                }
            }
        }
    }
}
