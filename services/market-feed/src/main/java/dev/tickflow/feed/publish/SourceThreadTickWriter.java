package dev.tickflow.feed.publish;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.tickflow.model.Tick;
import dev.tickflow.model.serde.RecordTypes;
import dev.tickflow.model.topic.Channels;
import dev.tickflow.model.topic.TopicNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;

/**
 * md.ticks for the sources that run on a thread of their own (the simulator, file replay): a plain producer called on
 * that thread, whose acknowledgements run on the producer's I/O thread. Through the messaging channel every tick took
 * a hop to the channel's sending thread and a chain of reactive completions back, which cost market-feed more CPU than
 * making the ticks (BENCHMARKS.md, "A plain producer for the simulator"). Push and polling keep the channel: they run
 * on event loops, where a send must never wait for metadata.
 *
 * <p>It takes the md-ticks channel's producer settings ({@code mp.messaging.outgoing.md-ticks.*}: acks, idempotence,
 * batching, compression, timeouts) over the shared {@code kafka.*} ones (servers, TLS, SASL), so both ways to md.ticks
 * are configured in one place, except {@code max.block.ms}: 5 s unless the channel sets it, so that a source whose
 * broker is away at the start holds a tick for seconds, not Kafka's minute. The producer is made on the first send: a
 * feed with no such source running has no second connection. Its client metrics are bound to Micrometer by hand (the
 * Kafka binder sees only the clients the messaging extension makes).
 */
@ApplicationScoped
public class SourceThreadTickWriter {

    private static final String CHANNEL_PREFIX = "mp.messaging.outgoing." + Channels.MD_TICKS + ".";
    private static final int DEFAULT_MAX_BLOCK_MS = 5_000;

    private final Map<String, Object> settings;
    private final MeterRegistry meters;
    private volatile Producer<String, byte[]> producer;
    private KafkaClientMetrics producerMetrics;
    private boolean closed;

    @Inject
    SourceThreadTickWriter(@Identifier("default-kafka-broker") Map<String, Object> kafka, Config config, MeterRegistry meters) {
        this.settings = settings(kafka, config);
        this.meters = meters;
    }

    static Map<String, Object> settings(Map<String, Object> kafka, Config config) {
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        for (String name : ProducerConfig.configNames()) {
            if (!name.equals(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG) && !name.equals(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG)) {
                config.getOptionalValue(CHANNEL_PREFIX + name, String.class).ifPresent(value -> settings.put(name, value));
            }
        }
        settings.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, DEFAULT_MAX_BLOCK_MS);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "market-feed-source-threads");
        return settings;
    }

    /**
     * Sends a tick; the callback runs on the producer's I/O thread. May wait up to {@code max.block.ms} on the caller's
     * thread while the topic's metadata is unknown (the first send, a broker away since the start): never call it from an
     * event loop.
     *
     * @throws RuntimeException when the tick could not be handed to the producer (a Kafka or an encoding error, or the
     *     writer closed at shutdown)
     */
    public void send(Tick tick, Callback callback) {
        byte[] value = RecordTypes.TICK.encode(tick);
        producer().send(new ProducerRecord<>(TopicNames.MD_TICKS, tick.getSymbol(), value), callback);
    }

    private Producer<String, byte[]> producer() {
        Producer<String, byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                if (closed) {
                    // a source still sending after shutdown began: a new producer would never be closed
                    throw new IllegalStateException("md.ticks writer closed");
                }
                current = producer;
                if (current == null) {
                    current = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
                    producerMetrics = new KafkaClientMetrics(current);
                    producerMetrics.bindTo(meters);
                    producer = current;
                }
            }
        }
        return current;
    }

    /** After the sources have stopped (they observe the same event at the default priority), so their ticks go out. */
    void close(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER) ShutdownEvent event) {
        Producer<String, byte[]> current;
        KafkaClientMetrics metrics;
        synchronized (this) {
            closed = true;
            current = producer;
            metrics = producerMetrics;
            producer = null;
        }
        if (current != null) {
            metrics.close();
            current.close(Duration.ofSeconds(5));
        }
    }
}
