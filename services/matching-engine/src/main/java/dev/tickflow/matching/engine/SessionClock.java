package dev.tickflow.matching.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.tickflow.model.CloseSession;
import dev.tickflow.model.EventTime;
import dev.tickflow.model.OrderChannel;
import dev.tickflow.model.OrderCommand;
import dev.tickflow.model.serde.RecordTypes;
import dev.tickflow.model.topic.TopicNames;
import dev.tickflow.sequencer.SequencedRuntime;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

/**
 * Writes the end of a trading session into the engine's input log. The books never read a clock: time reaches them
 * through the commands (a command of a later session closes the earlier one), and when no command comes after the
 * close, this clock, on the wall clock, writes a {@link CloseSession} to each owned partition whose books are still
 * in an earlier session. Sequenced into the log like any command, a close replays exactly where it happened.
 */
final class SessionClock implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SessionClock.class);

    private final SequencedRuntime runtime;
    private final TradingSession session;
    private final Map<String, Object> kafka;
    private final Duration interval;
    private final ScheduledExecutorService timer;
    private KafkaProducer<byte[], byte[]> producer;

    SessionClock(SequencedRuntime runtime, TradingSession session, Map<String, Object> kafka, Duration interval) {
        this.runtime = runtime;
        this.session = session;
        this.kafka = kafka;
        this.interval = interval;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "session-clock");
            thread.setDaemon(true);
            return thread;
        });
    }

    void start() {
        timer.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Writes a close to every owned partition still in a session before the one open now. */
    void tick() {
        try {
            String open = session.sessionDate(Instant.now());
            for (int partition : runtime.owned()) {
                String oldest = runtime.read(partition, machine -> {
                    String date = ((MatchingMachine) machine).oldestSession();
                    return date == null ? open : date;
                }).orElse(open);
                if (oldest.compareTo(open) < 0) {
                    close(partition, open);
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("the session clock could not write a close: %s", e.toString());
        }
    }

    private void close(int partition, String sessionDate) {
        if (producer == null) {
            Map<String, Object> config = new HashMap<>(kafka);
            config.remove(ConsumerConfig.GROUP_ID_CONFIG);
            config.put(ProducerConfig.CLIENT_ID_CONFIG, MatchingMachine.SERVICE + "-session-clock");
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            producer = new KafkaProducer<>(config);
        }
        String id = "close-" + sessionDate + "-" + partition;
        OrderCommand close = OrderCommand.newBuilder().setCommandId(id).setOrderId(id).setAccount("").setClientOrderId(id)
                .setSymbol("").setChannel(OrderChannel.OTHER).setSubmittedAtMicros(EventTime.fromMillis(System.currentTimeMillis()))
                .setAcceptedAtMicros(null).setCommand(new CloseSession(sessionDate)).build();
        producer.send(new ProducerRecord<>(TopicNames.ORDERS_ACCEPTED, partition, null, RecordTypes.ORDER_COMMAND.encode(close)));
        LOG.infof("session %s opened: partition %d closes the one before", sessionDate, partition);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
        }
    }
}
