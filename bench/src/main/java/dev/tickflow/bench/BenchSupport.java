package dev.tickflow.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tickflow.model.topic.TopicSpec;
import org.apache.avro.specific.SpecificRecord;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** What the harnesses share: starting a service jar, reading its metrics, counting a topic's records. */
final class BenchSupport {

    static final PrintStream OUT = System.out;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Services this harness started: they go when it goes, even when it is interrupted, not to burn the next run's cores. */
    private static final List<Process> STARTED = new java.util.concurrent.CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(Process::destroyForcibly), "bench-services-stop"));
    }

    private BenchSupport() {
    }

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("run from inside the repository");
        }
        return dir;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Starts a service's packaged jar against the given broker; returns once it is ready. */
    static Process startService(String service, int port, String bootstrap, Map<String, String> env, Path log) throws Exception {
        Path jar = root().resolve("services").resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./mvnw package -DskipTests first");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED"));
        // The services run with the serial collector and a small young generation, as their native images do: on two shared
        // cores a parallel or concurrent collector competes with the services for them, and a large young generation
        // copies more live data per pause. Metaspace starts large enough that its first threshold does not set off a full
        // collection minutes into a run (80-230 ms, seen in the measured window). TICKFLOW_BENCH_SERVICE_JVM_OPTS replaces
        // this for the services, TICKFLOW_BENCH_JVM_OPTS_<SERVICE> (ORDER_GATEWAY, say) for one of them.
        command.addAll(serviceJvmOptions(service));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        // the gateway's FIX acceptor on any free port: a local stack may hold the usual one
        builder.environment().put("TICKFLOW_GATEWAY_FIX_PORT", "0");
        builder.environment().putAll(env);
        Process process = builder.start();
        STARTED.add(process);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service + " exited; see " + log);
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return process;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException(service + " was not ready in 60 s; see " + log);
    }

    /** The collector and memory options a service runs with here: the defaults above, or the environment's. */
    static List<String> serviceJvmOptions(String service) {
        String own = "TICKFLOW_BENCH_JVM_OPTS_" + service.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        String extra = System.getenv().getOrDefault(own,
                System.getenv().getOrDefault("TICKFLOW_BENCH_SERVICE_JVM_OPTS", "-XX:+UseSerialGC -Xmn64m -XX:MetaspaceSize=256m"));
        return extra == null || extra.isBlank() ? List.of() : List.of(extra.trim().split("\\s+"));
    }

    static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    static String metrics(int port) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Sum of every sample of a Prometheus metric whose line matches the filter. */
    static double metric(String metrics, String name, String filter) {
        double sum = 0;
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(metrics);
        while (matcher.find()) {
            String labels = matcher.group(1) == null ? "" : matcher.group(1);
            if (labels.contains(filter)) {
                sum += Double.parseDouble(matcher.group(2));
            }
        }
        return sum;
    }

    /** Records on a topic so far: the sum of its partitions' end offsets. */
    static long endOffsets(String bootstrap, String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Every record now on the topic that matches, decoded: read from the beginning up to the current end offsets. */
    static <V extends SpecificRecord> List<V> readAll(String bootstrap, TopicSpec<V> topic, Predicate<V> filter) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        List<V> matched = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic.name(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    V value = topic.valueSerde().deserialize(topic.name(), record.value());
                    if (filter.test(value)) {
                        matched.add(value);
                    }
                }
            }
        }
        return matched;
    }

    static void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }
}
