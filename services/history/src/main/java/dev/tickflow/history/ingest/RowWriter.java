package dev.tickflow.history.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.tickflow.model.serde.RecordType;
import dev.tickflow.model.topic.DeadLetterProducer;
import dev.tickflow.model.topic.DeadLetters;
import dev.tickflow.model.topic.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Writes a polled batch in one statement. When the database refuses the batch because of a row
 * ({@link Rejections#isRowSpecific}), the rows are written one by one and each refused one is parked on its topic's
 * dead-letter topic with the database's reason ({@code tickflow.history.parked}); every other failure is retried with
 * backoff for as long as it takes, and since the batch's offsets are committed only once it is stored, an outage holds
 * the consumer back instead of losing rows.
 */
@ApplicationScoped
class RowWriter {

    static final String REASON = "rejected-by-database";
    private static final Logger LOG = Logger.getLogger(RowWriter.class);

    /** One row and the record it came from. */
    record Row(Tuple values, ConsumerRecord<String, ? extends SpecificRecord> source) {
    }

    private final Pool client;
    private final DeadLetterProducer deadLetters;
    private final MeterRegistry registry;
    private final Map<String, Counter> parked = new ConcurrentHashMap<>();

    RowWriter(Pool client, @Identifier("default-kafka-broker") Map<String, Object> kafka, MeterRegistry registry) {
        this.client = client;
        this.deadLetters = new DeadLetterProducer(kafka, "history");
        this.registry = registry;
    }

    Uni<Void> write(String statement, List<Row> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> values = rows.stream().map(Row::values).toList();
        return Uni.createFrom().deferred(() -> client.preparedQuery(statement).executeBatch(values)).replaceWithVoid()
                .onFailure(Rejections::isRowSpecific).recoverWithUni(refused -> oneByOne(statement, rows))
                .onFailure().invoke(failure -> LOG.warnf("history write failed, retrying: %s", failure.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely();
    }

    /** Every row on its own (rows are upserts or insert-if-absent, so those of the refused batch may be written again). */
    private Uni<Void> oneByOne(String statement, List<Row> rows) {
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUniAndConcatenate(row -> client.preparedQuery(statement).execute(row.values()).replaceWithVoid()
                        .onFailure(Rejections::isRowSpecific).recoverWithUni(refused -> park(row, refused)))
                .collect().last().replaceWithVoid();
    }

    /** On a worker thread: the first dead letter may wait for the broker's metadata, and this runs on the event loop. */
    private Uni<Void> park(Row row, Throwable refused) {
        return Uni.createFrom().<Void>item(() -> {
            parkNow(row, refused);
            return null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private void parkNow(Row row, Throwable refused) {
        ConsumerRecord<String, ? extends SpecificRecord> source = row.source();
        String topic = source.topic();
        // the record as read, encoded again: its bytes equal the original's for the schema this service reads
        byte[] value = encode(Topics.find(topic).orElseThrow().valueType(), source.value());
        byte[] key = source.key() == null ? null : source.key().getBytes(StandardCharsets.UTF_8);
        deadLetters.send(DeadLetters.forRecord(topic, source.partition(), source.offset(), key, value, source.headers(), REASON,
                Rejections.describe(refused), "history/" + topic, Instant.now()));
        parked.computeIfAbsent(topic, unused -> Counter.builder("tickflow.history.parked").tag("topic", topic)
                .description("records the database refused for their content, parked on the dead-letter topic").register(registry))
                .increment();
        LOG.warnf("%s-%d@%d parked: %s", topic, source.partition(), source.offset(), Rejections.describe(refused));
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> byte[] encode(RecordType<T> type, SpecificRecord value) {
        return type.encode((T) value);
    }

    @PreDestroy
    void close() {
        deadLetters.close();
    }
}
