package dev.tickflow.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.concurrent.TimeUnit;

/**
 * A packaged service ({@code services/<name>/target/quarkus-app}) run as its own JVM, as it runs in production: on a
 * free port, with its log in a file, and killable with SIGKILL to test what survives a crash.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path application;
    private final Path log;
    private final int port;
    private final List<String> properties;
    private final Map<String, String> environment;
    private Process process;
    private int starts;

    private ServiceProcess(String name, Path application, Path workDir, Map<String, String> properties, Map<String, String> environment)
            throws IOException {
        this.name = name;
        this.environment = Map.copyOf(environment);
        this.application = application;
        Files.createDirectories(workDir);
        this.log = workDir.resolve(name + ".log");
        this.port = freePort();
        this.properties = new ArrayList<>();
        properties.forEach((key, value) -> this.properties.add("-D" + key + "=" + value));
    }

    /**
     * Starts a service of the repository.
     *
     * @param servicesDir the repository's {@code services} directory
     * @param workDir where its log and state go
     * @param properties system properties (configuration) for the service
     */
    public static ServiceProcess start(Path servicesDir, String name, Path workDir, Map<String, String> properties) {
        return start(servicesDir, name, workDir, properties, Map.of());
    }

    /**
     * Starts a service of the repository with environment variables besides system properties: configuration the way a
     * container gets it (system properties win over the environment, so a setting given here must not also be a property).
     */
    public static ServiceProcess start(Path servicesDir, String name, Path workDir, Map<String, String> properties,
            Map<String, String> environment) {
        Path application = servicesDir.resolve(name).resolve("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        if (!Files.isRegularFile(application)) {
            throw new IllegalStateException(application + " is missing: package the service first (./mvnw package)");
        }
        try {
            ServiceProcess service = new ServiceProcess(name, application, workDir, properties, environment);
            service.start();
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the service again after {@link #kill()}, with the same port, state and configuration. */
    public void start() throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-Dquarkus.http.port=" + port));
        command.addAll(properties);
        command.addAll(List.of("-jar", application.toString()));
        starts++;
        Files.writeString(log, "=== start " + starts + ": " + String.join(" ", command) + System.lineSeparator(),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
    }

    /** Waits until /q/health/ready answers 200; fails with the end of the log otherwise. */
    public ServiceProcess awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(url("/q/health/ready")).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException(name + " not ready within " + timeout + ":\n" + tail());
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or committed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    /** The last lines of the service's log, for failure messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A port nothing listens on now, for a server a test starts. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
