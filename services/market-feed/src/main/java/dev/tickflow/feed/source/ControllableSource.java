package dev.tickflow.feed.source;

import java.util.Map;

/** A tick source that can be switched on and off at run time (GET/POST /sources). */
public interface ControllableSource {

    /** The name in /sources/{name}. */
    String name();

    boolean running();

    void start();

    void stop();

    /** What a person wants to know about it now: settings and counts. */
    Map<String, Object> status();
}
