package dev.tickflow.feed.replay;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of POST /sources/file-replay/start.
 *
 * @param file a file in the replay directory, or a bundled sample (sample-ticks.csv, sample-ticks.jsonl)
 * @param speed {@code 1} for real time, {@code 10} for ten times faster, {@code max} for as fast as possible
 * @param rebaseTime stamp ticks with the time they are replayed instead of the time in the file
 * @param loop start over at the end until stopped
 */
@RegisterForReflection
public record ReplayRequest(String file, String speed, Boolean rebaseTime, Boolean loop) {
}
