package dev.tickflow.bench;

import static dev.tickflow.bench.BenchSupport.OUT;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.tools.attach.VirtualMachine;
import dev.tickflow.model.Tick;
import dev.tickflow.model.serde.AvroSerde;
import dev.tickflow.model.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the packaged local stack costs: CPU seconds per 1,000 ticks and resident memory of every component while the
 * simulator offers a fixed rate, beside the broker alone fed the same rate by a plain producer in the same run.
 *
 * <p>Both run through the launcher ({@code up kafka}, then {@code up}) on a state directory and ports of their own, so
 * a stack the user runs is not touched (but shares the cores: stop it first). CPU is read from {@code /proc} for each
 * component's process tree (PostgreSQL: its keeper, and the server, which pg_ctl detaches, found by its pid file);
 * memory as RSS and as PSS, which counts shared pages once (PostgreSQL's backends share their buffers). Consumer lag
 * is shown at the start and end of the measured window: a lag that grows means the stack does not keep up with the
 * rate. Wake-ups are the voluntary context switches of all of a component's threads. The broker's requests per
 * second, by type, come from its request metrics (through the JDK's attach mechanism: the launcher opens no JMX port):
 * on a small machine each request costs both sides a wake-up, so their count is the most direct measure of what the
 * stack asks of the broker.
 *
 * <p>usage: StackCost [ticks/s] [seconds] [warm-up seconds]   (default 1000 60 60)
 */
public final class StackCost {

    private static final long CLOCK_TICKS_PER_SECOND = 100;
    private static final int KAFKA_PORT = 29092;
    private static final int POSTGRES_PORT = 25432;
    private static final int SERVICE_PORT_OFFSET = 30000;
    private static final long FEED_STEP_MILLIS = 50;

    /** A component's cumulative CPU time, its threads' wake-ups and its memory now, over its process tree. */
    record Usage(long cpuTicks, Map<Long, Long> wakeupsByThread, long rssKib, long pssKib) {
    }

    private StackCost() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        Path work = Files.createTempDirectory("tickflow-stack-cost");
        OUT.printf("stack-cost: %,d ticks/s offered, %d s measured after %d s warm-up, JDK %s, %d cores%n%n", rate, seconds, warmup,
                Runtime.version(), Runtime.getRuntime().availableProcessors());

        Path brokerState = work.resolve("broker-alone");
        launcher(brokerState, Map.of(), "up", "kafka");
        Window baseline;
        try {
            baseline = feedBrokerAlone(brokerState, rate, seconds, warmup);
        } finally {
            launcher(brokerState, Map.of(), "down");
        }

        Path stackState = work.resolve("stack");
        launcher(stackState, Map.of("TICKFLOW_FEED_SIMULATOR_TICKS_PER_SECOND", Integer.toString(rate)), "up");
        Window stack;
        try {
            stack = measure(stackState, seconds, warmup, null);
        } finally {
            launcher(stackState, Map.of(), "down");
        }

        report("broker alone, a plain producer offering the rate (baseline)", baseline);
        OUT.println();
        report("the whole stack, the simulator offering the rate", stack);
        OUT.println();
        OUT.println("consumer lag (records behind the end of their inputs), start -> end of the window:");
        stack.lagBefore().forEach((group, before) -> OUT.printf("  %-28s %,10d -> %,d%n", group, before,
                stack.lagAfter().getOrDefault(group, 0L)));
        System.exit(0);
    }

    /** One measured window: the components' usage at its start and end, and the ticks that reached md.ticks in it. */
    record Window(double seconds, long ticks, Map<String, Usage> before, Map<String, Usage> after, Map<String, Long> lagBefore,
            Map<String, Long> lagAfter, String brokerRequests) {
    }

    private static Window feedBrokerAlone(Path state, int rate, int seconds, int warmup) throws Exception {
        AtomicBoolean feeding = new AtomicBoolean(true);
        Thread producer = new Thread(() -> produce(rate, feeding), "baseline-producer");
        producer.start();
        try {
            return measure(state, seconds, warmup, producer);
        } finally {
            feeding.set(false);
            producer.join();
        }
    }

    private static Window measure(Path state, int seconds, int warmup, Thread feeder) throws Exception {
        String bootstrap = "localhost:" + KAFKA_PORT;
        BenchSupport.sleep(Duration.ofSeconds(warmup));
        if (feeder != null && !feeder.isAlive()) {
            throw new IllegalStateException("the baseline producer stopped");
        }
        Map<String, Long> lagBefore = lags(bootstrap);
        try (JMXConnector broker = brokerManagement(state)) {
            BrokerRequests requestsBefore = BrokerRequests.of(broker.getMBeanServerConnection());
            Map<String, Usage> before = usage(state);
            long ticksBefore = BenchSupport.endOffsets(bootstrap, Topics.MD_TICKS.name());
            long start = System.nanoTime();
            BenchSupport.sleep(Duration.ofSeconds(seconds));
            Map<String, Usage> after = usage(state);
            long ticks = BenchSupport.endOffsets(bootstrap, Topics.MD_TICKS.name()) - ticksBefore;
            double elapsed = (System.nanoTime() - start) / 1e9;
            String requests = BrokerRequests.of(broker.getMBeanServerConnection()).perSecondSince(requestsBefore, elapsed);
            return new Window(elapsed, ticks, before, after, lagBefore, lags(bootstrap), requests);
        }
    }

    /** The broker's platform MBean server, through a management agent started in it by the JDK's attach mechanism. */
    private static JMXConnector brokerManagement(Path state) throws Exception {
        String pid = Files.readString(state.resolve("pids").resolve("kafka.pid")).trim();
        VirtualMachine broker = VirtualMachine.attach(pid);
        try {
            return JMXConnectorFactory.connect(new JMXServiceURL(broker.startLocalManagementAgent()));
        } finally {
            broker.detach();
        }
    }

    private static void report(String title, Window window) {
        OUT.printf("%s: %,d ticks in %.0f s (%,.0f ticks/s)%n", title, window.ticks(), window.seconds(), window.ticks() / window.seconds());
        OUT.printf("| %-16s | %14s | %12s | %10s | %8s | %8s |%n", "component", "CPU s / 1k ticks", "% of a core", "wake-ups/s",
                "RSS MiB", "PSS MiB");
        OUT.printf("|%s|%s|%s|%s|%s|%s|%n", "-".repeat(18), "-".repeat(18), "-".repeat(14), "-".repeat(12), "-".repeat(10),
                "-".repeat(10));
        double totalCpu = 0;
        long totalWakeups = 0;
        long totalRss = 0;
        long totalPss = 0;
        for (Map.Entry<String, Usage> entry : window.after().entrySet()) {
            Usage before = window.before().getOrDefault(entry.getKey(), new Usage(0, Map.of(), 0, 0));
            double cpu = (entry.getValue().cpuTicks() - before.cpuTicks()) / (double) CLOCK_TICKS_PER_SECOND;
            // per thread, so that a thread ending within the window takes only its own count away, not its whole life's
            long wakeups = 0;
            for (Map.Entry<Long, Long> thread : entry.getValue().wakeupsByThread().entrySet()) {
                wakeups += thread.getValue() - before.wakeupsByThread().getOrDefault(thread.getKey(), 0L);
            }
            totalCpu += cpu;
            totalWakeups += wakeups;
            totalRss += entry.getValue().rssKib();
            totalPss += entry.getValue().pssKib();
            row(entry.getKey(), cpu, wakeups, window, entry.getValue().rssKib(), entry.getValue().pssKib());
        }
        row("total", totalCpu, totalWakeups, window, totalRss, totalPss);
        OUT.printf("broker requests per second: %s%n", window.brokerRequests());
    }

    private static void row(String name, double cpuSeconds, long wakeups, Window window, long rssKib, long pssKib) {
        double perThousand = window.ticks() == 0 ? Double.NaN : cpuSeconds / (window.ticks() / 1000.0);
        OUT.printf("| %-16s | %16.3f | %11.1f%% | %,10.0f | %8d | %8d |%n", name, perThousand, 100 * cpuSeconds / window.seconds(),
                wakeups / window.seconds(), rssKib >> 10, pssKib >> 10);
    }

    /** Every component the launcher started, by its pid file, with its process tree's usage. */
    private static Map<String, Usage> usage(Path state) throws IOException {
        Map<String, Usage> usage = new TreeMap<>();
        try (Stream<Path> files = Files.list(state.resolve("pids"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".pid")).toList()) {
                String name = file.getFileName().toString().replace(".pid", "");
                Set<Long> roots = new LinkedHashSet<>();
                roots.add(Long.parseLong(Files.readString(file).trim()));
                if (name.equals("postgres")) {
                    // pg_ctl detaches the server from the keeper that started it: its processes are no descendants
                    postmaster(state).ifPresent(roots::add);
                }
                Set<Long> tree = new LinkedHashSet<>();
                for (long root : roots) {
                    tree.add(root);
                    ProcessHandle.of(root).ifPresent(handle -> handle.descendants().forEach(child -> tree.add(child.pid())));
                }
                long cpu = 0;
                Map<Long, Long> wakeups = new HashMap<>();
                long rss = 0;
                long pss = 0;
                for (long member : tree) {
                    cpu += cpuTicks(member);
                    wakeups.putAll(wakeups(member));
                    rss += memoryKib(member, "Rss:");
                    pss += memoryKib(member, "Pss:");
                }
                usage.put(name, new Usage(cpu, wakeups, rss, pss));
            }
        }
        return usage;
    }

    /** The PostgreSQL server's main process, from the first line of its data directory's {@code postmaster.pid}. */
    private static Optional<Long> postmaster(Path state) throws IOException {
        Path pidFile = state.resolve("postgres").resolve("data").resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        return Files.readAllLines(pidFile).stream().findFirst().map(String::trim).map(Long::parseLong);
    }

    /** User and system time of a process, in clock ticks ({@code /proc/<pid>/stat}, fields 14 and 15). */
    private static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name may hold spaces: the fields are counted from after its closing parenthesis (field 3 on)
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Voluntary context switches of every thread of a process: each is a thread that went to sleep and was woken
     * again (a poll, a timer, a request handed between threads), the cost a small machine pays per wake-up.
     */
    private static Map<Long, Long> wakeups(long pid) {
        Map<Long, Long> byThread = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")) {
                            byThread.put(Long.parseLong(task.getFileName().toString()),
                                    Long.parseLong(line.substring(line.indexOf(':') + 1).trim()));
                        }
                    }
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            // gone meanwhile
        }
        return byThread;
    }

    private static long memoryKib(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException e) {
            // gone meanwhile
        }
        return 0;
    }

    /** Per consumer group, how far its committed offsets are behind the ends of the partitions it consumes. */
    private static Map<String, Long> lags(String bootstrap) throws Exception {
        Map<String, Long> lags = new TreeMap<>();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS)) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
                Map<TopicPartition, Long> ends = new HashMap<>();
                admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((partition, info) -> ends.put(partition, info.offset()));
                long lag = 0;
                for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
                    if (entry.getValue() != null) {
                        lag += Math.max(0, ends.getOrDefault(entry.getKey(), 0L) - entry.getValue().offset());
                    }
                }
                lags.put(group.groupId(), lag);
            }
        }
        return lags;
    }

    /**
     * The market-feed's publishing without the service: simulated ticks at a paced rate, with its producer settings, in
     * steps of {@link #FEED_STEP_MILLIS} as its simulator sends them ({@code tickflow.feed.simulator.slot}), so the broker
     * alone gets as many produce requests as from the stack.
     */
    private static void produce(int rate, AtomicBoolean feeding) {
        String topic = Topics.MD_TICKS.name();
        AvroSerde<Tick> serde = AvroSerde.of(Tick.class);
        SimulatedTicks ticks = new SimulatedTicks();
        long sent = 0;
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(SimulatedTicks.producerSettings("localhost:" + KAFKA_PORT),
                new StringSerializer(), new ByteArraySerializer())) {
            while (feeding.get()) {
                long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
                for (; sent < due; sent++) {
                    Tick tick = ticks.next();
                    producer.send(new ProducerRecord<>(topic, tick.getSymbol(), serde.serialize(topic, tick)));
                }
                TimeUnit.MILLISECONDS.sleep(FEED_STEP_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs the launcher on the benchmark's own state directory and ports, as {@code ./tickflow} would. */
    private static void launcher(Path state, Map<String, String> env, String... command) throws Exception {
        Path root = BenchSupport.root();
        Path jar = root.resolve("launcher/target/launcher.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: bench/run.sh stack-cost builds it");
        }
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=error", "-Dtickflow.root=" + root, "-jar", jar.toString()));
        line.addAll(List.of(command));
        line.addAll(List.of("--state-dir=" + state, "--kafka-port=" + KAFKA_PORT, "--postgres-port=" + POSTGRES_PORT,
                "--service-port-offset=" + SERVICE_PORT_OFFSET));
        ProcessBuilder builder = new ProcessBuilder(line).inheritIO();
        builder.environment().putAll(env);
        Process launcher = builder.start();
        if (!launcher.waitFor(10, TimeUnit.MINUTES) || launcher.exitValue() != 0) {
            throw new IllegalStateException("./tickflow " + String.join(" ", command) + " failed");
        }
    }
}
