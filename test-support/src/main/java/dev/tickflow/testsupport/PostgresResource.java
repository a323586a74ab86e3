package dev.tickflow.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points a {@code @QuarkusTest}'s JDBC and reactive datasources at the JVM's embedded PostgreSQL. */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        EmbeddedPostgresql postgres = EmbeddedPostgresql.get();
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(),
                "quarkus.datasource.reactive.url", postgres.reactiveUrl(),
                "quarkus.datasource.username", EmbeddedPostgresql.USER,
                "quarkus.datasource.password", "");
    }

    @Override
    public void stop() {
        // shared by every test class of the module; stopped when the JVM exits
    }
}
