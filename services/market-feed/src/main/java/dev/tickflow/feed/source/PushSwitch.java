package dev.tickflow.feed.source;

import java.util.Map;

import dev.tickflow.feed.FeedConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns the push endpoints (POST /ticks, /ws/ticks) on and off; while off they answer 503. */
@ApplicationScoped
public class PushSwitch implements ControllableSource {

    private volatile boolean running;

    PushSwitch(FeedConfig config) {
        this.running = config.push().enabled();
    }

    @Override
    public String name() {
        return "push";
    }

    @Override
    public boolean running() {
        return running;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public Map<String, Object> status() {
        return Map.of("endpoints", java.util.List.of("POST /ticks", "WS /ws/ticks"));
    }
}
