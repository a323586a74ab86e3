package dev.tickflow.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from the binaries packaged on Maven Central, started once per JVM on a free port with a
 * throw-away data directory. Running as root, the server process runs as an unprivileged user, as PostgreSQL requires.
 */
public final class EmbeddedPostgresql {

    public static final String USER = "postgres";
    public static final String DATABASE = "postgres";

    private static EmbeddedPostgresql instance;

    private final EmbeddedPostgres server;

    private EmbeddedPostgresql(EmbeddedPostgres server) {
        this.server = server;
    }

    public static synchronized EmbeddedPostgresql get() {
        if (instance == null) {
            try {
                instance = new EmbeddedPostgresql(EmbeddedPostgres.builder()
                        .setServerConfig("max_connections", "200")
                        .setServerConfig("fsync", "off")
                        .start());
            } catch (IOException e) {
                throw new UncheckedIOException("PostgreSQL did not start", e);
            }
        }
        return instance;
    }

    public int port() {
        return server.getPort();
    }

    public String jdbcUrl() {
        return server.getJdbcUrl(USER, DATABASE);
    }

    /** The URL form the reactive (Vert.x) client takes. */
    public String reactiveUrl() {
        return "postgresql://localhost:" + port() + "/" + DATABASE;
    }
}
