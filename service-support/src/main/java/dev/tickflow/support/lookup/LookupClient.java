package dev.tickflow.support.lookup;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.tickflow.model.EventTime;
import dev.tickflow.model.LookupKind;
import dev.tickflow.model.LookupReply;
import dev.tickflow.model.LookupRequest;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.support.kafka.QuietTopicReaders;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Asks reference-data over Kafka and waits for the answer without holding a thread: a question goes to
 * ref.lookup.requests under a fresh correlation id and the future completes with the reply of that id read from
 * ref.lookup.replies, or fails with a {@link java.util.concurrent.TimeoutException} at the deadline (which travels with
 * the question, so a late question is not answered at all). Every client reads every reply partition from its end;
 * replies for other clients are skipped.
 */
public final class LookupClient implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, CompletableFuture<LookupReply>> waiting = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();
    private final Thread reader;
    private volatile boolean running = true;

    /** @param kafka client settings: at least {@code bootstrap.servers}, and TLS/SASL where the broker needs them */
    public LookupClient(Map<String, Object> kafka) {
        Map<String, Object> producerConfig = new HashMap<>(kafka);
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        Map<String, Object> consumerConfig = new HashMap<>(kafka);
        consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // a reply ends the broker's wait the moment it is written, so a short wait would add no speed, only empty fetches
        QuietTopicReaders.configure(consumerConfig);
        consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
        String topic = Topics.REF_LOOKUP_REPLIES.name();
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException(topic + " does not exist: no reply could ever arrive");
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        } catch (RuntimeException e) {
            consumer.close();
            producer.close();
            throw e;
        }
        reader = new Thread(this::read, "lookup-replies");
        reader.setDaemon(true);
        reader.start();
    }

    /** Searches instruments by symbol prefix or a part of the name. */
    public CompletableFuture<LookupReply> searchInstruments(String query, Duration timeout) {
        return ask(LookupKind.INSTRUMENT_SEARCH, query, "en", timeout);
    }

    /** Defines a market term, in {@code language} ("en" or "fr"). */
    public CompletableFuture<LookupReply> define(String term, String language, Duration timeout) {
        return ask(LookupKind.TERM_DEFINITION, term, language, timeout);
    }

    public CompletableFuture<LookupReply> ask(LookupKind kind, String query, String language, Duration timeout) {
        String correlationId = UUID.randomUUID().toString();
        long now = EventTime.nowMicros(clock);
        LookupRequest request = LookupRequest.newBuilder().setCorrelationId(correlationId).setKind(kind).setQuery(query)
                .setLanguage(language).setRequestedAtMicros(now).setDeadlineMicros(now + timeout.toNanos() / 1_000).build();
        CompletableFuture<LookupReply> reply = new CompletableFuture<>();
        waiting.put(correlationId, reply);
        reply.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((answer, failure) -> waiting.remove(correlationId));
        producer.send(new ProducerRecord<>(Topics.REF_LOOKUP_REQUESTS.name(), correlationId,
                Topics.REF_LOOKUP_REQUESTS.valueSerde().serialize(Topics.REF_LOOKUP_REQUESTS.name(), request)), (metadata, error) -> {
                    if (error != null) {
                        reply.completeExceptionally(error);
                    }
                });
        return reply;
    }

    private void read() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : poll()) {
                    CompletableFuture<LookupReply> reply = record.key() == null ? null : waiting.get(record.key());
                    if (reply != null && record.value() != null) {
                        try {
                            reply.complete(Topics.REF_LOOKUP_REPLIES.valueSerde().deserialize(record.topic(), record.value()));
                        } catch (RuntimeException e) {
                            reply.completeExceptionally(e);
                        }
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    /** A failed poll is retried on the next turn: the waiting futures time out on their own if replies stop. */
    private Iterable<ConsumerRecord<String, byte[]>> poll() {
        try {
            return consumer.poll(QuietTopicReaders.IDLE_POLL);
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                running = false;
            }
            return List.of();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        producer.close(Duration.ofSeconds(5));
    }
}
