package dev.tickflow.web.assistant;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.tickflow.model.LookupReply;
import dev.tickflow.support.lookup.LookupClient;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The glossary over Kafka request/reply. The client is made on first use, on a worker thread: making it waits for the
 * replies topic's partitions, which must not hold up start-up nor an event loop.
 */
@ApplicationScoped
public class Lookups {

    private final Map<String, Object> kafka;
    private volatile LookupClient client;

    Lookups(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.kafka = kafka;
    }

    Uni<LookupReply> define(String term, String language, Duration timeout) {
        return Uni.createFrom().item(this::client).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(lookups -> Uni.createFrom().completionStage(lookups.define(term, language, timeout)));
    }

    private LookupClient client() {
        LookupClient made = client;
        if (made == null) {
            synchronized (this) {
                made = client;
                if (made == null) {
                    // the connection settings only: where the broker is and how to reach it (TLS, SASL)
                    Map<String, Object> settings = new HashMap<>(kafka);
                    settings.keySet().removeIf(key -> !key.equals("bootstrap.servers") && !key.startsWith("security.")
                            && !key.startsWith("ssl.") && !key.startsWith("sasl."));
                    made = new LookupClient(settings);
                    client = made;
                }
            }
        }
        return made;
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }
}
