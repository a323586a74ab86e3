package dev.tickflow.gateway.orders;

import java.util.Map;
import java.util.Optional;

import dev.tickflow.model.Instrument;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.support.tables.TableFollower;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The instruments reference data publishes (ref.instruments, read whole and followed): order entry refuses a symbol
 * nobody lists or one that is not tradable at once, with a 400, instead of sending it on to be refused by risk.
 */
@ApplicationScoped
public class InstrumentDirectory {

    private final TableFollower tables;
    private final Map<String, Instrument> instruments;

    InstrumentDirectory(@Identifier("default-kafka-broker") Map<String, Object> kafka, MeterRegistry meters) {
        tables = new TableFollower("order-gateway", kafka);
        instruments = tables.follow(Topics.REF_INSTRUMENTS);
        FunctionCounter.builder("tickflow.tables.undecodable", tables, TableFollower::undecodable).tag("service", "order-gateway")
                .description("Reference-data records that could not be read (the previous value stays)").register(meters);
    }

    void start(@Observes StartupEvent event) {
        tables.start();
    }

    void stop(@Observes ShutdownEvent event) {
        tables.close();
    }

    public Optional<Instrument> find(String symbol) {
        return Optional.ofNullable(instruments.get(symbol));
    }

    /** Whether every instrument published before this instance started is known. */
    public boolean caughtUp() {
        return tables.caughtUp();
    }
}
