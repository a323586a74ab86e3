package dev.tickflow.refdata.lookup;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.tickflow.model.EventTime;
import dev.tickflow.model.Instrument;
import dev.tickflow.model.LookupReply;
import dev.tickflow.model.LookupRequest;
import dev.tickflow.model.LookupStatus;
import dev.tickflow.model.topic.Channels;
import dev.tickflow.refdata.instruments.InstrumentEntity;
import dev.tickflow.refdata.instruments.LikePattern;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

/**
 * Request/reply over Kafka: questions on ref.lookup.requests are answered on ref.lookup.replies under the same
 * correlation id (the key). Instrument search by symbol prefix or a part of the name, and short definitions of market
 * terms in English or French. A question whose asker has stopped waiting is dropped unanswered.
 */
@ApplicationScoped
public class LookupService {

    static final int MAX_INSTRUMENTS = 20;
    private final Clock clock = Clock.systemUTC();

    @Incoming(Channels.REF_LOOKUP_REQUESTS)
    @Outgoing(Channels.REF_LOOKUP_REPLIES)
    public Uni<Record<String, LookupReply>> answer(LookupRequest request) {
        if (request.getDeadlineMicros() < EventTime.nowMicros(clock)) {
            return Uni.createFrom().nullItem();
        }
        Uni<LookupReply> reply = switch (request.getKind()) {
            case INSTRUMENT_SEARCH -> search(request);
            case TERM_DEFINITION -> Uni.createFrom().item(Glossary.define(request.getQuery(), request.getLanguage())
                    .map(definition -> reply(request, LookupStatus.OK, List.of(), definition, null))
                    .orElseGet(() -> reply(request, LookupStatus.NOT_FOUND, List.of(), null, "no definition of " + request.getQuery())));
            default -> Uni.createFrom().item(reply(request, LookupStatus.ERROR, List.of(), null,
                    "ask for INSTRUMENT_SEARCH or TERM_DEFINITION"));
        };
        return reply.onFailure().recoverWithItem(failure -> reply(request, LookupStatus.ERROR, List.of(), null,
                "the lookup failed: " + failure.getMessage()))
                .map(answer -> Record.of(request.getCorrelationId(), answer));
    }

    private Uni<LookupReply> search(LookupRequest request) {
        String query = request.getQuery().trim();
        if (query.isEmpty()) {
            return Uni.createFrom().item(reply(request, LookupStatus.ERROR, List.of(), null, "an empty search"));
        }
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("prefix", LikePattern.literal(query.toUpperCase(Locale.ROOT)) + "%");
        parameters.put("name", "%" + LikePattern.literal(query.toLowerCase(Locale.ROOT)) + "%");
        return Panache.withSession(() -> InstrumentEntity.<InstrumentEntity>find(
                        "symbol like :prefix escape '\\' or lower(name) like :name escape '\\'", Sort.by("symbol"), parameters)
                .page(Page.ofSize(MAX_INSTRUMENTS)).list())
                .map(found -> found.isEmpty()
                        ? reply(request, LookupStatus.NOT_FOUND, List.of(), null, "no instrument matches " + query)
                        : reply(request, LookupStatus.OK, found.stream().map(LookupService::instrument).toList(), null, null));
    }

    private LookupReply reply(LookupRequest request, LookupStatus status, List<Instrument> instruments, String definition,
            String message) {
        return LookupReply.newBuilder().setCorrelationId(request.getCorrelationId()).setStatus(status).setInstruments(instruments)
                .setDefinition(definition).setMessage(message).setRepliedAtMicros(EventTime.nowMicros(clock)).build();
    }

    private static Instrument instrument(InstrumentEntity entity) {
        return Instrument.newBuilder().setSymbol(entity.symbol).setName(entity.name).setCurrency(entity.currency)
                .setTickSize(entity.tickSize).setLotSize(entity.lotSize).setSector(entity.sector).setTradable(entity.tradable)
                .setUpdatedAtMicros(EventTime.toMicros(entity.updatedAt.toInstant())).build();
    }
}
