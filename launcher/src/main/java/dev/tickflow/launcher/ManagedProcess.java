package dev.tickflow.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One process of the stack (broker, database, a service), started detached so it outlives the launcher, and found
 * again through its pid file. The command line carries {@code -Dtickflow.component=<name>} so that a recycled pid is
 * never mistaken for ours.
 */
final class ManagedProcess {

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final String name;
    private final Path pidFile;
    private final Path logFile;

    ManagedProcess(String name, StackSettings settings) {
        this.name = name;
        this.pidFile = settings.pidDir().resolve(name + ".pid");
        this.logFile = settings.logDir().resolve(name + ".log");
    }

    String name() {
        return name;
    }

    Path logFile() {
        return logFile;
    }

    static String marker(String name) {
        return "-Dtickflow.component=" + name;
    }

    Optional<ProcessHandle> running() {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(handle -> handle.info().commandLine().map(line -> line.contains(marker(name))).orElse(true));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Starts {@code javaArgs} with this JVM's java, in its own session so that Ctrl-C in the terminal does not reach it. */
    ProcessHandle start(List<String> javaArgs, Map<String, String> env, Path workDir) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(marker(name));
        if (Runtime.version().feature() >= 25) {
            // 8-byte object headers (JEP 519): a tenth less heap for the same objects
            command.add("-XX:+UseCompactObjectHeaders");
            // what the Kafka clients, RocksDB and the compilers free goes back to the system instead of staying
            // resident in malloc's free lists (measured: 20-28 MB per service at 1,000 ticks/s)
            command.add("-XX:TrimNativeHeapInterval=5000");
        }
        // C1 only: at a laptop's rates C2 goes on compiling for ten minutes and more after a start, 1-4% of a core in
        // every JVM, and its faster code saves less than that; its arenas go too (BENCHMARKS.md, runs 21 to 23). The
        // local stack only: Kubernetes runs native images or tiered JVMs.
        command.add("-XX:TieredStopAtLevel=1");
        // a socket read into a heap buffer goes through a temporary direct buffer that NIO caches per thread at its
        // largest size yet: one large fetch response would stay resident in every consumer thread that saw one
        command.add("-Djdk.nio.maxCachedBufferSize=262144");
        command.addAll(javaArgs);
        try {
            Files.createDirectories(logFile.getParent());
            Files.createDirectories(pidFile.getParent());
            Files.createDirectories(workDir);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            // glibc gives each thread that allocates its own 64 MB arena; a JVM's dozens of threads leave most of them
            // fragmented and resident. Two arenas per process cost nothing measurable at this stack's rates.
            builder.environment().put("MALLOC_ARENA_MAX", "2");
            builder.environment().putAll(env);
            Process process = builder.start();
            process.getOutputStream().close();
            Files.writeString(pidFile, Long.toString(process.pid()));
            return process.toHandle();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Asks the process to stop (SIGTERM), then forces it after the grace period; true if it was running. */
    boolean stop(Duration grace) {
        Optional<ProcessHandle> handle = running();
        handle.ifPresent(process -> {
            process.destroy();
            try {
                process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        });
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return handle.isPresent();
    }
}
