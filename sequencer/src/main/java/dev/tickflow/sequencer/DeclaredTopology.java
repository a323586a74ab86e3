package dev.tickflow.sequencer;

import java.util.List;

/**
 * Holds a sequenced service to what its configuration declares (for deployment tooling) about the topics it runs on:
 * a mismatch is a build or deployment mistake, found at start rather than in a replay that no longer lines up.
 */
public final class DeclaredTopology {

    private DeclaredTopology() {
    }

    public static void check(SequencerSettings settings, String groupId, List<String> inputs, List<String> outputs, String snapshotTopic) {
        require("group-id", List.of(settings.groupId()), List.of(groupId));
        require("inputs", settings.inputs(), inputs);
        require("outputs", settings.outputs(), outputs);
        require("snapshot-topic", List.of(settings.snapshotTopic()), List.of(snapshotTopic));
    }

    private static void require(String what, List<String> code, List<String> declared) {
        if (!code.equals(declared)) {
            throw new IllegalStateException("tickflow.sequencer." + what + " declares " + declared + " but the service runs on " + code);
        }
    }
}
