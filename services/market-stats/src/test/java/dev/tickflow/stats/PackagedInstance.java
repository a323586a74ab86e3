package dev.tickflow.stats;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The packaged service as a process of its own on the test's broker: the way a crash test can kill it for real. */
final class PackagedInstance {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PackagedInstance() {
    }

    /**
     * @param settings further {@code -Dkey=value} settings
     * @param log where its output goes
     */
    static Process start(int port, String bootstrap, Path stateDir, Path log, List<String> settings) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-Dquarkus.http.port=" + port,
                "-Dkafka.bootstrap.servers=" + bootstrap,
                "-Dkafka-streams.state.dir=" + stateDir,
                "-Dkafka-streams.session.timeout.ms=6000",
                "-Dkafka-streams.heartbeat.interval.ms=1500"));
        command.addAll(settings);
        command.addAll(List.of("-jar", Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static void awaitReady(int port, Duration wait) {
        await().atMost(wait).pollInterval(Duration.ofMillis(500)).until(() -> {
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
