package dev.tickflow.launcher;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Starts and watches the {@link PostgresKeeper} process. */
final class Postgres {

    static final String NAME = "postgres";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final StackSettings settings;
    private final ManagedProcess process;

    Postgres(StackSettings settings) {
        this.settings = settings;
        this.process = new ManagedProcess(NAME, settings);
    }

    ManagedProcess process() {
        return process;
    }

    void ensureRunning() {
        if (process.running().isPresent()) {
            Console.line("  %-14s already running on port %d", NAME, settings.postgresPort());
            return;
        }
        if (Ports.inUse(settings.postgresPort())) {
            throw new LauncherException("port " + settings.postgresPort() + " is taken by another process; choose another with "
                    + "--postgres-port=N");
        }
        long start = System.nanoTime();
        Console.partial(String.format("  %-14s starting on port %d ...", NAME, settings.postgresPort()));
        process.start(List.of("-Xmx128m", "-cp", Launcher.classpath(), PostgresKeeper.class.getName(),
                settings.postgresDir().resolve("data").toString(), Integer.toString(settings.postgresPort())),
                Map.of(), settings.postgresDir());
        awaitReady();
        Console.line(" ready in %.1f s", (System.nanoTime() - start) / 1e9);
    }

    boolean ready() {
        try (Connection connection = DriverManager.getConnection(settings.postgresJdbcUrl(PostgresKeeper.DATABASE),
                PostgresKeeper.USER, "")) {
            return connection.isValid(2);
        } catch (Exception e) {
            return false;
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (process.running().isEmpty()) {
                throw new LauncherException("PostgreSQL exited during start; see " + process.logFile());
            }
            if (ready()) {
                return;
            }
            Launcher.sleep(Duration.ofMillis(300));
        }
        throw new LauncherException("PostgreSQL was not ready within " + READY_TIMEOUT.toSeconds() + " s; see " + process.logFile());
    }
}
