package dev.tickflow.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickflow.model.DailyStats;
import dev.tickflow.model.EventTime;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.testsupport.DemoAccounts;
import dev.tickflow.testsupport.EmbeddedPostgresql;
import dev.tickflow.testsupport.TestInstruments;
import dev.tickflow.testsupport.ServiceProcess;
import dev.tickflow.testsupport.TopicClient;
import org.awaitility.Awaitility;

/** Starting the packaged trading services against one broker, and talking to them over HTTP as a client would. */
final class TradingStack {

    static final Duration START = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.Set<String> ACCOUNTS_PUBLISHED = new java.util.HashSet<>();

    private TradingStack() {
    }

    static Path servicesDir() {
        return Path.of(System.getProperty("tickflow.services.dir", "../services"));
    }

    /**
     * An empty directory for one test's services. The broker is new in every test JVM, so state left by an earlier
     * run would describe topics that no longer exist.
     */
    static Path freshDirectory(String name) throws IOException {
        Path directory = Path.of("target/system-tests", name);
        if (Files.exists(directory)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return Files.createDirectories(directory);
    }

    /**
     * A service on the broker, with fast failure detection so that a killed instance's partitions move quickly. The
     * packaged services know accounts only from ref.accounts: the demo accounts are published there first.
     */
    static ServiceProcess start(String service, Path workDir, String bootstrap, Map<String, String> extra) {
        publishAccountsOnce(bootstrap);
        Map<String, String> properties = new HashMap<>();
        properties.put("kafka.bootstrap.servers", bootstrap);
        properties.put("tickflow.state-dir", workDir.resolve(service + "-state").toString());
        properties.put("kafka-streams.session.timeout.ms", "6000");
        properties.put("kafka-streams.heartbeat.interval.ms", "1500");
        properties.put("tickflow.risk.session-timeout", "6s");
        properties.put("tickflow.matching.session-timeout", "6s");
        // any free port for the gateway's FIX acceptor: a local stack may hold the usual one
        properties.put("tickflow.gateway.fix.port", "0");
        properties.put("quarkus.log.console.format", "%d{HH:mm:ss,SSS} %-5p [%c{2.}] (%t) %s%e%n");
        properties.putAll(extra);
        return ServiceProcess.start(servicesDir(), service, workDir, properties);
    }

    /** The settings that point a service at the embedded PostgreSQL (history, reference-data). */
    static Map<String, String> database(EmbeddedPostgresql postgres) {
        return Map.of("quarkus.datasource.jdbc.url", postgres.jdbcUrl(), "quarkus.datasource.reactive.url", postgres.reactiveUrl(),
                "quarkus.datasource.username", EmbeddedPostgresql.USER, "quarkus.datasource.password", "");
    }

    private static synchronized void publishAccountsOnce(String bootstrap) {
        if (ACCOUNTS_PUBLISHED.add(bootstrap)) {
            try (TopicClient topics = new TopicClient(bootstrap)) {
                DemoAccounts.publish(topics);
            }
        }
    }

    record Reply(int status, JsonNode body) {
    }

    static Reply send(ServiceProcess service, String method, String path, String token, Object body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.url(path)).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        return new Reply(response.statusCode(), json);
    }

    static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    /**
     * The session statistics market-stats would publish after a trade at this price (risk and surveillance price from
     * it), and the symbol's instrument as reference-data would publish it (risk refuses symbols it does not list).
     */
    static void lastTrade(TopicClient topics, String symbol, String price) {
        TestInstruments.publish(topics, symbol);
        long last = FixedPoint.parse(price);
        long now = EventTime.fromMillis(System.currentTimeMillis());
        topics.send(Topics.MD_DAILY_STATS, symbol, DailyStats.newBuilder().setSymbol(symbol).setTradingDate("2026-11-20")
                .setOpen(last).setHigh(last).setLow(last).setLast(last).setPreviousClose(null).setChangePpm(0).setVolume(1)
                .setTurnover(last).setTradeCount(1).setLastEventTimeMicros(now).setFirstEventTimeMicros(now).setLastQuantity(1)
                .setLastSide(null).setLastVenue(null).build());
    }

    /**
     * Lifts any kill switch an earlier system test (the broker is shared within the test JVM) left on the demo traders,
     * and waits until risk has taken it in.
     */
    static void resumeDemoTraders(ServiceProcess risk) throws IOException, InterruptedException {
        for (String account : new String[] {"alice", "bob"}) {
            send(risk, "POST", "/accounts/" + account + "/resume", "ops-demo-token", null);
            Awaitility.await().atMost(START).until(() -> !send(risk, "GET", "/accounts/" + account + "/risk", "ops-demo-token", null)
                    .body().path("halted").asBoolean());
        }
    }

    /** Stops the services that were started, in the order given. */
    static void stopAll(ServiceProcess... services) {
        for (ServiceProcess service : services) {
            if (service != null) {
                service.close();
            }
        }
    }

    static URI webSocket(ServiceProcess gateway, String path) {
        return URI.create("ws://localhost:" + gateway.port() + path);
    }
}
