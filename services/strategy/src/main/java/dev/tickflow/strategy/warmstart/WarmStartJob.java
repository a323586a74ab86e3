package dev.tickflow.strategy.warmstart;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;

import dev.tickflow.model.Bar;
import dev.tickflow.model.EventTime;
import dev.tickflow.model.ModelWeights;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.strategy.StrategyConfig;
import dev.tickflow.strategy.features.FeatureCalculator;
import dev.tickflow.strategy.topology.StoreNames;
import dev.tickflow.strategy.topology.StrategySettings;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The batch side of the model: replays md.bars.1m from its beginning (seven days of closed bars), trains pooled
 * starting weights and publishes them to strategy.model.weights under {@code *}. A symbol's model starts from them the
 * first time the symbol trades; models already running keep learning from where they are. Blocking: run it on a
 * worker thread.
 */
@ApplicationScoped
public class WarmStartJob {

    /**
     * What a run did: the examples it had, and how a model trained on the earlier ones alone did on the latest
     * {@link #HELD_OUT_SHARE} of them (from {@code heldOutFrom}), beside always guessing up on the same bars.
     */
    @RegisterForReflection
    public record Summary(long bars, int symbols, long examples, long trainedOn, long heldOut, String heldOutFrom,
            double heldOutHitRate, double heldOutAlwaysUpRate, Map<String, Double> weights, double bias) {
    }

    /** The latest fifth of the examples is the walk-forward test period. */
    static final double HELD_OUT_SHARE = 0.2;

    private static final Duration POLL = Duration.ofMillis(500);
    private static final int EPOCHS = 5;

    private final Map<String, Object> kafka;
    private final StrategySettings settings;
    private final Clock clock = Clock.systemUTC();

    WarmStartJob(@Identifier("default-kafka-broker") Map<String, Object> kafka, StrategyConfig config) {
        this.kafka = kafka;
        this.settings = StrategySettings.from(config);
    }

    public Summary run() throws ExecutionException, InterruptedException {
        Map<String, TreeMap<Long, Bar>> bySymbol = readBars();
        List<List<Bar>> sequences = new ArrayList<>();
        long bars = 0;
        for (TreeMap<Long, Bar> symbol : bySymbol.values()) {
            sequences.add(new ArrayList<>(symbol.values()));
            bars += symbol.size();
        }
        WarmStartTrainer.Result result = new WarmStartTrainer(settings.history(), settings.minBars(), settings.exchangeZone())
                .train(sequences, EPOCHS, settings.learningRate(), settings.l2(), HELD_OUT_SHARE);
        if (result.examples() > 0) {
            publish(new ModelWeights(StoreNames.ANY_SYMBOL, FeatureCalculator.NAMES, list(result.weights()), result.bias(),
                    list(result.means()), list(result.variances()), result.examples(), "replay of md.bars.1m",
                    EventTime.nowMicros(clock)));
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        for (int i = 0; i < FeatureCalculator.NAMES.size(); i++) {
            weights.put(FeatureCalculator.NAMES.get(i), result.weights()[i]);
        }
        String heldOutFrom = result.heldOut() == 0 ? null : EventTime.toInstant(result.heldOutFromMicros()).toString();
        return new Summary(bars, bySymbol.size(), result.examples(), result.trainedOn(), result.heldOut(), heldOutFrom,
                result.heldOutHitRate(), result.heldOutBaselineRate(), weights, result.bias());
    }

    /** Every committed closed bar, by symbol and window end (a bar seen twice counts once). */
    private Map<String, TreeMap<Long, Bar>> readBars() {
        Map<String, Object> config = connection();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, TreeMap<Long, Bar>> bySymbol = new HashMap<>();
        try (KafkaConsumer<String, Bar> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                Topics.MD_BARS_1M.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.MD_BARS_1M.name(), Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                for (ConsumerRecord<String, Bar> record : consumer.poll(POLL)) {
                    Bar bar = record.value();
                    if (record.key() != null && bar != null && bar.getTradeCount() > 0) {
                        bySymbol.computeIfAbsent(record.key(), unused -> new TreeMap<>()).put(bar.getWindowEndMicros(), bar);
                    }
                }
            }
        }
        return bySymbol;
    }

    private void publish(ModelWeights weights) throws ExecutionException, InterruptedException {
        Map<String, Object> config = connection();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, ModelWeights> producer = new KafkaProducer<>(config, new StringSerializer(),
                Topics.STRATEGY_MODEL_WEIGHTS.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.STRATEGY_MODEL_WEIGHTS.name(), weights.getSymbol(), weights)).get();
        }
    }

    /** Where the broker is and how to reach it (TLS, SASL), from the service's Kafka settings. */
    private Map<String, Object> connection() {
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.keySet().removeIf(key -> !key.equals("bootstrap.servers") && !key.startsWith("security.") && !key.startsWith("ssl.")
                && !key.startsWith("sasl."));
        return settings;
    }

    private static List<Double> list(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double value : values) {
            list.add(value);
        }
        return list;
    }
}
