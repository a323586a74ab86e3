package dev.tickflow.refdata.accounts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import dev.tickflow.model.TokenHash;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The demo accounts of the local stack and dev mode (alice, bob and the administrator ops, tokens
 * {@code <id>-demo-token}) with default limits, created at start when absent and published like any change. Off unless
 * {@code tickflow.demo-data} is set: a deployment must never accept a token printed in a README.
 */
@ApplicationScoped
public class DemoData {

    private static final String[] ACCOUNTS = {"alice", "bob", "ops"};

    private final DataSource dataSource;
    private final boolean enabled;

    DemoData(DataSource dataSource, @ConfigProperty(name = "tickflow.demo-data", defaultValue = "false") boolean enabled) {
        this.dataSource = dataSource;
        this.enabled = enabled;
    }

    void seed(@Observes StartupEvent event) throws SQLException {
        if (!enabled) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            for (String id : ACCOUNTS) {
                boolean admin = "ops".equals(id);
                if (insert(connection, "INSERT INTO account (account_id, display_name, token_hash, status, owner_group, admin, "
                        + "updated_at) VALUES (?, ?, ?, 'ACTIVE', ?, ?, now()) ON CONFLICT DO NOTHING", id, displayName(id),
                        TokenHash.of(id + "-demo-token"), id, admin)) {
                    outbox(connection, AccountResource.ACCOUNT, id);
                }
                if (!admin && insert(connection, "INSERT INTO risk_limits (account_id, max_order_quantity, max_order_notional, "
                        + "max_position_quantity, max_open_orders, max_orders_per_second, price_collar_bps, updated_at) "
                        + "VALUES (?, 100000, 10000000000000, 1000000, 500, 100, 1000, now()) ON CONFLICT DO NOTHING", id)) {
                    outbox(connection, AccountResource.LIMITS, id);
                }
            }
            connection.commit();
        }
    }

    private static String displayName(String id) {
        return "ops".equals(id) ? "Operations (demo)" : Character.toUpperCase(id.charAt(0)) + id.substring(1) + " (demo)";
    }

    private static boolean insert(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            return statement.executeUpdate() == 1;
        }
    }

    private static void outbox(Connection connection, String aggregate, String key) throws SQLException {
        insert(connection, "INSERT INTO outbox (aggregate, aggregate_key) VALUES (?, ?)", aggregate, key);
    }
}
