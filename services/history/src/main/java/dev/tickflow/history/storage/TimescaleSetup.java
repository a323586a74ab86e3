package dev.tickflow.history.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Where the server has the TimescaleDB extension, bars and ticks become hypertables chunked by time and raw ticks get a
 * retention policy; elsewhere they stay plain tables keyed for time-range scans. Detected at start, never required.
 */
@ApplicationScoped
public class TimescaleSetup {

    private static final Logger LOG = Logger.getLogger(TimescaleSetup.class);

    private final DataSource dataSource;
    private final Duration tickRetention;

    TimescaleSetup(DataSource dataSource,
            @ConfigProperty(name = "tickflow.history.tick-retention", defaultValue = "30d") Duration tickRetention) {
        this.dataSource = dataSource;
        this.tickRetention = tickRetention;
    }

    void start(@Observes StartupEvent event) {
        try {
            setUp();
        } catch (SQLException e) {
            // installed but not loadable (not in shared_preload_libraries), or not permitted: plain tables then
            LOG.warnf("TimescaleDB is listed but could not be set up, bars and ticks stay plain tables: %s", e.getMessage());
        }
    }

    private void setUp() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet available = statement.executeQuery("SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'")) {
                if (!available.next()) {
                    LOG.info("TimescaleDB is not available: bars and ticks are plain tables");
                    return;
                }
            }
            statement.execute("CREATE EXTENSION IF NOT EXISTS timescaledb");
            statement.execute("SELECT create_hypertable('history.tick', 'event_time', if_not_exists => TRUE, migrate_data => TRUE)");
            statement.execute("SELECT create_hypertable('history.bar_1m', 'window_start', if_not_exists => TRUE, migrate_data => TRUE)");
            statement.execute("SELECT add_retention_policy('history.tick', INTERVAL '" + tickRetention.toSeconds()
                    + " seconds', if_not_exists => TRUE)");
            LOG.infof("TimescaleDB: bars and ticks are hypertables; raw ticks are kept %s", tickRetention);
        }
    }
}
