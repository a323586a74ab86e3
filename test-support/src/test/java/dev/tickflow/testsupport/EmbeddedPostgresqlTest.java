package dev.tickflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

class EmbeddedPostgresqlTest {

    @Test
    void aRealServerStoresAndQueriesRows() throws Exception {
        try (Connection connection = DriverManager.getConnection(EmbeddedPostgresql.get().jdbcUrl(), EmbeddedPostgresql.USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("create table probe (symbol text primary key, price numeric(20, 6) not null)");
            statement.execute("insert into probe values ('AAPL', 190.25), ('MSFT', 410.5)");
            statement.execute("insert into probe values ('AAPL', 191) on conflict (symbol) do update set price = excluded.price");
            try (ResultSet rows = statement.executeQuery("select sum(price), count(*), current_setting('server_version_num') from probe")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getBigDecimal(1)).isEqualByComparingTo("601.5");
                assertThat(rows.getInt(2)).isEqualTo(2);
                assertThat(Integer.parseInt(rows.getString(3))).isGreaterThanOrEqualTo(170000);
            }
        }
    }
}
