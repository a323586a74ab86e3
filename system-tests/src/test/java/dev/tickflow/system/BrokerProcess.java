package dev.tickflow.system;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import dev.tickflow.launcher.SingleNodeBrokerConfig;
import dev.tickflow.model.topic.TopicProvisioner;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.testsupport.ServiceProcess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A plaintext single-node broker in its own process, as the local stack runs it, so that a test can SIGKILL it and
 * start it again on the same port and log directory.
 */
final class BrokerProcess implements AutoCloseable {

    private final Path directory;
    private final Path config;
    private final int port;
    private Process process;

    private BrokerProcess(Path directory, Path config, int port) {
        this.directory = directory;
        this.config = config;
        this.port = port;
    }

    /** With the catalogue's partition counts, as a cluster has them. */
    static BrokerProcess start(Path directory) throws Exception {
        return start(directory, Topics.mostPartitions());
    }

    /** With at most {@code partitionLimit} partitions per topic; {@link SingleNodeBrokerConfig#PARTITION_LIMIT} is the local stack's. */
    static BrokerProcess start(Path directory, int partitionLimit) throws Exception {
        int port = ServiceProcess.freePort();
        Properties server = SingleNodeBrokerConfig.plaintext(directory.resolve("data"), port, ServiceProcess.freePort());
        Files.createDirectories(directory);
        Path config = directory.resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(config)) {
            server.store(out, "a broker a test may kill");
        }
        Process format = java(directory.resolve("format.log"), "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                "-c", config.toString());
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
            throw new IllegalStateException("formatting failed: " + Files.readString(directory.resolve("format.log")));
        }
        BrokerProcess broker = new BrokerProcess(directory, config, port);
        broker.start();
        try (Admin admin = broker.admin()) {
            TopicProvisioner.ensure(admin, Topics.all(), 1, partitionLimit);
        }
        return broker;
    }

    /** Starts the broker (again), and waits until it answers. */
    void start() throws Exception {
        process = java(directory.resolve("broker.log"), "kafka.Kafka", config.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the broker exited; see " + directory.resolve("broker.log"));
            }
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("the broker was not ready in 90 s; see " + directory.resolve("broker.log"));
    }

    /** SIGKILL: nothing flushed, no controlled shutdown. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000));
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static Process java(Path log, String... mainAndArguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(mainAndArguments));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }
}
