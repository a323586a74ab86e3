package dev.tickflow.launcher;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./tickflow up | down | status | logs <component> [-f] | tail <topic> [--from-beginning] [--max=N]}.
 * The script ./tickflow finds a JDK 21+, builds what is missing, then runs this with the repository root.
 */
public final class Tickflow {

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final StackSettings settings;

    private Tickflow(StackSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("tickflow.root", ".")).toAbsolutePath().normalize();
        List<String> rest = new ArrayList<>();
        try {
            StackSettings settings = StackSettings.resolve(root, List.of(args), System.getenv(), rest);
            String command = rest.isEmpty() ? "help" : rest.removeFirst();
            Tickflow tickflow = new Tickflow(settings);
            switch (command) {
                case "up" -> tickflow.up(rest);
                case "down" -> tickflow.down();
                case "status" -> tickflow.status();
                case "logs" -> tickflow.logs(rest);
                case "tail" -> tickflow.tail(rest);
                default -> help();
            }
        } catch (LauncherException e) {
            Console.error("tickflow: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void help() {
        Console.line("""
                usage: ./tickflow <command> [--state-dir=DIR] [--kafka-port=N] [--postgres-port=N] [--service-port-offset=N]
                                         [--partitions=N]   (most partitions per topic on a new state directory, 1)
                  up                      build what is missing, start Kafka, PostgreSQL and every service, print their URLs
                  up kafka                the broker alone, with every catalogue topic
                  down                    stop everything (state is kept in the state directory)
                  status                  what runs, where, and whether it is ready
                  logs <component> [-f]   a component's log (kafka, postgres or a service), -f to follow
                  tail <topic> [--from-beginning] [--max=N]
                                          print a topic's records as JSON, one per line
                  dev <service>           run one service in Quarkus dev mode (live reload) against the stack""");
    }

    private void up(List<String> only) {
        settings.save();
        if (only.equals(List.of(KafkaBroker.NAME))) {
            // the broker alone: for a service in dev mode, or a baseline beside the whole stack
            Console.line("Tickflow: starting the broker alone (state in %s)", settings.stateDir());
            new KafkaBroker(settings).ensureRunning();
            Console.line("  %-14s %s", KafkaBroker.NAME, settings.kafkaBootstrap());
            return;
        }
        if (!only.isEmpty()) {
            throw new LauncherException("up takes no arguments but kafka (the broker alone): " + only);
        }
        Console.line("Tickflow: starting (state in %s)", settings.stateDir());
        new Postgres(settings).ensureRunning();
        new KafkaBroker(settings).ensureRunning();
        List<Service> services = ServiceCatalog.load(settings);
        new ServiceRunner(settings).ensureRunning(services);
        Console.line("");
        Console.line("Tickflow is up.");
        Console.line("  %-14s %s", "kafka", settings.kafkaBootstrap());
        Console.line("  %-14s %s (user %s)", "postgres", settings.postgresJdbcUrl(PostgresKeeper.DATABASE), PostgresKeeper.USER);
        for (Service service : services) {
            Console.line("  %-14s %s   swagger %s/q/swagger-ui   metrics %s/q/metrics", service.name(), service.url(), service.url(),
                    service.url());
        }
        if (services.stream().anyMatch(service -> service.name().equals("order-gateway"))) {
            Console.line("  %-14s localhost:%d   FIX 4.4: SenderCompID = account, TargetCompID TICKFLOW, Password (554) = token",
                    "fix", settings.fixPort());
        }
        Console.line("");
        services.stream().filter(service -> service.name().equals("web")).findFirst().ifPresent(web -> {
            Console.line("Dashboard: %s/   (sign in with alice-demo-token or bob-demo-token)", web.url());
            Console.line("");
        });
        Console.line("Try: ./tickflow tail md.ticks     ./tickflow status     ./tickflow down");
    }

    private void down() {
        List<Service> services = ServiceCatalog.load(settings);
        ServiceRunner runner = new ServiceRunner(settings);
        for (Service service : services.reversed()) {
            stop(runner.process(service));
        }
        stop(new KafkaBroker(settings).process());
        stop(new Postgres(settings).process());
    }

    private static void stop(ManagedProcess process) {
        if (process.running().isEmpty()) {
            Console.line("  %-14s not running", process.name());
            return;
        }
        Console.partial(String.format("  %-14s stopping ...", process.name()));
        process.stop(STOP_GRACE);
        Console.line(" stopped");
    }

    private void status() {
        Console.line("%-14s %-8s %-11s %s", "COMPONENT", "PID", "STATE", "ADDRESS");
        Postgres postgres = new Postgres(settings);
        row(postgres.process(), postgres.ready(), "localhost:" + settings.postgresPort());
        KafkaBroker kafka = new KafkaBroker(settings);
        row(kafka.process(), Ports.inUse(settings.kafkaPort()), settings.kafkaBootstrap());
        ServiceRunner runner = new ServiceRunner(settings);
        for (Service service : ServiceCatalog.load(settings)) {
            ServiceRunner.Health health = runner.health(service);
            String state = switch (health.state()) {
                case READY -> "ready";
                case STARTING -> "starting";
                case NOT_WORKING -> "NOT WORKING";
            };
            row(runner.process(service), state, service.url() + (health.detail().isEmpty() ? "" : "  (" + health.detail() + ")"));
        }
    }

    private static void row(ManagedProcess process, boolean ready, String address) {
        row(process, ready ? "ready" : "starting", address);
    }

    /** A component's line: a stopped process is stopped, whatever its health would have said. */
    private static void row(ManagedProcess process, String runningState, String address) {
        Optional<ProcessHandle> handle = process.running();
        String state = handle.isEmpty() ? "stopped" : runningState;
        Console.line("%-14s %-8s %-11s %s", process.name(), handle.map(h -> Long.toString(h.pid())).orElse("-"), state, address);
    }

    private void logs(List<String> args) {
        if (args.isEmpty()) {
            throw new LauncherException("which log? kafka, postgres or one of " + ServiceCatalog.load(settings).stream()
                    .map(Service::name).toList());
        }
        Path file = new ManagedProcess(args.getFirst(), settings).logFile();
        if (!Files.isRegularFile(file)) {
            throw new LauncherException("no log at " + file);
        }
        boolean follow = args.contains("-f") || args.contains("--follow");
        try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
            long length = log.length();
            long start = Math.max(0, length - 32 * 1024);
            log.seek(start);
            printFrom(log);
            while (follow) {
                Launcher.sleep(Duration.ofMillis(300));
                printFrom(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void printFrom(RandomAccessFile log) throws IOException {
        long available = log.length() - log.getFilePointer();
        if (available <= 0) {
            return;
        }
        byte[] bytes = new byte[(int) Math.min(available, 1 << 20)];
        log.readFully(bytes);
        Console.partial(new String(bytes, StandardCharsets.UTF_8));
    }

    private void tail(List<String> args) {
        List<String> positional = args.stream().filter(arg -> !arg.startsWith("-")).toList();
        if (positional.isEmpty()) {
            throw new LauncherException("which topic? for example: ./tickflow tail md.ticks");
        }
        boolean fromBeginning = args.contains("--from-beginning");
        long max = args.stream().filter(arg -> arg.startsWith("--max")).findFirst()
                .map(arg -> Long.parseLong(arg.substring(arg.indexOf('=') + 1).trim())).orElse(Long.MAX_VALUE);
        TopicTail.run(settings, positional.getFirst(), fromBeginning, max);
    }
}
