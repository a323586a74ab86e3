package dev.tickflow.feed.ingest;

import java.util.List;

/** What became of a pushed payload. */
public sealed interface IngestOutcome {

    /** Every tick was either published or dead-lettered, and the broker acknowledged all of it. */
    record Done(int accepted, List<Validated.Refused> refused) implements IngestOutcome {
    }

    /** Too much is in flight: nothing was sent, the caller should retry later. */
    record Busy() implements IngestOutcome {
    }

    /** The broker did not acknowledge some sends: the caller should retry the payload. */
    record Unavailable(Throwable cause) implements IngestOutcome {
    }
}
