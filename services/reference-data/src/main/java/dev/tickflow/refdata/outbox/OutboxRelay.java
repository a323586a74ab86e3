package dev.tickflow.refdata.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.tickflow.model.Account;
import dev.tickflow.model.AccountStatus;
import dev.tickflow.model.EventTime;
import dev.tickflow.model.Instrument;
import dev.tickflow.model.RiskLimits;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.refdata.accounts.AccountResource;
import dev.tickflow.refdata.instruments.InstrumentResource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox, oldest row first: for each row the aggregate's state as it is now (or a tombstone once it is
 * gone) goes to its compacted topic, and once the broker has acknowledged the whole batch the rows are marked sent in
 * the same database transaction that read them. A crash in between leaves them unsent: they are published again, never
 * lost, and a compacted topic keyed by the aggregate makes the repeat harmless. A transaction-scoped advisory lock keeps
 * a second instance from publishing the same rows out of order.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long RELAY_LOCK = 0x7466_6f75_7462_6f78L;
    private static final int BATCH = 500;

    private final DataSource dataSource;
    private final Map<String, Object> kafka;
    private final Counter published;
    private final Counter failures;
    private volatile KafkaProducer<String, byte[]> producer;

    OutboxRelay(DataSource dataSource, @Identifier("default-kafka-broker") Map<String, Object> kafka, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.kafka = kafka;
        this.published = registry.counter("tickflow.outbox.published");
        this.failures = registry.counter("tickflow.outbox.failures");
    }

    @Scheduled(every = "${tickflow.outbox.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            relay(true);
        } catch (RuntimeException e) {
            failures.increment();
            LOG.warnf("outbox not published, retrying on the next run: %s", e.getMessage());
        }
    }

    /**
     * Publishes every pending row, in batches.
     *
     * @param markSent false leaves the rows pending, as a crash between publishing and marking would
     * @return how many rows were published
     */
    public int relay(boolean markSent) {
        int total = 0;
        int batch;
        do {
            batch = relayBatch(markSent);
            total += batch;
        } while (batch == BATCH && markSent);
        return total;
    }

    private int relayBatch(boolean markSent) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int count = publishPending(connection, markSent);
                connection.commit();
                return count;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("outbox: " + e.getMessage(), e);
        }
    }

    private int publishPending(Connection connection, boolean markSent) throws SQLException {
        if (!lock(connection)) {
            return 0;
        }
        List<Long> ids = new ArrayList<>();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        Map<String, byte[]> states = new HashMap<>();
        try (PreparedStatement pending = connection.prepareStatement(
                "SELECT id, aggregate, aggregate_key FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT " + BATCH);
                ResultSet rows = pending.executeQuery()) {
            while (rows.next()) {
                String aggregate = rows.getString(2);
                String key = rows.getString(3);
                String topic = topic(aggregate, rows.getLong(1));
                String cacheKey = aggregate + "/" + key;
                byte[] value = states.containsKey(cacheKey) ? states.get(cacheKey) : state(connection, aggregate, key);
                states.put(cacheKey, value);
                sends.add(producer().send(new ProducerRecord<>(topic, key, value)));
                ids.add(rows.getLong(1));
            }
        }
        for (Future<RecordMetadata> send : sends) {
            await(send);
        }
        if (markSent && !ids.isEmpty()) {
            try (PreparedStatement sent = connection.prepareStatement("UPDATE outbox SET sent_at = ? WHERE id = ANY (?)")) {
                sent.setObject(1, OffsetDateTime.now());
                sent.setArray(2, connection.createArrayOf("bigint", ids.toArray()));
                sent.executeUpdate();
            }
        }
        published.increment(ids.size());
        return ids.size();
    }

    private static boolean lock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, RELAY_LOCK);
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private static String topic(String aggregate, long id) {
        return switch (aggregate) {
            case InstrumentResource.AGGREGATE -> Topics.REF_INSTRUMENTS.name();
            case AccountResource.ACCOUNT -> Topics.REF_ACCOUNTS.name();
            case AccountResource.LIMITS -> Topics.REF_LIMITS.name();
            default -> throw new IllegalStateException("outbox row " + id + " names an unknown aggregate " + aggregate);
        };
    }

    private static byte[] state(Connection connection, String aggregate, String key) throws SQLException {
        return switch (aggregate) {
            case InstrumentResource.AGGREGATE -> instrument(connection, key);
            case AccountResource.ACCOUNT -> account(connection, key);
            default -> limits(connection, key);
        };
    }

    private static byte[] account(Connection connection, String accountId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT display_name, token_hash, status, owner_group, admin, updated_at FROM account WHERE account_id = ?")) {
            select.setString(1, accountId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                Account account = Account.newBuilder().setAccountId(accountId).setDisplayName(row.getString(1))
                        .setTokenHash(row.getString(2)).setStatus(AccountStatus.valueOf(row.getString(3))).setOwnerGroup(row.getString(4))
                        .setAdmin(row.getBoolean(5)).setUpdatedAtMicros(micros(row.getObject(6, OffsetDateTime.class))).build();
                return Topics.REF_ACCOUNTS.valueSerde().serialize(Topics.REF_ACCOUNTS.name(), account);
            }
        }
    }

    private static byte[] limits(Connection connection, String accountId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT max_order_quantity, max_order_notional, "
                + "max_position_quantity, max_open_orders, max_orders_per_second, price_collar_bps, updated_at FROM risk_limits "
                + "WHERE account_id = ?")) {
            select.setString(1, accountId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                RiskLimits limits = RiskLimits.newBuilder().setAccountId(accountId).setMaxOrderQuantity(row.getLong(1))
                        .setMaxOrderNotional(row.getLong(2)).setMaxPositionQuantity(row.getLong(3)).setMaxOpenOrders(row.getInt(4))
                        .setMaxOrdersPerSecond(row.getInt(5)).setPriceCollarBps(row.getInt(6))
                        .setUpdatedAtMicros(micros(row.getObject(7, OffsetDateTime.class))).build();
                return Topics.REF_LIMITS.valueSerde().serialize(Topics.REF_LIMITS.name(), limits);
            }
        }
    }

    private static long micros(OffsetDateTime time) {
        return EventTime.toMicros(time.toInstant());
    }

    /** The instrument's current state as its event, or null (a tombstone) when it no longer exists. */
    private static byte[] instrument(Connection connection, String symbol) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT name, currency, tick_size, lot_size, sector, tradable, updated_at FROM instrument WHERE symbol = ?")) {
            select.setString(1, symbol);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                Instrument instrument = Instrument.newBuilder().setSymbol(symbol).setName(row.getString(1)).setCurrency(row.getString(2))
                        .setTickSize(row.getLong(3)).setLotSize(row.getLong(4)).setSector(row.getString(5)).setTradable(row.getBoolean(6))
                        .setUpdatedAtMicros(micros(row.getObject(7, OffsetDateTime.class))).build();
                return Topics.REF_INSTRUMENTS.valueSerde().serialize(Topics.REF_INSTRUMENTS.name(), instrument);
            }
        }
    }

    private static void await(Future<RecordMetadata> send) {
        try {
            send.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing the outbox", e);
        } catch (Exception e) {
            throw new IllegalStateException("the broker did not acknowledge the outbox: " + e.getMessage(), e);
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        KafkaProducer<String, byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    Map<String, Object> config = new HashMap<>(kafka);
                    config.put(ProducerConfig.ACKS_CONFIG, "all");
                    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
                    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
                    config.put(ProducerConfig.CLIENT_ID_CONFIG, "reference-data-outbox");
                    producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
                }
                current = producer;
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
