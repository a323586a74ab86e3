package dev.tickflow.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import dev.tickflow.model.topic.TopicProvisioner;
import dev.tickflow.model.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft broker (combined broker and controller) from the Apache Kafka artifacts, run as its own process
 * with its log directory in the state directory, so that a restart keeps every topic and offset.
 */
final class KafkaBroker {

    static final String NAME = "kafka";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final StackSettings settings;
    private final ManagedProcess process;

    KafkaBroker(StackSettings settings) {
        this.settings = settings;
        this.process = new ManagedProcess(NAME, settings);
    }

    ManagedProcess process() {
        return process;
    }

    void ensureRunning() {
        if (process.running().isPresent()) {
            Console.line("  %-14s already running on %s", NAME, settings.kafkaBootstrap());
            // a newer build may know topics the running broker does not have yet
            reportCreated(provisionTopics());
            return;
        }
        if (Ports.inUse(settings.kafkaPort()) || Ports.inUse(settings.controllerPort())) {
            throw new LauncherException("port " + settings.kafkaPort() + " or " + settings.controllerPort()
                    + " is taken by another process; choose others with --kafka-port=N");
        }
        long start = System.nanoTime();
        Console.partial(String.format("  %-14s starting on %s ...", NAME, settings.kafkaBootstrap()));
        Path config = writeConfig();
        if (!Files.isRegularFile(settings.kafkaDir().resolve("data").resolve("meta.properties"))) {
            format(config);
        }
        // a single-node broker at local rates keeps little on the heap (the log lives in the page cache, and the log
        // cleaner's buffer is small: SingleNodeBrokerConfig): a small heap, collected serially like the services'
        process.start(List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:ReservedCodeCacheSize=64m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-Dorg.slf4j.simpleLogger.showDateTime=true", "-cp", Launcher.classpath(),
                "kafka.Kafka", config.toString()),
                Map.of(), settings.kafkaDir());
        awaitReady();
        Console.line(" ready in %.1f s", (System.nanoTime() - start) / 1e9);
        reportCreated(provisionTopics());
    }

    private static void reportCreated(List<String> created) {
        if (!created.isEmpty()) {
            Console.line("  %-14s created %d topics from the catalogue", "", created.size());
        }
    }

    private Path writeConfig() {
        Properties server = SingleNodeBrokerConfig.plaintext(settings.kafkaDir().resolve("data"), settings.kafkaPort(),
                settings.controllerPort());
        Path file = settings.kafkaDir().resolve("server.properties");
        try {
            Files.createDirectories(file.getParent());
            try (Writer out = Files.newBufferedWriter(file)) {
                server.store(out, "written by ./tickflow up on every start");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private void format(Path config) {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", Launcher.classpath(),
                "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString());
        try {
            Files.createDirectories(settings.logDir());
            Process format = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(process.logFile().toFile())).start();
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new LauncherException("formatting the Kafka log directory failed; see " + process.logFile());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("interrupted");
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (process.running().isEmpty()) {
                throw new LauncherException("the broker exited during start; see " + process.logFile());
            }
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                Launcher.sleep(Duration.ofMillis(300));
            }
        }
        throw new LauncherException("the broker was not ready within " + READY_TIMEOUT.toSeconds() + " s; see " + process.logFile());
    }

    private List<String> provisionTopics() {
        try (Admin admin = admin()) {
            return TopicProvisioner.ensure(admin, Topics.all(), 1, settings.partitions());
        } catch (Exception e) {
            throw new LauncherException("creating topics failed: " + e.getMessage(), e);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000));
    }
}
