package dev.tickflow.gateway.orders;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.tickflow.model.OrderCommand;
import dev.tickflow.model.serde.RecordTypes;
import dev.tickflow.model.topic.TopicNames;
import dev.tickflow.sequencer.InputTracing;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Writes order commands to orders.submitted, keyed by account: acks=all with idempotence (a broker failover neither
 * loses nor doubles a command), sent at once, batching only what queues while a request is in flight. A plain producer
 * rather than a messaging channel: this is the hottest write of the gateway, and a command needs nothing but its bytes
 * and its acknowledgement.
 *
 * <p>Never blocks the caller for long: metadata is fetched at start, and a send that cannot be queued within
 * {@code max.block.ms} fails at once (the command was not written, and the caller may say so plainly).
 */
@ApplicationScoped
public class CommandWriter {

    private static final Logger LOG = Logger.getLogger(CommandWriter.class);
    /** Marks the commands this process writes: its order-flow reader passes over them, it knows them already. */
    private static final String WRITER_HEADER = "tickflow.gateway.writer";
    private static final byte[] WRITER = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);

    private final Producer<String, byte[]> producer;
    private final InputTracing tracing;

    @jakarta.inject.Inject
    CommandWriter(@Identifier("default-kafka-broker") Map<String, Object> kafka, InputTracing tracing) {
        this(newProducer(kafka), tracing);
    }

    /** Writing through the given producer (a test's). */
    CommandWriter(Producer<String, byte[]> producer) {
        this(producer, InputTracing.OFF);
    }

    private CommandWriter(Producer<String, byte[]> producer, InputTracing tracing) {
        this.producer = producer;
        this.tracing = tracing;
    }

    private static Producer<String, byte[]> newProducer(Map<String, Object> kafka) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "order-gateway-commands");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 500);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    void warmUp(@Observes StartupEvent event) {
        Thread.ofVirtual().name("order-gateway-commands-metadata").start(() -> {
            try {
                producer.partitionsFor(TopicNames.ORDERS_SUBMITTED);
            } catch (RuntimeException e) {
                LOG.warnf("no metadata for %s yet: %s", TopicNames.ORDERS_SUBMITTED, e.getMessage());
            }
        });
    }

    void close(@Observes ShutdownEvent event) {
        producer.close(Duration.ofSeconds(5));
    }

    /**
     * Sends the command.
     *
     * @return completes when the broker has it, or exceptionally: with {@link NotSent} when it never left this process,
     *     with another exception when the outcome is unknown (it may have been written)
     */
    public CompletableFuture<Void> write(OrderCommand command) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        byte[] value;
        try {
            value = RecordTypes.ORDER_COMMAND.encode(command);
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(TopicNames.ORDERS_SUBMITTED, command.getAccount(), value);
            // the request's trace goes on with the command, through risk and the engine and back
            tracing.stampCurrent(record.headers());
            record.headers().add(WRITER_HEADER, WRITER);
            producer.send(record, (metadata, failure) -> {
                if (failure == null) {
                    written.complete(null);
                } else {
                    written.completeExceptionally(failure);
                }
            });
        } catch (RuntimeException e) {
            written.completeExceptionally(new NotSent(e));
        }
        return written;
    }

    /** Whether this process wrote the record (an earlier run of the gateway is another writer). */
    static boolean wroteIt(Headers headers) {
        Header writer = headers.lastHeader(WRITER_HEADER);
        return writer != null && Arrays.equals(writer.value(), WRITER);
    }

    /** The command was refused before it reached the producer's buffer: it was certainly not written. */
    public static final class NotSent extends RuntimeException {
        NotSent(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
