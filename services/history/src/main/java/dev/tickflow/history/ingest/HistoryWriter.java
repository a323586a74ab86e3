package dev.tickflow.history.ingest;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.tickflow.history.ingest.RowWriter.Row;
import dev.tickflow.model.Alert;
import dev.tickflow.model.Bar;
import dev.tickflow.model.EventTime;
import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.Tick;
import dev.tickflow.model.serde.RecordJson;
import dev.tickflow.model.topic.Channels;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Writes what the platform publishes into PostgreSQL, a polled batch at a time in one statement each: the next batch is
 * fetched only once this one is stored (backpressure), and every row lands on its natural key, so a replayed topic
 * rewrites the same rows instead of adding new ones. A record that cannot be read was dead-lettered by the
 * deserializer and arrives as null; one the database refuses is parked ({@link RowWriter}).
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

    private final RowWriter writer;

    HistoryWriter(RowWriter writer) {
        this.writer = writer;
    }

    @Incoming(Channels.MD_BARS_1M)
    public Uni<Void> bars(ConsumerRecords<String, Bar> records) {
        List<Row> rows = new ArrayList<>();
        for (ConsumerRecord<String, Bar> record : records) {
            Bar bar = record.value();
            if (bar != null) {
                rows.add(new Row(Tuple.from(Arrays.asList(bar.getSymbol(), time(bar.getWindowStartMicros()), bar.getOpen(),
                        bar.getHigh(), bar.getLow(), bar.getClose(), bar.getVolume(), bar.getTurnover(), bar.getVwap(),
                        bar.getTradeCount())), record));
            }
        }
        return writer.write(UPSERT_BAR, rows);
    }

    @Incoming(Channels.MD_TICKS)
    public Uni<Void> ticks(ConsumerRecords<String, Tick> records) {
        List<Row> rows = new ArrayList<>();
        for (ConsumerRecord<String, Tick> record : records) {
            Tick tick = record.value();
            if (tick != null) {
                rows.add(new Row(Tuple.from(Arrays.asList(time(tick.getEventTimeMicros()), record.partition(), record.offset(),
                        tick.getSymbol(), tick.getPrice(), tick.getQuantity(), time(tick.getIngestTimeMicros()), tick.getSource().name(),
                        tick.getTradeId())), record));
            }
        }
        return writer.write(INSERT_TICK, rows);
    }

    @Incoming(Channels.EXECUTIONS)
    public Uni<Void> executions(ConsumerRecords<String, ExecutionReport> records) {
        List<Row> rows = new ArrayList<>();
        for (ConsumerRecord<String, ExecutionReport> record : records) {
            ExecutionReport report = record.value();
            if (report != null) {
                rows.add(new Row(Tuple.from(Arrays.asList(report.getExecutionId(), report.getOrderId(), report.getAccount(),
                        report.getSymbol(), report.getSide().name(), report.getExecType().name(), report.getOrderStatus().name(),
                        report.getLastQuantity(), report.getLastPrice(), report.getCumulativeQuantity(), report.getLeavesQuantity(),
                        report.getTradeId(), time(report.getTransactTimeMicros()))), record));
            }
        }
        return writer.write(INSERT_EXECUTION, rows);
    }

    @Incoming(Channels.ALERTS)
    public Uni<Void> alerts(ConsumerRecords<String, Alert> records) {
        List<Row> rows = new ArrayList<>();
        for (ConsumerRecord<String, Alert> record : records) {
            Alert alert = record.value();
            if (alert != null) {
                rows.add(new Row(Tuple.from(Arrays.asList(alert.getAlertId(), alert.getType().name(), alert.getSeverity().name(),
                        alert.getAccount(), alert.getSymbol(), alert.getDescription(), time(alert.getWindowStartMicros()),
                        time(alert.getWindowEndMicros()), time(alert.getDetectedAtMicros()), new JsonObject(RecordJson.toJson(alert)))),
                        record));
            }
        }
        return writer.write(INSERT_ALERT, rows);
    }

    static OffsetDateTime time(long epochMicros) {
        return OffsetDateTime.ofInstant(EventTime.toInstant(epochMicros), ZoneOffset.UTC);
    }
}
