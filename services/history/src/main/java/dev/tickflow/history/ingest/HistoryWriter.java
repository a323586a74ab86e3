package dev.tickflow.history.ingest;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.tickflow.model.Alert;
import dev.tickflow.model.Bar;
import dev.tickflow.model.EventTime;
import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.Tick;
import dev.tickflow.model.serde.RecordJson;
import dev.tickflow.model.topic.Channels;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Writes what the platform publishes into PostgreSQL, a polled batch at a time in one statement each: the next batch is
 * fetched only once this one is stored (backpressure), and every row lands on its natural key, so a replayed topic
 * rewrites the same rows instead of adding new ones.
 */
@ApplicationScoped
public class HistoryWriter {

    private static final String UPSERT_BAR = "INSERT INTO history.bar_1m (symbol, window_start, open, high, low, close, volume, turnover, "
            + "vwap, trade_count) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (symbol, window_start) DO UPDATE SET "
            + "open = EXCLUDED.open, high = EXCLUDED.high, low = EXCLUDED.low, close = EXCLUDED.close, volume = EXCLUDED.volume, "
            + "turnover = EXCLUDED.turnover, vwap = EXCLUDED.vwap, trade_count = EXCLUDED.trade_count";
    private static final String INSERT_TICK = "INSERT INTO history.tick (event_time, kafka_partition, kafka_offset, symbol, price, "
            + "quantity, ingest_time, source, trade_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING";
    private static final String INSERT_EXECUTION = "INSERT INTO history.execution (execution_id, order_id, account, symbol, side, "
            + "exec_type, order_status, last_quantity, last_price, cumulative_quantity, leaves_quantity, trade_id, transact_time) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (execution_id) DO NOTHING";

    private static final String INSERT_ALERT = "INSERT INTO history.alert (alert_id, type, severity, account, symbol, description, "
            + "window_start, window_end, detected_at, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
            + "ON CONFLICT (alert_id) DO NOTHING";

    private static final Logger LOG = Logger.getLogger(HistoryWriter.class);

    private final Pool client;

    HistoryWriter(Pool client) {
        this.client = client;
    }

    @Incoming(Channels.MD_BARS_1M)
    public Uni<Void> bars(List<Bar> bars) {
        List<Tuple> rows = new ArrayList<>();
        for (Bar bar : bars) {
            if (bar != null) {
                rows.add(Tuple.from(Arrays.asList(bar.getSymbol(), time(bar.getWindowStartMicros()), bar.getOpen(), bar.getHigh(),
                        bar.getLow(), bar.getClose(), bar.getVolume(), bar.getTurnover(), bar.getVwap(), bar.getTradeCount())));
            }
        }
        return write(UPSERT_BAR, rows);
    }

    @Incoming(Channels.MD_TICKS)
    public Uni<Void> ticks(ConsumerRecords<String, Tick> records) {
        List<Tuple> rows = new ArrayList<>();
        for (ConsumerRecord<String, Tick> record : records) {
            Tick tick = record.value();
            if (tick != null) {
                rows.add(Tuple.from(Arrays.asList(time(tick.getEventTimeMicros()), record.partition(), record.offset(), tick.getSymbol(),
                        tick.getPrice(), tick.getQuantity(), time(tick.getIngestTimeMicros()), tick.getSource().name(),
                        tick.getTradeId())));
            }
        }
        return write(INSERT_TICK, rows);
    }

    @Incoming(Channels.EXECUTIONS)
    public Uni<Void> executions(List<ExecutionReport> reports) {
        List<Tuple> rows = new ArrayList<>();
        for (ExecutionReport report : reports) {
            if (report != null) {
                rows.add(Tuple.from(Arrays.asList(report.getExecutionId(), report.getOrderId(), report.getAccount(), report.getSymbol(),
                        report.getSide().name(), report.getExecType().name(), report.getOrderStatus().name(), report.getLastQuantity(),
                        report.getLastPrice(), report.getCumulativeQuantity(), report.getLeavesQuantity(), report.getTradeId(),
                        time(report.getTransactTimeMicros()))));
            }
        }
        return write(INSERT_EXECUTION, rows);
    }

    @Incoming(Channels.ALERTS)
    public Uni<Void> alerts(List<Alert> alerts) {
        List<Tuple> rows = new ArrayList<>();
        for (Alert alert : alerts) {
            if (alert != null) {
                rows.add(Tuple.from(Arrays.asList(alert.getAlertId(), alert.getType().name(), alert.getSeverity().name(),
                        alert.getAccount(), alert.getSymbol(), alert.getDescription(), time(alert.getWindowStartMicros()),
                        time(alert.getWindowEndMicros()), time(alert.getDetectedAtMicros()), new JsonObject(RecordJson.toJson(alert)))));
            }
        }
        return write(INSERT_ALERT, rows);
    }

    /**
     * A failed write is retried with backoff for as long as it takes: the batch's offsets are committed only once it is
     * stored, so a database outage holds the consumer back (lag grows, visibly) instead of losing or dead-lettering rows.
     */
    private Uni<Void> write(String statement, List<Tuple> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> client.preparedQuery(statement).executeBatch(rows))
                .onFailure().invoke(failure -> LOG.warnf("history write failed, retrying: %s", failure.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .replaceWithVoid();
    }

    static OffsetDateTime time(long epochMicros) {
        return OffsetDateTime.ofInstant(EventTime.toInstant(epochMicros), ZoneOffset.UTC);
    }
}
