package dev.tickflow.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Starts each service's packaged jar as its own process, pointed at the stack's broker and database. */
final class ServiceRunner {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Pattern DOWN_CHECK = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"\\s*,\\s*\"status\"\\s*:\\s*\"DOWN\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final StackSettings settings;

    ServiceRunner(StackSettings settings) {
        this.settings = settings;
    }

    ManagedProcess process(Service service) {
        return new ManagedProcess(service.name(), settings);
    }

    void ensureRunning(List<Service> services) {
        List<Service> started = new ArrayList<>();
        Map<Service, Long> startTimes = new LinkedHashMap<>();
        for (Service service : services) {
            ManagedProcess process = process(service);
            if (process.running().isPresent()) {
                Health health = settledHealth(service);
                if (health.state() != Health.State.NOT_WORKING) {
                    Console.line("  %-14s already running at %s", service.name(), service.url());
                    continue;
                }
                Console.line("  %-14s up but not working (%s): restarting", service.name(), health.detail());
                process.stop(STOP_GRACE);
            }
            if (!Files.isRegularFile(service.runnerJar())) {
                throw new LauncherException(service.name() + " is not built (" + service.runnerJar() + "); run ./tickflow up, "
                        + "which builds it");
            }
            if (Ports.inUse(service.port())) {
                throw new LauncherException("port " + service.port() + " for " + service.name() + " is taken; shift every "
                        + "service port with --service-port-offset=N");
            }
            process.start(javaArgs(service), environment(service, services), settings.runDir(service.name()));
            started.add(service);
            startTimes.put(service, System.nanoTime());
        }
        for (Service service : started) {
            Console.partial(String.format("  %-14s starting at %s ...", service.name(), service.url()));
            awaitReady(service);
            Console.line(" ready in %.1f s", (System.nanoTime() - startTimes.get(service)) / 1e9);
        }
    }

    boolean ready(Service service) {
        return health(service).state() == Health.State.READY;
    }

    /**
     * What a service's readiness says: ready; starting (no answer yet); or not working: it answers, and a check is DOWN
     * (Kafka Streams in ERROR, a partition that cannot be restored, ...), with the names of the checks that are.
     */
    record Health(State state, String detail) {
        enum State { READY, STARTING, NOT_WORKING }
    }

    Health health(Service service) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(service.url() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return new Health(Health.State.READY, "");
            }
            List<String> down = new ArrayList<>();
            Matcher check = DOWN_CHECK.matcher(response.body());
            while (check.find()) {
                down.add(check.group(1));
            }
            return new Health(Health.State.NOT_WORKING, down.isEmpty() ? "readiness " + response.statusCode() : String.join(", ", down)
                    + " down");
        } catch (Exception e) {
            return new Health(Health.State.STARTING, "");
        }
    }

    /** A service that answers not ready may be catching up: give it a while before calling it not working. */
    private Health settledHealth(Service service) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        Health health = health(service);
        while (health.state() == Health.State.NOT_WORKING && System.nanoTime() < deadline) {
            Launcher.sleep(Duration.ofSeconds(1));
            health = health(service);
        }
        return health;
    }

    private void awaitReady(Service service) {
        ManagedProcess process = process(service);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (process.running().isEmpty()) {
                throw new LauncherException(service.name() + " exited during start; see " + process.logFile());
            }
            if (ready(service)) {
                return;
            }
            Launcher.sleep(Duration.ofMillis(500));
        }
        throw new LauncherException(service.name() + " was not ready within " + READY_TIMEOUT.toSeconds() + " s; see "
                + process.logFile());
    }

    /** SHA-256 of {@code feed-demo-token}: the local stack's market data publisher, as the README shows it. */
    private static final String DEMO_FEED_TOKEN_SHA256 = "651a82f21043d71fa54c2d799c4a1afaa7d6942b7e9c5dcd9fd3661bad640d22";

    private static List<String> javaArgs(Service service) {
        // A dozen JVMs share a laptop: each keeps a small heap (RocksDB and Kafka buffers live outside it; at 1,000
        // ticks/s the young generations use 15 to 70 MB) and collects serially, as the services' native images do.
        List<String> args = new java.util.ArrayList<>(List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:ReservedCodeCacheSize=64m", "-Xss512k", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "--enable-native-access=ALL-UNNAMED"));
        if (service.name().equals("market-feed")) {
            // a publisher account is configuration, not reference data (which knows traders): the demo one is given here
            args.add("-Dtickflow.auth.accounts.feeder.token-sha256=" + DEMO_FEED_TOKEN_SHA256);
            args.add("-Dtickflow.auth.accounts.feeder.roles=feed");
        }
        args.add("-jar");
        args.add(service.runnerJar().toString());
        return args;
    }

    /** The dashboard's peers: its setting for each service's address, and for the latency panel's metrics pages. */
    private static final Map<String, String> WEB_PEERS = Map.of("order-gateway", "TICKFLOW_WEB_GATEWAY_URL", "risk",
            "TICKFLOW_WEB_RISK_URL", "market-stats", "TICKFLOW_WEB_STATS_URL", "history", "TICKFLOW_WEB_HISTORY_URL", "matching-engine",
            "TICKFLOW_WEB_MATCHING_URL");
    private static final Map<String, String> WEB_LATENCY = Map.of("market-feed", "TICKFLOW_WEB_LATENCY_FEED_METRICS", "market-stats",
            "TICKFLOW_WEB_LATENCY_BARS_METRICS", "order-gateway", "TICKFLOW_WEB_LATENCY_ORDERS_METRICS");

    private Map<String, String> environment(Service service, List<Service> stack) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(service.port()));
        env.put("KAFKA_BOOTSTRAP_SERVERS", settings.kafkaBootstrap());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", settings.postgresJdbcUrl(PostgresKeeper.DATABASE));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://localhost:" + settings.postgresPort() + "/" + PostgresKeeper.DATABASE);
        env.put("QUARKUS_DATASOURCE_USERNAME", PostgresKeeper.USER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", "");
        env.put("TICKFLOW_STATE_DIR", settings.stateDir().toString());
        // ./tickflow logs is read by people: text, not the JSON lines production ships to its log pipeline
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        // the local stack is for trying things out: reference-data creates the demo accounts the README uses
        env.put("TICKFLOW_DEMO_DATA", "true");
        if (service.name().equals("order-gateway")) {
            env.put("TICKFLOW_GATEWAY_FIX_PORT", Integer.toString(settings.fixPort()));
        }
        if (service.name().equals("web")) {
            // ports move with --service-port-offset: tell the dashboard where its peers really are
            for (Service peer : stack) {
                if (WEB_PEERS.containsKey(peer.name())) {
                    env.put(WEB_PEERS.get(peer.name()), peer.url());
                }
                if (WEB_LATENCY.containsKey(peer.name())) {
                    env.put(WEB_LATENCY.get(peer.name()), peer.url() + "/q/metrics");
                }
            }
        }
        return env;
    }
}
