package dev.tickflow.model.topic;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A producer of dead letters for a reader that has no producer of its own (a deserializer, a table follower): it takes
 * the reader's connection and security settings and nothing else, waits at most ten seconds for the broker's metadata,
 * and never throws. A dead letter that cannot be written is lost with a warning; the record it describes is still
 * skipped.
 */
public final class DeadLetterProducer implements AutoCloseable {

    private final Map<String, Object> config;
    private volatile KafkaProducer<byte[], byte[]> producer;

    /**
     * @param client the reader's client settings (a consumer's, an application's)
     * @param name for the producer's client id
     */
    public DeadLetterProducer(Map<String, ?> client, String name) {
        this.config = producerConfig(client, name);
    }

    public void send(ProducerRecord<byte[], byte[]> letter) {
        try {
            KafkaProducer<byte[], byte[]> current = producer;
            if (current == null) {
                synchronized (this) {
                    if (producer == null) {
                        producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
                    }
                    current = producer;
                }
            }
            current.send(letter, (metadata, failure) -> {
                if (failure != null) {
                    notWritten(letter, failure);
                }
            });
        } catch (RuntimeException e) {
            notWritten(letter, e);
        }
    }

    private static void notWritten(ProducerRecord<byte[], byte[]> letter, Exception e) {
        System.getLogger(DeadLetterProducer.class.getName()).log(System.Logger.Level.WARNING,
                "dead letter for " + letter.topic() + " not written: " + e);
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
            producer = null;
        }
    }

    /** The connection and security settings of a client, for a plain producer. */
    public static Map<String, Object> producerConfig(Map<String, ?> client, String name) {
        Set<String> allowed = ProducerConfig.configNames();
        Map<String, Object> config = new HashMap<>();
        client.forEach((key, value) -> {
            if (allowed.contains(key) && (key.equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)
                    || key.equals(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG) || key.startsWith("sasl.") || key.startsWith("ssl."))) {
                config.put(key, value);
            }
        });
        config.put(ProducerConfig.CLIENT_ID_CONFIG, name + "-dead-letters");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        // the first letter waits for the topic's metadata, which on a busy machine takes more than a second; a reader
        // must still not wait long on a broker it cannot reach: the dead letter is then only logged
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return config;
    }
}
