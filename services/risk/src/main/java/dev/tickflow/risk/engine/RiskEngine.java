package dev.tickflow.risk.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.tickflow.model.EventTime;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.risk.RiskConfig;
import dev.tickflow.risk.state.RiskState;
import dev.tickflow.sequencer.DeclaredTopology;
import dev.tickflow.sequencer.InputTracing;
import dev.tickflow.sequencer.PartitionOwners;
import dev.tickflow.sequencer.RuntimeStatus;
import dev.tickflow.sequencer.SequencedRuntime;
import dev.tickflow.sequencer.SequencerSettings;
import dev.tickflow.support.tables.TableFollower;
import io.micrometer.core.instrument.FunctionCounter;
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
 * Risk as a sequenced service: the partition groups of its four account-keyed inputs run {@link RiskMachine}s on the
 * sequencer runtime, with the reference data followed beside them. What the REST API reads comes from here.
 */
@ApplicationScoped
public class RiskEngine {

    public static final String SERVICE = "risk";

    private final TableFollower tables;
    private final ReferenceData reference;
    private final SequencedRuntime runtime;
    private final PartitionOwners owners;
    private final String self;

    RiskEngine(RiskConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka, MeterRegistry meters,
            @ConfigProperty(name = "quarkus.http.port") int port, @ConfigProperty(name = "tickflow.sequencer.group-id") String groupId,
            @ConfigProperty(name = "tickflow.sequencer.inputs") List<String> inputs,
            @ConfigProperty(name = "tickflow.sequencer.outputs") List<String> outputs,
            @ConfigProperty(name = "tickflow.sequencer.snapshot-topic") String snapshotTopic, OpenTelemetry telemetry,
            @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false") boolean telemetryOff,
            @ConfigProperty(name = "quarkus.otel.traces.enabled", defaultValue = "true") boolean traces) {
        tables = new TableFollower(SERVICE, kafka);
        reference = new ReferenceData(tables.follow(Topics.REF_LIMITS), tables.follow(Topics.MD_DAILY_STATS),
                tables.follow(Topics.REF_INSTRUMENTS));
        FunctionCounter.builder("tickflow.tables.undecodable", tables, TableFollower::undecodable).tag("service", SERVICE)
                .description("Reference-data records that could not be read (the previous value stays)").register(meters);
        PreTradeChecks checks = new PreTradeChecks(config.rejectUnknownInstruments());
        Limits defaults = Limits.of(config.defaultLimits());
        int remembered = config.rememberedCommands();
        self = config.advertisedHost() + ":" + port;
        Duration session = config.sessionTimeout();
        SequencerSettings settings = new SequencerSettings(SERVICE, SERVICE, RiskInputs.TOPICS, RiskInputs.OUTPUTS,
                Topics.RISK_SNAPSHOTS.name(), config.snapshotInterval(), config.snapshotEveryInputs(), self, kafka,
                Map.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) session.toMillis(),
                        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(500, session.toMillis() / 4)));
        DeclaredTopology.check(settings, groupId, inputs, outputs, snapshotTopic);
        runtime = new SequencedRuntime(settings, (partition, snapshot) -> new RiskMachine(checks, defaults, () -> reference,
                () -> EventTime.fromMillis(System.currentTimeMillis()),
                snapshot == null ? new RiskState(remembered) : RiskState.decode(snapshot, remembered)), meters,
                new InputTracing(telemetry, SERVICE, traces && !telemetryOff));
        owners = new PartitionOwners(kafka, SERVICE, RiskInputs.TOPICS.getFirst());
    }

    void start(@Observes StartupEvent event) {
        tables.start();
        runtime.start();
    }

    void stop(@Observes ShutdownEvent event) {
        runtime.close();
        tables.close();
        owners.close();
    }

    /** Ready: the reference data read and every owned partition live. */
    public boolean ready() {
        return tables.caughtUp() && runtime.status().ready();
    }

    public RuntimeStatus status() {
        return runtime.status();
    }

    public boolean tablesCaughtUp() {
        return tables.caughtUp();
    }

    public ReferenceData reference() {
        return reference;
    }

    /** Where an account's state is: here, at another instance ({@code host:port}), or nowhere right now. */
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

    /** Reads the state of the account's partition here, or says who owns it. */
    public <R> Location read(String account, Function<RiskState, R> query) {
        if (!runtime.started()) {
            return new Nowhere("risk is starting");
        }
        int partition = runtime.partitionOf(account);
        Optional<R> local = runtime.read(partition, machine -> query.apply(((RiskMachine) machine).state()));
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
