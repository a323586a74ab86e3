package dev.tickflow.matching.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.tickflow.model.EventTime;
import dev.tickflow.model.topic.TopicNames;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.sequencer.DeclaredTopology;
import dev.tickflow.sequencer.InputTracing;
import dev.tickflow.sequencer.PartitionOwners;
import dev.tickflow.sequencer.RuntimeStatus;
import dev.tickflow.sequencer.SequencedRuntime;
import dev.tickflow.sequencer.SequencerSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The matching engine as a sequenced service: one {@link MatchingMachine} per orders.accepted partition on the
 * sequencer runtime, and the session clock that writes each close into the input log.
 */
@ApplicationScoped
public class MatchingEngine {

    public static final String SERVICE = MatchingMachine.SERVICE;
    static final List<String> INPUTS = List.of(TopicNames.ORDERS_ACCEPTED);
    static final List<String> OUTPUTS = List.of(TopicNames.EXECUTIONS, TopicNames.MD_TICKS, TopicNames.MD_BOOK, TopicNames.ORDERS_REJECTED,
            TopicNames.ORDERS_ACCEPTED + TopicNames.DEAD_LETTER_SUFFIX);

    private final SequencedRuntime runtime;
    private final PartitionOwners owners;
    private final SessionClock clock;
    private final String self;

    MatchingEngine(MatchingConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka, MeterRegistry meters,
            @ConfigProperty(name = "quarkus.http.port") int port, @ConfigProperty(name = "tickflow.sequencer.group-id") String groupId,
            @ConfigProperty(name = "tickflow.sequencer.inputs") List<String> inputs,
            @ConfigProperty(name = "tickflow.sequencer.outputs") List<String> outputs,
            @ConfigProperty(name = "tickflow.sequencer.snapshot-topic") String snapshotTopic, OpenTelemetry telemetry,
            @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false") boolean telemetryOff,
            @ConfigProperty(name = "quarkus.otel.traces.enabled", defaultValue = "true") boolean traces) {
        TradingSession session = new TradingSession(config.exchangeZone(), config.sessionClose());
        self = config.advertisedHost() + ":" + port;
        Duration timeout = config.sessionTimeout();
        SequencerSettings settings = new SequencerSettings(SERVICE, SERVICE, INPUTS, OUTPUTS, Topics.MATCHING_SNAPSHOTS.name(),
                config.snapshotInterval(), config.snapshotEveryInputs(), self, kafka,
                Map.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(500, timeout.toMillis() / 4)));
        DeclaredTopology.check(settings, groupId, inputs, outputs, snapshotTopic);
        runtime = new SequencedRuntime(settings, (partition, snapshot) -> {
            MatchingMachine machine = new MatchingMachine(session, () -> EventTime.fromMillis(System.currentTimeMillis()));
            if (snapshot != null) {
                EngineSnapshot.restore(machine, snapshot);
            }
            return machine;
        }, meters, new InputTracing(telemetry, SERVICE, traces && !telemetryOff));
        owners = new PartitionOwners(kafka, SERVICE, TopicNames.ORDERS_ACCEPTED);
        clock = new SessionClock(runtime, session, kafka, config.sessionCheckInterval());
    }

    void start(@Observes StartupEvent event) {
        runtime.start();
        clock.start();
    }

    void stop(@Observes ShutdownEvent event) {
        clock.close();
        runtime.close();
        owners.close();
    }

    public RuntimeStatus status() {
        return runtime.status();
    }

    /** Where a symbol's book is: read here, at another instance ({@code host:port}), or nowhere right now. */
    public sealed interface Location {
    }

    /** Answered here. */
    public record Here<R>(R value) implements Location {
    }

    /** Owned by another instance. */
    public record There(String owner) implements Location {
    }

    /** Nobody can answer now (rebalancing, replaying). */
    public record Nowhere(String why) implements Location {
    }

    /** Reads the symbol's book here (the query gets null for a symbol without a book, and must not answer null), or says who owns it. */
    public <R> Location read(String symbol, Function<SymbolBook, R> query) {
        if (!runtime.started()) {
            return new Nowhere("the matching engine is starting");
        }
        int partition = runtime.partitionOf(symbol);
        Optional<R> local = runtime.read(partition, machine -> {
            return query.apply(((MatchingMachine) machine).books.get(symbol));
        });
        if (local.isPresent()) {
            return new Here<>(local.get());
        }
        if (runtime.owned().contains(partition)) {
            return new Nowhere("partition " + partition + " is replaying");
        }
        Optional<String> owner = owners.ownerOf(partition);
        if (owner.isEmpty() || owner.get().equals(self)) {
            return new Nowhere("no instance owns partition " + partition + " right now (rebalancing)");
        }
        return new There(owner.get());
    }
}
