package dev.tickflow.risk.engine;

/** A record the risk machine wrote, decoded. */
record Received<V>(String key, V value) {
}
