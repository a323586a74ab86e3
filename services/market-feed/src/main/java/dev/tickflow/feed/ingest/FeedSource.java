package dev.tickflow.feed.ingest;

import dev.tickflow.model.TickSource;

/** The ways ticks enter; the name is the metrics tag and the dead-letter source header. */
public enum FeedSource {
    SIMULATOR("simulator", TickSource.SIMULATOR),
    FILE_REPLAY("file-replay", TickSource.FILE_REPLAY),
    HTTP_POLL("http-poll", TickSource.HTTP_POLL),
    PUSH_REST("push-rest", TickSource.PUSH),
    PUSH_WEBSOCKET("push-websocket", TickSource.PUSH);

    private final String tag;
    private final TickSource tickSource;

    FeedSource(String tag, TickSource tickSource) {
        this.tag = tag;
        this.tickSource = tickSource;
    }

    public String tag() {
        return tag;
    }

    public TickSource tickSource() {
        return tickSource;
    }
}
