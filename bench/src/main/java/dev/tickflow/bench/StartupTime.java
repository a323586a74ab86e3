package dev.tickflow.bench;

import static dev.tickflow.bench.BenchSupport.OUT;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tickflow.testsupport.EmbeddedKafka;
import dev.tickflow.testsupport.EmbeddedPostgresql;

/**
 * Time from launching a packaged service to its readiness check answering 200, in JVM mode and with a JDK AOT cache
 * (JEP 483/514, JDK 25): the cache is trained by one run of the same service that starts, answers and exits, then
 * every measured run loads it. Each service starts several times per mode against one broker (and PostgreSQL for the
 * two services that keep tables), alternating modes so both see the same machine.
 *
 * <p>usage: StartupTime [runs] [service ...]   (default 5 runs of every service)
 */
public final class StartupTime {

    private static final List<String> ALL = List.of("market-feed", "market-stats", "matching-engine", "risk", "order-gateway",
            "reference-data", "history", "web", "strategy", "surveillance");
    private static final List<String> WITH_DATABASE = List.of("reference-data", "history");
    private static final Pattern STARTED = Pattern.compile("started in (\\d+\\.\\d+)s");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    /** One start: launch to ready, what Quarkus itself reports, and the resident memory once ready. */
    record Start(long readyMillis, double quarkusSeconds, long rssKib) {
    }

    private StartupTime() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> services = args.length > 1 ? Arrays.asList(args).subList(1, args.length) : ALL;
        int feature = Runtime.version().feature();
        boolean aot = feature >= 25;
        Path work = Files.createTempDirectory("tickflow-startup");
        String bootstrap = EmbeddedKafka.get().bootstrapServers();
        OUT.printf("startup: JDK %s, %d runs per mode, broker %s%s%n", Runtime.version(), runs, bootstrap,
                aot ? "" : " (no AOT cache before JDK 25: JVM mode only)");
        OUT.printf("%-16s %-6s %10s %10s %10s %12s %10s%n", "service", "mode", "ready p50", "min", "max", "quarkus p50", "RSS p50");
        for (String service : services) {
            Map<String, String> env = environment(service, bootstrap, work);
            Path app = BenchSupport.root().resolve("services").resolve(service).resolve("target/quarkus-app");
            Path cache = work.resolve(service + ".aot");
            if (aot) {
                train(service, app, env, cache, work);
            }
            List<Start> jvm = new ArrayList<>();
            List<Start> cached = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                jvm.add(start(service, app, env, List.of(), work));
                if (aot) {
                    cached.add(start(service, app, env, List.of("-XX:AOTCache=" + cache), work));
                }
            }
            report(service, "jvm", jvm);
            if (aot) {
                report(service, "aot", cached);
                OUT.printf("%-16s %-6s %9.0f%% (cache %d MiB)%n", service, "gain",
                        100.0 * (1 - (double) median(cached, Start::readyMillis) / median(jvm, Start::readyMillis)),
                        Files.size(cache) >> 20);
            }
        }
    }

    private static Map<String, String> environment(String service, String bootstrap, Path work) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("TICKFLOW_STATE_DIR", work.resolve("state").toString());
        env.put("TICKFLOW_GATEWAY_FIX_PORT", "0");
        if (WITH_DATABASE.contains(service)) {
            EmbeddedPostgresql database = EmbeddedPostgresql.get();
            env.put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl());
            env.put("QUARKUS_DATASOURCE_REACTIVE_URL", database.reactiveUrl());
            env.put("QUARKUS_DATASOURCE_USERNAME", EmbeddedPostgresql.USER);
            env.put("QUARKUS_DATASOURCE_PASSWORD", "");
        }
        return env;
    }

    /** One run that writes the AOT cache as the JVM exits: start, answer a few requests, stop cleanly. */
    private static void train(String service, Path app, Map<String, String> env, Path cache, Path work) throws Exception {
        Files.deleteIfExists(cache);
        int port = BenchSupport.freePort();
        Process process = launch(service, app, env, List.of("-XX:AOTCacheOutput=" + cache), port, work.resolve(service + "-train.log"));
        awaitReady(service, process, port);
        for (String path : List.of("/q/health", "/q/metrics", "/q/openapi")) {
            HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.discarding());
        }
        process.destroy();
        if (!process.waitFor(120, TimeUnit.SECONDS) || !Files.isRegularFile(cache)) {
            process.destroyForcibly();
            throw new IllegalStateException(service + ": no AOT cache written; see " + work.resolve(service + "-train.log"));
        }
    }

    private static Start start(String service, Path app, Map<String, String> env, List<String> jvmOptions, Path work) throws Exception {
        int port = BenchSupport.freePort();
        Path log = work.resolve(service + ".log");
        long launched = System.nanoTime();
        Process process = launch(service, app, env, jvmOptions, port, log);
        awaitReady(service, process, port);
        long readyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launched);
        long rss = residentKib(process.pid());
        BenchSupport.stop(process);
        Matcher started = STARTED.matcher(Files.readString(log));
        double quarkus = started.find() ? Double.parseDouble(started.group(1)) : Double.NaN;
        return new Start(readyMillis, quarkus, rss);
    }

    /** The service as production runs it: from its quarkus-app directory (the AOT cache records relative paths). */
    private static Process launch(String service, Path app, Map<String, String> env, List<String> jvmOptions, int port, Path log)
            throws IOException {
        if (!Files.isRegularFile(app.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(app + " is missing: package " + service + " first");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", "quarkus-run.jar"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(app.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        return builder.start();
    }

    private static void awaitReady(String service, Process process, int port) throws InterruptedException {
        URI ready = URI.create("http://localhost:" + port + "/q/health/ready");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service + " exited with " + process.exitValue());
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(1)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(10);
        }
        process.destroyForcibly();
        throw new IllegalStateException(service + " not ready in 90 s");
    }

    private static long residentKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            // not Linux: no figure
        }
        return -1;
    }

    private static void report(String service, String mode, List<Start> starts) {
        OUT.printf("%-16s %-6s %8d ms %7d ms %7d ms %10.2f s %7d MiB%n", service, mode, median(starts, Start::readyMillis),
                starts.stream().mapToLong(Start::readyMillis).min().orElse(0),
                starts.stream().mapToLong(Start::readyMillis).max().orElse(0),
                starts.stream().mapToDouble(Start::quarkusSeconds).sorted().toArray()[starts.size() / 2],
                median(starts, Start::rssKib) >> 10);
    }

    private static long median(List<Start> starts, ToLongFunction<Start> value) {
        return starts.stream().mapToLong(value).sorted().toArray()[starts.size() / 2];
    }
}
