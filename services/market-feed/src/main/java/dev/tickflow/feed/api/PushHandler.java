package dev.tickflow.feed.api;

import java.util.ArrayList;
import java.util.List;

import dev.tickflow.feed.FeedConfig;
import dev.tickflow.feed.ingest.FeedSource;
import dev.tickflow.feed.ingest.IngestOutcome;
import dev.tickflow.feed.ingest.JsonTickReader;
import dev.tickflow.feed.ingest.RawTick;
import dev.tickflow.feed.ingest.TickIngestor;
import dev.tickflow.feed.ingest.Validated;
import dev.tickflow.feed.ingest.Violation;
import dev.tickflow.feed.source.PushSwitch;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** What both push endpoints do with a payload: size check, parse, ingest, and one answer shape for either. */
@ApplicationScoped
public class PushHandler {

    /** Seconds a client should wait before retrying when the feed is saturated or the broker is away. */
    static final int RETRY_AFTER_SECONDS = 1;

    private final JsonTickReader reader;
    private final TickIngestor ingestor;
    private final PushSwitch pushSwitch;
    private final FeedConfig config;

    PushHandler(JsonTickReader reader, TickIngestor ingestor, PushSwitch pushSwitch, FeedConfig config) {
        this.reader = reader;
        this.ingestor = ingestor;
        this.pushSwitch = pushSwitch;
        this.config = config;
    }

    /** The answer: {@code null} problem means every tick was accepted. */
    public record Answer(int accepted, Problem problem) {
    }

    public Uni<Answer> handle(byte[] payload, FeedSource source) {
        if (!pushSwitch.running()) {
            return Uni.createFrom().item(new Answer(0, Problem.of("feed-stopped", "Push feed stopped", 503,
                    "the push feed is switched off; POST /sources/push/start switches it on")));
        }
        List<RawTick> raws = payload.length > config.maxPayloadBytes()
                ? List.of(JsonTickReader.whole(payload, "payload-too-large",
                        "the payload has " + payload.length + " bytes, at most " + config.maxPayloadBytes() + " are accepted"))
                : reader.read(payload, config.maxBatchSize());
        return ingestor.ingest(raws, source).onItem().transform(PushHandler::answer);
    }

    private static Answer answer(IngestOutcome outcome) {
        return switch (outcome) {
            case IngestOutcome.Done done when done.refused().isEmpty() -> new Answer(done.accepted(), null);
            case IngestOutcome.Done done -> new Answer(done.accepted(), refused(done));
            case IngestOutcome.Busy busy -> new Answer(0, Problem.of("feed-busy", "Feed busy", 503,
                    "too many ticks are waiting for the broker; retry after " + RETRY_AFTER_SECONDS + " s"));
            case IngestOutcome.Unavailable unavailable -> new Answer(0, Problem.of("broker-unavailable", "Broker unavailable",
                    503, "the broker did not acknowledge the ticks; retry the payload"));
        };
    }

    private static Problem refused(IngestOutcome.Done done) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (Validated.Refused refused : done.refused()) {
            for (Violation violation : refused.violations()) {
                errors.add(new Problem.FieldError(refused.raw().location(), violation.field(), violation.code(), violation.message()));
            }
        }
        int total = done.accepted() + done.refused().size();
        String detail = done.refused().size() + " of " + total + " ticks refused and kept on the dead-letter topic; "
                + done.accepted() + " accepted";
        return new Problem(Problem.of("invalid-ticks", "Invalid ticks", 400, null).type(), "Invalid ticks", 400, detail,
                List.copyOf(errors), done.accepted());
    }
}
