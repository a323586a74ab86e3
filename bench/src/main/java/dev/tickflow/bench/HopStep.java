package dev.tickflow.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One consume-produce step of the raw hops in a JVM of its own: {@link KafkaHops} starts two of them, with the services'
 * JVM options, to measure the hops under the same number of processes as the trading path. The step says "ready" on
 * its output once it reads its topic from the end, and stops when its input (the parent) closes.
 */
public final class HopStep {

    private static final String READY = "ready";

    private HopStep() {
    }

    /** {@code bootstrap from to group} */
    public static void main(String[] args) {
        AtomicBoolean running = new AtomicBoolean(true);
        Thread parentWatch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing is sent; the read returns -1 when the parent closes the pipe or exits
                }
            } catch (IOException e) {
                // the pipe is gone: as good as closed
            }
            running.set(false);
        }, "parent-watch");
        parentWatch.setDaemon(true);
        parentWatch.start();
        new KafkaHops.Forwarder(args[0], 20, args[1], args[2], args[3], false, running::get).loop(() -> {
            BenchSupport.OUT.println(READY);
            BenchSupport.OUT.flush();
        });
    }

    /** Starts a step and returns once it reads its topic. */
    static Process start(String bootstrap, String from, String to, String group) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager"));
        command.addAll(BenchSupport.serviceJvmOptions("hop-step"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), HopStep.class.getName(), bootstrap, from, to, group));
        Path log = Files.createTempFile("hop-step-", ".log");
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.to(log.toFile())).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return output.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(60, TimeUnit.SECONDS);
        if (!READY.equals(line)) {
            process.destroyForcibly();
            throw new IllegalStateException("a hop step did not start; see " + log);
        }
        return process;
    }
}
