package dev.tickflow.launcher;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The database process of the local stack: runs a real PostgreSQL server (binaries from Maven Central) on a data
 * directory that survives restarts, creates the {@code tickflow} database once, and stops the server cleanly when
 * this process is asked to stop. Run by {@link Postgres}; not meant to be started by hand.
 */
public final class PostgresKeeper {

    static final String DATABASE = "tickflow";
    static final String USER = "postgres";

    private PostgresKeeper() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("max_connections", "200")
                .start();
        try (Connection connection = DriverManager.getConnection(server.getJdbcUrl(USER, "postgres"), USER, "");
                Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                if (!exists.next()) {
                    statement.execute("create database " + DATABASE);
                }
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                // the server's own shutdown failed; its pid file makes the next start report it
            }
        }, "postgres-stop"));
        Thread.currentThread().join();
    }
}
